"use strict";
// Shared helpers for the node-opcua checks (browse-demo.js, move-axis.js).
// node-opcua prints some warnings with console.log; they go to stderr so that stdout carries
// only the JSON result (see emit()).
const stdoutWrite = process.stdout.write.bind(process.stdout);
console.log = console.error;
console.info = console.error;

const {
  OPCUAClient,
  MessageSecurityMode,
  SecurityPolicy,
  BrowseDirection,
  NodeClass,
  AttributeIds,
  resolveNodeId,
} = require("node-opcua");

const OBJECTS_FOLDER = "i=85";
const TOOL = require("path").basename(process.argv[1] || "node-opcua-check");

/** Prints the result as one line of JSON on stdout. */
function emit(result) {
  stdoutWrite(JSON.stringify(result) + "\n");
}

/** Prints a clear message on stderr, optionally a JSON result on stdout, and exits with 1. */
function fail(message, result) {
  if (result !== undefined) {
    emit(result);
  }
  process.stderr.write(`${TOOL}: error: ${message}\n`);
  process.exit(1);
}

/** Rejects after ms with a message naming what took too long. */
function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Kills the whole process when it runs longer than ms (the last line of defence). */
function watchdog(ms) {
  setTimeout(() => fail(`gave up after ${ms} ms (overall time limit)`), ms).unref();
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Connects (security None) and opens an anonymous session. Returns {client, session}. */
async function connect(endpointUrl) {
  if (!endpointUrl || !endpointUrl.startsWith("opc.tcp://")) {
    fail(`expected an endpoint URL like opc.tcp://127.0.0.1:4840 as first argument, got '${endpointUrl || ""}'`);
  }
  const client = OPCUAClient.create({
    applicationName: "motionua-node-check",
    endpointMustExist: false,
    securityMode: MessageSecurityMode.None,
    securityPolicy: SecurityPolicy.None,
    connectionStrategy: { maxRetry: 2, initialDelay: 250, maxDelay: 1000 },
    transportTimeout: 10000,
    defaultTransactionTimeout: 10000,
    requestedSessionTimeout: 60000,
    keepSessionAlive: false,
  });
  try {
    await withTimeout(client.connect(endpointUrl), 20000, `connecting to ${endpointUrl}`);
  } catch (err) {
    fail(`cannot connect to ${endpointUrl}: ${err.message}`);
  }
  let session;
  try {
    session = await withTimeout(client.createSession(), 10000, "creating an anonymous session");
  } catch (err) {
    await disconnect(client, null);
    fail(`cannot open an anonymous session on ${endpointUrl}: ${err.message}`);
  }
  return { client, session };
}

/** Closes the session and the connection, bounded in time, never throws. */
async function disconnect(client, session) {
  try {
    if (session) {
      await withTimeout(session.close(), 3000, "closing the session");
    }
  } catch (_) {
    // the result is already known; a slow close does not change it
  }
  try {
    await withTimeout(client.disconnect(), 3000, "disconnecting");
  } catch (_) {
    // same
  }
}

/** Forward hierarchical references of a node: [{name, nodeId, nodeClass, typeDefinition}]. */
async function children(session, nodeId) {
  return browse(session, nodeId, "HierarchicalReferences");
}

/** Forward references of a node (all types when referenceTypeId is null). */
async function browse(session, nodeId, referenceTypeId) {
  const desc = {
    nodeId,
    browseDirection: BrowseDirection.Forward,
    includeSubtypes: true,
    nodeClassMask: 0,
    resultMask: 0x3f,
  };
  if (referenceTypeId) {
    desc.referenceTypeId = referenceTypeId;
  }
  let result = await session.browse(desc);
  if (!result.statusCode.isGood()) {
    throw new Error(`browsing ${nodeId.toString()} failed: ${result.statusCode.toString()}`);
  }
  let refs = result.references || [];
  let cp = result.continuationPoint;
  for (let i = 0; cp && cp.length > 0 && i < 100; i++) {
    const next = await session.browseNext(cp, false);
    refs = refs.concat(next.references || []);
    cp = next.continuationPoint;
  }
  return refs.map((r) => ({
    name: r.browseName.name,
    nodeId: r.nodeId,
    nodeClass: r.nodeClass,
    typeDefinition: r.typeDefinition,
    referenceTypeId: r.referenceTypeId,
  }));
}

const browseNameCache = new Map();

/** BrowseName.name of a node (cached). */
async function browseNameOf(session, nodeId) {
  const key = nodeId.toString();
  if (!browseNameCache.has(key)) {
    const dv = await session.read({ nodeId, attributeId: AttributeIds.BrowseName });
    browseNameCache.set(key, dv.value && dv.value.value ? dv.value.value.name : null);
  }
  return browseNameCache.get(key);
}

/** Browse names of a type and its supertypes, most derived first. */
async function typeChain(session, typeNodeId) {
  const names = [];
  let current = typeNodeId;
  for (let depth = 0; current && !current.isEmpty() && depth < 10; depth++) {
    names.push(await browseNameOf(session, current));
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
  return names;
}

function objects(refs) {
  return refs.filter((r) => r.nodeClass === NodeClass.Object);
}

function named(refs, name) {
  return refs.find((r) => r.name === name);
}

/**
 * Finds the machine below Objects: the object named machineName when given, otherwise the first
 * object whose type (or one of its supertypes) is called MachineType.
 */
async function findMachine(session, machineName) {
  const top = objects(await children(session, resolveNodeId(OBJECTS_FOLDER)));
  if (machineName) {
    const m = named(top, machineName);
    if (!m) {
      throw new Error(`no object '${machineName}' below Objects (found: ${top.map((r) => r.name).join(", ")})`);
    }
    m.typeName = await browseNameOf(session, m.typeDefinition);
    return m;
  }
  const seen = [];
  for (const r of top) {
    if (!r.typeDefinition || r.typeDefinition.isEmpty()) {
      seen.push(`${r.name} (no type definition)`);
      continue;
    }
    const types = await typeChain(session, r.typeDefinition);
    if (types.includes("MachineType")) {
      r.typeName = types[0];
      return r;
    }
    const typeText = types.map((t) => (t === null ? "<unreadable BrowseName>" : t)).join(" < ");
    seen.push(`${r.name} (type ${r.typeDefinition.toString()}: ${typeText})`);
  }
  throw new Error(`no object of type MachineType below Objects; found: ${seen.join("; ")}`);
}

/**
 * Walks machine -> MotionDevices -> each motion device -> Axes / PowerTrains.
 * Returns {machine, motionDevices: [{name, nodeId, axes: [ref], powerTrains: [ref]}]}.
 */
async function findMotionDevices(session, machineName) {
  const machine = await findMachine(session, machineName);
  const folder = named(await children(session, machine.nodeId), "MotionDevices");
  if (!folder) {
    throw new Error(`machine '${machine.name}' has no MotionDevices child`);
  }
  const devices = [];
  for (const dev of objects(await children(session, folder.nodeId))) {
    const devChildren = await children(session, dev.nodeId);
    const axesFolder = named(devChildren, "Axes");
    if (!axesFolder) {
      continue;
    }
    const trainsFolder = named(devChildren, "PowerTrains");
    devices.push({
      name: dev.name,
      nodeId: dev.nodeId,
      axes: objects(await children(session, axesFolder.nodeId)),
      powerTrains: trainsFolder ? objects(await children(session, trainsFolder.nodeId)) : [],
    });
  }
  if (devices.length === 0) {
    throw new Error(`no motion device with an Axes folder below ${machine.name}/MotionDevices`);
  }
  return { machine, motionDevices: devices };
}

/** Finds one axis by browse name across all motion devices: {machine, device, axis}. */
async function findAxis(session, axisName, machineName) {
  const { machine, motionDevices } = await findMotionDevices(session, machineName);
  for (const device of motionDevices) {
    const axis = named(device.axes, axisName);
    if (axis) {
      return { machine, device, axis };
    }
  }
  const all = motionDevices.flatMap((d) => d.axes.map((a) => a.name));
  throw new Error(`no axis '${axisName}' (axes: ${all.join(", ")})`);
}

/** The ActualPosition variable of an axis: ParameterSet/ActualPosition, else a direct child. */
async function findActualPosition(session, axis) {
  const axisChildren = await children(session, axis.nodeId);
  const params = named(axisChildren, "ParameterSet");
  if (params) {
    const v = named(await children(session, params.nodeId), "ActualPosition");
    if (v) {
      return { nodeId: v.nodeId, path: "ParameterSet/ActualPosition" };
    }
  }
  const direct = named(axisChildren, "ActualPosition");
  if (direct) {
    return { nodeId: direct.nodeId, path: "ActualPosition" };
  }
  throw new Error(`axis '${axis.name}' has no ParameterSet/ActualPosition`);
}

/** Reads a variable's value: {value, status (name), good (boolean)}. */
async function readValue(session, nodeId) {
  const dv = await session.read({ nodeId, attributeId: AttributeIds.Value });
  return {
    value: dv.value ? dv.value.value : null,
    status: dv.statusCode.name,
    good: dv.statusCode.isGood(),
  };
}

module.exports = {
  emit,
  fail,
  withTimeout,
  watchdog,
  sleep,
  connect,
  disconnect,
  children,
  browse,
  browseNameOf,
  objects,
  named,
  findMotionDevices,
  findAxis,
  findActualPosition,
  readValue,
};
