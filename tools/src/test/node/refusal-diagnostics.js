#!/usr/bin/env node
"use strict";
// An independent OPC UA client (node-opcua) asks MotionUA why a write and two calls were refused.
//
//   node refusal-diagnostics.js opc.tcp://127.0.0.1:4840 AXIS [MACHINE]
//
// Security None, anonymous (the demo gives anonymous sessions the operator role). Sends raw
// WriteRequest / CallRequest messages whose RequestHeader.returnDiagnostics asks for the
// operation-level symbolic id, localized text and additional info (0x20 | 0x40 | 0x80), and decodes
// each DiagnosticInfo through the response header's stringTable (OPC 10000-4, 7.12 and 7.33):
//   write:  the motion device's ParameterSet/SpeedOverride = 150 (range 0..100)
//   range:  AXIS MoveAbsolute to a position far outside the software limits
//   state:  AXIS Power(false), once Disabled MoveAbsolute(0) (not allowed), then Power(true)
//   plain:  the same write without returnDiagnostics (no DiagnosticInfos expected)
// Prints one line of JSON on stdout: {write, range, state, plain}, each
//   {statusCode, diagnostics: [{symbolicId, namespaceUri, locale, text, additionalInfo}]}.
const { DataType, Variant, WriteRequest, CallRequest, AttributeIds } = require("node-opcua");
const lib = require("./lib");

const OPERATION_DIAGNOSTICS = 0x20 | 0x40 | 0x80;
const DISABLED = 0; // AxisStateEnumeration

function transaction(session, request) {
  return lib.withTimeout(
    new Promise((resolve, reject) =>
      session.performMessageTransaction(request, (err, response) =>
        err ? reject(err) : resolve(response)
      )
    ),
    15000,
    request.constructor.name
  );
}

/** The DiagnosticInfos of a response with their string-table indexes resolved. */
function decode(response) {
  const table = response.responseHeader.stringTable || [];
  const at = (i) => (typeof i === "number" && i >= 0 && i < table.length ? table[i] : null);
  return (response.diagnosticInfos || []).map((d) =>
    d
      ? {
          symbolicId: at(d.symbolicId),
          namespaceUri: at(d.namespaceURI),
          locale: at(d.locale),
          text: at(d.localizedText),
          additionalInfo: d.additionalInfo || null,
        }
      : null
  );
}

async function write(session, nodeId, value, returnDiagnostics) {
  const response = await transaction(
    session,
    new WriteRequest({
      requestHeader: { returnDiagnostics },
      nodesToWrite: [
        {
          nodeId,
          attributeId: AttributeIds.Value,
          value: { value: new Variant({ dataType: DataType.Double, value }) },
        },
      ],
    })
  );
  return { statusCode: response.results[0].name, diagnostics: decode(response) };
}

async function call(session, objectId, methodId, inputArguments) {
  const response = await transaction(
    session,
    new CallRequest({
      requestHeader: { returnDiagnostics: OPERATION_DIAGNOSTICS },
      methodsToCall: [{ objectId, methodId, inputArguments }],
    })
  );
  return { statusCode: response.results[0].statusCode.name, diagnostics: decode(response) };
}

const double = (value) => new Variant({ dataType: DataType.Double, value });

async function main() {
  const [endpointUrl, axisName, machineName] = process.argv.slice(2);
  if (!axisName) {
    lib.fail("usage: node refusal-diagnostics.js opc.tcp://HOST:PORT AXIS [MACHINE]");
  }
  lib.watchdog(60000);
  const { client, session } = await lib.connect(endpointUrl);
  try {
    const { device, axis } = await lib.findAxis(session, axisName, machineName);
    const params = lib.named(await lib.children(session, device.nodeId), "ParameterSet");
    const override = params && lib.named(await lib.children(session, params.nodeId), "SpeedOverride");
    if (!override) {
      throw new Error(`motion device '${device.name}' has no ParameterSet/SpeedOverride`);
    }
    const methods = await lib.children(session, axis.nodeId);
    const move = lib.named(methods, "MoveAbsolute");
    const power = lib.named(methods, "Power");
    if (!move || !power) {
      throw new Error(`axis '${axis.name}' lacks MoveAbsolute or Power`);
    }
    const result = {};
    result.write = await write(session, override.nodeId, 150.0, OPERATION_DIAGNOSTICS);
    result.plain = await write(session, override.nodeId, 150.0, 0);
    result.range = await call(session, axis.nodeId, move.nodeId, [
      double(1.0e6), double(10.0), double(0.0), double(0.0),
    ]);
    const off = await call(session, axis.nodeId, power.nodeId, [
      new Variant({ dataType: DataType.Boolean, value: false }),
    ]);
    if (off.statusCode !== "Good") {
      throw new Error(`Power(false) on '${axis.name}' returned ${off.statusCode}`);
    }
    // Power(false) returns once the drive took the command; the axis shows Disabled (AxisState
    // value 0) after the poll that follows.
    const axisParams = lib.named(methods, "ParameterSet");
    const state = axisParams && lib.named(await lib.children(session, axisParams.nodeId), "AxisState");
    if (!state) {
      throw new Error(`axis '${axis.name}' has no ParameterSet/AxisState`);
    }
    let current = await lib.readValue(session, state.nodeId);
    for (let i = 0; i < 100 && current.value !== DISABLED; i++) {
      await lib.sleep(50);
      current = await lib.readValue(session, state.nodeId);
    }
    if (current.value !== DISABLED) {
      throw new Error(`axis '${axis.name}' not Disabled 5 s after Power(false): ${current.value}`);
    }
    result.state = await call(session, axis.nodeId, move.nodeId, [
      double(0.0), double(10.0), double(0.0), double(0.0),
    ]);
    await call(session, axis.nodeId, power.nodeId, [
      new Variant({ dataType: DataType.Boolean, value: true }),
    ]);
    return result;
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
