#!/usr/bin/env node
"use strict";
// An independent OPC UA client (node-opcua) checks the information model the way an integrator's
// tool would: units and ranges of analog values, enumeration strings, method signatures.
//
//   node model-check.js opc.tcp://127.0.0.1:4840 [MACHINE]
//
// For every axis of every motion device: ParameterSet/ActualPosition's EngineeringUnits
// (display name, UNECE unit id) and EURange (low, high); ParameterSet/AxisState's DataType and
// that enumeration's EnumStrings; every method of the axis with its InputArguments (name, data
// type). Prints one line of JSON:
//   {"axes":[{"name","engineeringUnits":{"displayName","unitId"},"euRange":{"low","high"},
//             "axisStateType","axisStateStrings":[...],"methods":[{"name","arguments":[{"name","dataType"}]}]}]}
const { AttributeIds, NodeClass } = require("node-opcua");
const lib = require("./lib");

async function read(session, nodeId, attributeId = AttributeIds.Value) {
  const dv = await session.read({ nodeId, attributeId });
  if (!dv.statusCode.isGood()) {
    throw new Error(`reading ${nodeId.toString()} failed: ${dv.statusCode.toString()}`);
  }
  return dv.value.value;
}

async function property(session, nodeId, name) {
  const p = lib.named(await lib.children(session, nodeId), name);
  if (!p) {
    throw new Error(`${nodeId.toString()} has no ${name}`);
  }
  return read(session, p.nodeId);
}

async function checkAxis(session, axis) {
  const params = lib.named(await lib.children(session, axis.nodeId), "ParameterSet");
  if (!params) {
    throw new Error(`axis ${axis.name} has no ParameterSet`);
  }
  const paramChildren = await lib.children(session, params.nodeId);
  const position = lib.named(paramChildren, "ActualPosition");
  const eu = await property(session, position.nodeId, "EngineeringUnits");
  const range = await property(session, position.nodeId, "EURange");
  const state = lib.named(paramChildren, "AxisState");
  const stateType = await read(session, state.nodeId, AttributeIds.DataType);
  const strings = await property(session, stateType, "EnumStrings");
  const methods = [];
  for (const m of await lib.children(session, axis.nodeId)) {
    if (m.nodeClass !== NodeClass.Method) {
      continue;
    }
    const inputs = lib.named(await lib.children(session, m.nodeId), "InputArguments");
    const args = inputs ? await read(session, inputs.nodeId) : [];
    methods.push({
      name: m.name,
      arguments: (args || []).map((a) => ({ name: a.name, dataType: a.dataType.toString() })),
    });
  }
  return {
    name: axis.name,
    engineeringUnits: { displayName: eu.displayName.text, unitId: eu.unitId },
    euRange: { low: range.low, high: range.high },
    axisStateType: await lib.browseNameOf(session, stateType),
    axisStateStrings: strings.map((t) => t.text),
    methods,
  };
}

(async () => {
  lib.watchdog(60000);
  const url = process.argv[2];
  const { client, session } = await lib.connect(url);
  try {
    const { motionDevices } = await lib.findMotionDevices(session, process.argv[3]);
    const axes = [];
    for (const device of motionDevices) {
      for (const axis of device.axes) {
        axes.push(await checkAxis(session, axis));
      }
    }
    lib.emit({ endpoint: url, axes });
  } catch (err) {
    lib.fail(err.message);
  } finally {
    await lib.disconnect(client, session);
  }
})();
