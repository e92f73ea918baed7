#!/usr/bin/env node
"use strict";
// An independent OPC UA client (node-opcua) that knows only the companion specifications
// (OPC 10000-100 DI, OPC 40001-1 Machinery, OPC 40010-1 Robotics) looks for the machine the way
// a generic Robotics / Machinery client would:
//
//   node companion-check.js opc.tcp://127.0.0.1:4840
//
// - the DI, Machinery and Robotics namespace URIs in the server's NamespaceArray (i=2255);
// - the objects in Machinery's Machines folder (Machinery i=1001) and in DI's DeviceSet (DI i=5001);
// - for each machine found in both: its MotionDevices, each device's PowerTrains, and for each
//   power train the reference types of its Moves reference and of its motor's IsDrivenBy and
//   IsConnectedTo references, with the namespace URI of each reference type;
// - each axis's type definition chain (namespace URI and name of every supertype);
// - each machine's type chain, its MotionDevices/Controllers/SafetyStates folders' browse names,
//   the type of its Identification and its Machinery state machines ("systems");
// - each power train's drive DeviceHealth (browse name, value, status);
// - every variable below the machine (depth <= 8) whose value reads Good with a null value, and
//   every node below it (depth <= 8) without a Description ("undescribed").
// Prints one line of JSON:
//   {"namespaces":{"di","machinery","robotics"},"machines":[names],"deviceSet":[names],
//    "trains":[{"name","moves":{"uri","name"},"isDrivenBy":{...},"isConnectedTo":{...}}],
//    "axes":[{"name","types":[{"uri","name"}]}],"systems":[{"name","types","folders","identification"}],
//    "variables":N,"goodNull":[paths]}
const { AttributeIds, NodeClass, BrowseDirection } = require("node-opcua");
const lib = require("./lib");

const DI = "http://opcfoundation.org/UA/DI/";
const MACHINERY = "http://opcfoundation.org/UA/Machinery/";
const ROBOTICS = "http://opcfoundation.org/UA/Robotics/";

async function namespaceArray(session) {
  const dv = await session.read({ nodeId: "i=2255", attributeId: AttributeIds.Value });
  return dv.value.value;
}

async function qualifiedName(session, uris, nodeId) {
  const dv = await session.read({ nodeId, attributeId: AttributeIds.BrowseName });
  const q = dv.value.value;
  return { uri: uris[q.namespaceIndex], name: q.name };
}

async function typeChain(session, uris, typeId) {
  const chain = [];
  let current = typeId;
  for (let depth = 0; current && !current.isEmpty() && depth < 12; depth++) {
    chain.push(await qualifiedName(session, uris, current));
    const up = await session.browse({
      nodeId: current,
      browseDirection: BrowseDirection.Inverse,
      referenceTypeId: "HasSubtype",
      includeSubtypes: true,
      nodeClassMask: 0,
      resultMask: 0x3f,
    });
    current = up.references && up.references.length > 0 ? up.references[0].nodeId : null;
  }
  return chain;
}

/**
 * A Machinery state machine of the machine: the type of the object, CurrentState's text and the
 * {uri, name} of the state object CurrentState/Id points at.
 */
async function stateMachine(session, uris, children, name) {
  const sm = lib.named(children, name);
  if (!sm) {
    return null;
  }
  const current = lib.named(await lib.children(session, sm.nodeId), "CurrentState");
  const id = current ? lib.named(await lib.children(session, current.nodeId), "Id") : null;
  const text = current ? (await lib.readValue(session, current.nodeId)).value : null;
  const target = id ? (await lib.readValue(session, id.nodeId)).value : null;
  return {
    type: (await typeChain(session, uris, sm.typeDefinition))[0],
    current: text ? text.text : null,
    state: target ? await qualifiedName(session, uris, target) : null,
  };
}

/** The first forward reference whose type is named `name`, as {uri, name} of the type. */
async function referenceNamed(session, uris, nodeId, name) {
  for (const r of await lib.browse(session, nodeId, null)) {
    const q = await qualifiedName(session, uris, r.referenceTypeId);
    if (q.name === name) {
      return q;
    }
  }
  return null;
}

