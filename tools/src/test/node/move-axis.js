#!/usr/bin/env node
"use strict";
// An independent OPC UA client (node-opcua) moves one axis of a MotionUA machine.
//
//   node move-axis.js opc.tcp://127.0.0.1:4840 AXIS TARGET VELOCITY [MACHINE]
//
// Security None, anonymous. Finds the axis like browse-demo.js, reads the InputArguments of its
// MoveAbsolute method and calls it with Position=TARGET, Velocity=VELOCITY and, when the method
// takes them, Acceleration=0 and Deceleration=0 ("use the axis default"). Then reads
// ParameterSet/ActualPosition every 50 ms until it is within 0.01 of TARGET or 30 s have passed.
// Prints one line of JSON on stdout:
//   {"axis","arguments":[names],"statusCode","startPosition","finalPosition","reached",
//    "elapsedMs","samples"}
// elapsedMs runs from just before the call to the first read within tolerance.
// Exits 1 (after printing the JSON when there is one) if the call is not Good or the target is
// not reached in time.
const { DataType, Variant } = require("node-opcua");
const lib = require("./lib");

const TOLERANCE = 0.01;
const POLL_MS = 50;
const MOVE_LIMIT_MS = 30000;

function number(text, what) {
  const v = Number(text);
  if (text === undefined || text === "" || !Number.isFinite(v)) {
    lib.fail(`${what} must be a number, got '${text === undefined ? "" : text}'`);
  }
  return v;
}

async function findMethod(session, axis) {
  const axisChildren = await lib.children(session, axis.nodeId);
  let method = axisChildren.find((c) => c.name === "MoveAbsolute");
  if (!method) {
    const methodSet = lib.named(axisChildren, "MethodSet");
    if (methodSet) {
      method = lib.named(await lib.children(session, methodSet.nodeId), "MoveAbsolute");
    }
  }
  if (!method) {
    throw new Error(`axis '${axis.name}' has no MoveAbsolute method`);
  }
  const props = await lib.children(session, method.nodeId);
  const inputArgs = lib.named(props, "InputArguments");
  if (!inputArgs) {
    throw new Error(`MoveAbsolute of '${axis.name}' has no InputArguments property`);
  }
  const dv = await lib.readValue(session, inputArgs.nodeId);
  if (!dv.good || !Array.isArray(dv.value)) {
    throw new Error(`cannot read MoveAbsolute.InputArguments of '${axis.name}': ${dv.status}`);
  }
  return { nodeId: method.nodeId, arguments: dv.value };
}

function variantFor(argument, value) {
  const dt = argument.dataType;
  // Only numeric namespace-0 data types are expected here: Double (11) or Float (10).
  if (dt.namespace === 0 && dt.value === DataType.Float) {
    return new Variant({ dataType: DataType.Float, value });
  }
  if (dt.namespace === 0 && dt.value === DataType.Double) {
    return new Variant({ dataType: DataType.Double, value });
  }
  throw new Error(`argument '${argument.name}' has data type ${dt.toString()}, expected Double or Float`);
}

function valueFor(argument, index, target, velocity) {
  const name = (argument.name || "").toLowerCase();
  if (name.startsWith("pos")) return target;
  if (name.startsWith("vel")) return velocity;
  if (name.startsWith("acc") || name.startsWith("dec")) return 0;
  return [target, velocity, 0, 0][index] ?? 0;
}

async function main() {
  const [endpointUrl, axisName, targetText, velocityText, machineName] = process.argv.slice(2);
  if (!axisName) {
    lib.fail("usage: node move-axis.js opc.tcp://HOST:PORT AXIS TARGET VELOCITY [MACHINE]");
  }
  const target = number(targetText, "TARGET");
  const velocity = number(velocityText, "VELOCITY");
  lib.watchdog(MOVE_LIMIT_MS + 30000);
  const { client, session } = await lib.connect(endpointUrl);
  const result = { axis: axisName, target, velocity };
  try {
    const { axis } = await lib.findAxis(session, axisName, machineName);
    const pos = await lib.findActualPosition(session, axis);
    const method = await findMethod(session, axis);
    result.arguments = method.arguments.map((a) => a.name);
    const inputArguments = method.arguments.map((a, i) =>
      variantFor(a, valueFor(a, i, target, velocity))
    );

    const start = await lib.readValue(session, pos.nodeId);
    result.startPosition = start.value;

    const t0 = Date.now();
    const call = await lib.withTimeout(
      session.call({ objectId: axis.nodeId, methodId: method.nodeId, inputArguments }),
      15000,
      "calling MoveAbsolute"
    );
    result.statusCode = call.statusCode.name;
    result.callMs = Date.now() - t0;
    if (!call.statusCode.isGood()) {
      const argResults = (call.inputArgumentResults || []).map((s) => s.name);
      result.inputArgumentResults = argResults;
      result.finalPosition = start.value;
      result.reached = false;
      result.elapsedMs = Date.now() - t0;
      return { result, error: `MoveAbsolute returned ${call.statusCode.toString()}` };
    }

    let last = start;
    let samples = 0;
    while (Date.now() - t0 < MOVE_LIMIT_MS) {
      last = await lib.readValue(session, pos.nodeId);
      samples++;
      if (last.good && typeof last.value === "number" && Math.abs(last.value - target) <= TOLERANCE) {
        break;
      }
      await lib.sleep(POLL_MS);
    }
    result.elapsedMs = Date.now() - t0;
    result.finalPosition = last.value;
    result.finalStatus = last.status;
    result.samples = samples;
    result.reached =
      last.good && typeof last.value === "number" && Math.abs(last.value - target) <= TOLERANCE;
    if (!result.reached) {
      return {
        result,
        error: `axis '${axisName}' did not reach ${target} within ${MOVE_LIMIT_MS} ms (last ${last.value}, ${last.status})`,
      };
    }
    return { result };
  } finally {
    await lib.disconnect(client, session);
  }
}

main().then(
  ({ result, error }) => {
    if (error) {
      lib.fail(error, result);
    }
    lib.emit(result);
    process.exit(0);
  },
  (err) => lib.fail(err && err.message ? err.message : String(err))
);
