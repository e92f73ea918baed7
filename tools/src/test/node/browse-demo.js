#!/usr/bin/env node
"use strict";
// An independent OPC UA client (node-opcua) looks at a MotionUA machine the way a SCADA would.
//
//   node browse-demo.js opc.tcp://127.0.0.1:4840 [MACHINE]
//
// Security None, anonymous. Browses Objects -> the machine (first object of type MachineType, or
// the object named MACHINE) -> MotionDevices -> each motion device -> Axes and PowerTrains; for
// every axis reads ParameterSet/ActualPosition and finds its power train (the PowerTrain with a
// forward Moves reference to the axis, else the one with the axis's browse name) and in it the
// Motor, Gear and Drive. Prints one line of JSON on stdout:
//   {"endpoint":..., "machine":{...}, "motionDevices":[...],
//    "axes":[{"name","nodeId","positionPath","position","status","good","powerTrain","powerTrainBy",
//             "motor","gear","drive","components":[...]}]}
// Exits 1 with a message on stderr when the tree cannot be walked.
const lib = require("./lib");

const COMPONENTS = {
  motor: { names: ["Motor"], types: ["MotorType"] },
  gear: { names: ["Gear", "Reducer"], types: ["GearType", "ReducerType"] },
  drive: { names: ["Drive"], types: ["DriveType"] },
};

async function movesTargets(session, powerTrain) {
  const refs = await lib.browse(session, powerTrain.nodeId, null);
  const targets = [];
  for (const r of refs) {
    if ((await lib.browseNameOf(session, r.referenceTypeId)) === "Moves") {
      targets.push(r.nodeId.toString());
    }
  }
  return targets;
}

async function component(session, trainChildren, spec) {
  for (const c of trainChildren) {
    if (spec.names.some((n) => c.name === n || c.name.startsWith(n))) {
      return c.name;
    }
  }
  for (const c of trainChildren) {
    if (c.typeDefinition && !c.typeDefinition.isEmpty()) {
      const typeName = await lib.browseNameOf(session, c.typeDefinition);
      if (spec.types.includes(typeName)) {
        return c.name;
      }
    }
  }
  return null;
}

async function main() {
  const [endpointUrl, machineName] = process.argv.slice(2);
  lib.watchdog(60000);
  const { client, session } = await lib.connect(endpointUrl);
  try {
    const { machine, motionDevices } = await lib.findMotionDevices(session, machineName);
    const axes = [];
    for (const device of motionDevices) {
      const trains = [];
      for (const t of device.powerTrains) {
        trains.push({ ref: t, moves: await movesTargets(session, t) });
      }
      for (const axis of device.axes) {
        const pos = await lib.findActualPosition(session, axis);
        const value = await lib.readValue(session, pos.nodeId);
        let train = trains.find((t) => t.moves.includes(axis.nodeId.toString()));
        let by = "Moves";
        if (!train) {
          train = trains.find((t) => t.ref.name === `${axis.name}-PowerTrain`);
          by = "browseName";
        }
        const entry = {
          name: axis.name,
          nodeId: axis.nodeId.toString(),
          motionDevice: device.name,
          positionPath: pos.path,
          position: value.value,
          status: value.status,
          good: value.good,
          powerTrain: train ? train.ref.name : null,
          powerTrainBy: train ? by : null,
          motor: false,
          gear: false,
          drive: false,
          components: [],
        };
        if (train) {
          const trainChildren = await lib.children(session, train.ref.nodeId);
          entry.components = trainChildren.map((c) => c.name);
          for (const [key, spec] of Object.entries(COMPONENTS)) {
            const found = await component(session, trainChildren, spec);
            entry[key] = found !== null;
            entry[key + "Name"] = found;
          }
        }
        axes.push(entry);
      }
    }
    return {
      endpoint: endpointUrl,
      machine: { name: machine.name, nodeId: machine.nodeId.toString(), type: machine.typeName },
      motionDevices: motionDevices.map((d) => ({
        name: d.name,
        axes: d.axes.length,
        powerTrains: d.powerTrains.length,
      })),
      axes,
    };
  } finally {
    await lib.disconnect(client, session);
  }
}

main().then(
  (result) => {
    lib.emit(result);
    process.exit(0);
  },
  (err) => lib.fail(err && err.message ? err.message : String(err))
);