async function walkVariables(session, nodeId, path, depth, out) {
  if (depth > 8) {
    return;
  }
  for (const c of await lib.children(session, nodeId)) {
    // Robotics' Moves and IsDrivenBy are hierarchical: each node once, by its first path.
    if (out.seen.has(c.nodeId.toString())) {
      continue;
    }
    out.seen.add(c.nodeId.toString());
    const childPath = `${path}/${c.name}`;
    const description = await session.read({ nodeId: c.nodeId, attributeId: AttributeIds.Description });
    const text = description.value && description.value.value ? description.value.value.text : null;
    if (!text) {
      out.undescribed.push(childPath);
    }
    if (c.nodeClass === NodeClass.Variable) {
      out.count++;
      const v = await lib.readValue(session, c.nodeId);
      if (v.good && (v.value === null || v.value === undefined)) {
        out.goodNull.push(childPath);
      }
    }
    if (c.nodeClass === NodeClass.Object || c.nodeClass === NodeClass.Variable) {
      await walkVariables(session, c.nodeId, childPath, depth + 1, out);
    }
  }
}

(async () => {
  lib.watchdog(120000);
  const url = process.argv[2];
  const { client, session } = await lib.connect(url);
  try {
    const uris = await namespaceArray(session);
    const index = (uri) => uris.indexOf(uri);
    const result = {
      endpoint: url,
      namespaces: { di: index(DI), machinery: index(MACHINERY), robotics: index(ROBOTICS) },
      machines: [],
      deviceSet: [],
      trains: [],
      axes: [],
    };
    if (index(DI) < 0 || index(MACHINERY) < 0 || index(ROBOTICS) < 0) {
      lib.emit(result);
      return;
    }
    const machines = lib.objects(await lib.children(session, `ns=${index(MACHINERY)};i=1001`));
    const devices = lib.objects(await lib.children(session, `ns=${index(DI)};i=5001`));
    result.machines = machines.map((m) => m.name);
    result.deviceSet = devices.map((d) => d.name);
    const out = { count: 0, goodNull: [], undescribed: [], seen: new Set() };
    result.systems = [];
    for (const machine of machines.filter((m) => result.deviceSet.includes(m.name))) {
      const machineChildren = await lib.children(session, machine.nodeId);
      const identification = lib.named(machineChildren, "Identification");
      result.systems.push({
        name: machine.name,
        types: await typeChain(session, uris, machine.typeDefinition),
        // Robotics MotionDeviceSystemType's mandatory folders, with their browse name namespaces.
        folders: await Promise.all(
          ["MotionDevices", "Controllers", "SafetyStates"]
            .map((n) => lib.named(machineChildren, n))
            .filter((c) => c)
            .map((c) => qualifiedName(session, uris, c.nodeId))
        ),
        identification: identification
          ? (await typeChain(session, uris, identification.typeDefinition))[0]
          : null,
        itemState: await stateMachine(session, uris, machineChildren, "MachineryItemState"),
        operationMode: await stateMachine(session, uris, machineChildren, "MachineryOperationMode"),
      });
      const folder = lib.named(machineChildren, "MotionDevices");
      for (const dev of folder ? lib.objects(await lib.children(session, folder.nodeId)) : []) {
        const devChildren = await lib.children(session, dev.nodeId);
        const axes = lib.named(devChildren, "Axes");
        for (const axis of axes ? lib.objects(await lib.children(session, axes.nodeId)) : []) {
          result.axes.push({ name: axis.name, types: await typeChain(session, uris, axis.typeDefinition) });
        }
        const trains = lib.named(devChildren, "PowerTrains");
        for (const train of trains ? lib.objects(await lib.children(session, trains.nodeId)) : []) {
          const trainChildren = await lib.children(session, train.nodeId);
          const motor = lib.named(trainChildren, "Motor");
          const drive = lib.named(trainChildren, "Drive");
          const health = drive ? lib.named(await lib.children(session, drive.nodeId), "DeviceHealth") : null;
          const healthValue = health ? await lib.readValue(session, health.nodeId) : null;
          result.trains.push({
            name: train.name,
            moves: await referenceNamed(session, uris, train.nodeId, "Moves"),
            isDrivenBy: motor ? await referenceNamed(session, uris, motor.nodeId, "IsDrivenBy") : null,
            isConnectedTo: motor ? await referenceNamed(session, uris, motor.nodeId, "IsConnectedTo") : null,
            deviceHealth: healthValue
              ? { browseName: await qualifiedName(session, uris, health.nodeId), value: healthValue.value, status: healthValue.status }
              : null,
          });
        }
      }
      await walkVariables(session, machine.nodeId, machine.name, 0, out);
    }
    result.variables = out.count;
    result.goodNull = out.goodNull;
    result.undescribed = out.undescribed;
    lib.emit(result);
  } catch (err) {
    lib.fail(err.stack || String(err));
  } finally {
    await lib.disconnect(client, session);
  }
})();
