#!/usr/bin/env node
"use strict";
// An independent OPC UA client (node-opcua) opens a secured session on a MotionUA server.
//
//   node secure-session.js opc.tcp://127.0.0.1:4840 USER PASSWORD PKI_DIR [AXIS TARGET]
//
// Basic256Sha256 + SignAndEncrypt with a user name and password. The client's own certificate is
// created on first use in PKI_DIR (node-opcua's certificate manager; the server's certificate is
// accepted as it comes: this checks the server, not the client). With AXIS, reads the axis's
// ParameterSet/ActualPosition, subscribes to the axis's events, writes its
// ParameterSet/TargetVelocity (5.0), calls MoveAbsolute(TARGET, 0, 0, 0) on it and, when the call is
// Good, waits up to 10 s for the axis's MoveCompleted event.
// Prints one line of JSON on stdout and exits 0 whatever the server answered:
//   {"channel": "Good" | "refused", "session": "Good" | "Bad...", "readStatus", "position",
//    "executable", "userExecutable", "writeStatus", "callStatus", "events": [{"eventType",
//    "sourceName", "message", "severity"}], "error"}
// Exits 1 only when the check itself cannot run (bad arguments, time limit).
const {
  OPCUAClient,
  OPCUACertificateManager,
  MessageSecurityMode,
  SecurityPolicy,
  UserTokenType,
  AttributeIds,
  DataType,
  Variant,
  ClientMonitoredItem,
  TimestampsToReturn,
  constructEventFilter,
} = require("node-opcua");
const lib = require("./lib");

/** The first OPC UA status name in an error message (node-opcua puts it in the text). */
function statusIn(err) {
  const m = /Bad[A-Za-z]+/.exec((err && err.message) || String(err));
  return m ? m[0] : `error: ${(err && err.message) || err}`;
}

async function main() {
  const [endpointUrl, userName, password, pkiDir, axisName, targetText] = process.argv.slice(2);
  if (!pkiDir) {
    lib.fail("usage: node secure-session.js opc.tcp://HOST:PORT USER PASSWORD PKI_DIR [AXIS TARGET]");
  }
  lib.watchdog(60000);
  const certificateManager = new OPCUACertificateManager({
    rootFolder: pkiDir,
    automaticallyAcceptUnknownCertificate: true,
  });
  await certificateManager.initialize();
  const client = OPCUAClient.create({
    applicationName: "motionua-secure-check",
    clientCertificateManager: certificateManager,
    securityMode: MessageSecurityMode.SignAndEncrypt,
    securityPolicy: SecurityPolicy.Basic256Sha256,
    endpointMustExist: false,
    connectionStrategy: { maxRetry: 0, initialDelay: 100, maxDelay: 200 },
    transportTimeout: 10000,
    defaultTransactionTimeout: 10000,
    requestedSessionTimeout: 60000,
    keepSessionAlive: false,
  });
  const result = { securityPolicy: "Basic256Sha256", securityMode: "SignAndEncrypt" };
  try {
    await lib.withTimeout(client.connect(endpointUrl), 30000, `connecting to ${endpointUrl}`);
  } catch (err) {
    result.channel = "refused";
    result.error = statusIn(err);
    await lib.disconnect(client, null);
    return result;
  }
  result.channel = "Good";
  let session = null;
  try {
    session = await lib.withTimeout(
      client.createSession({ type: UserTokenType.UserName, userName, password }),
      15000,
      `opening a session as ${userName}`
    );
    result.session = "Good";
  } catch (err) {
    result.session = statusIn(err);
    await lib.disconnect(client, null);
    return result;
  }
  try {
    if (axisName) {
      const { axis } = await lib.findAxis(session, axisName);
      const pos = await lib.findActualPosition(session, axis);
      const read = await lib.readValue(session, pos.nodeId);
      result.readStatus = read.status;
      result.position = read.value;
      const method = lib.named(await lib.children(session, axis.nodeId), "MoveAbsolute");
      if (!method) {
        throw new Error(`axis '${axisName}' has no MoveAbsolute method`);
      }
      const flags = await session.read([
        { nodeId: method.nodeId, attributeId: AttributeIds.Executable },
        { nodeId: method.nodeId, attributeId: AttributeIds.UserExecutable },
      ]);
      result.executable = flags[0].value.value;
      result.userExecutable = flags[1].value.value;
      // Events of the axis, over the same secured session.
      const events = [];
      result.events = events;
      const subscription = await session.createSubscription2({
        requestedPublishingInterval: 100,
        requestedLifetimeCount: 600,
        requestedMaxKeepAliveCount: 20,
        maxNotificationsPerPublish: 100,
        publishingEnabled: true,
        priority: 1,
      });
      const item = ClientMonitoredItem.create(
        subscription,
        { nodeId: axis.nodeId, attributeId: AttributeIds.EventNotifier },
        {
          samplingInterval: 0,
          queueSize: 100,
          discardOldest: true,
          filter: constructEventFilter(["EventType", "SourceName", "Message", "Severity"]),
        },
        TimestampsToReturn.Neither
      );
      item.on("changed", (fields) => {
        events.push({
          eventType: fields[0].value ? fields[0].value.toString() : null,
          sourceName: fields[1].value,
          message: fields[2].value ? fields[2].value.text : null,
          severity: fields[3].value,
        });
      });
      const params = lib.named(await lib.children(session, axis.nodeId), "ParameterSet");
      const velocity = params && lib.named(await lib.children(session, params.nodeId), "TargetVelocity");
      if (velocity) {
        const status = await session.write({
          nodeId: velocity.nodeId,
          attributeId: AttributeIds.Value,
          value: { value: { dataType: DataType.Double, value: 5.0 } },
        });
        result.writeStatus = status.name;
      }
      const target = Number(targetText);
      const args = [target, 0, 0, 0].map((v) => new Variant({ dataType: DataType.Double, value: v }));
      const call = await lib.withTimeout(
        session.call({ objectId: axis.nodeId, methodId: method.nodeId, inputArguments: args }),
        15000,
        "calling MoveAbsolute"
      );
      result.callStatus = call.statusCode.name;
      if (call.statusCode.isGood()) {
        const deadline = Date.now() + 10000;
        while (!events.some((e) => /move completed/.test(e.message || "")) && Date.now() < deadline) {
          await lib.sleep(100);
        }
      }
      await lib.withTimeout(subscription.terminate(), 5000, "ending the subscription");
    }
  } finally {
    await lib.disconnect(client, session);
  }
  return result;
}

main().then(
  (result) => {
    lib.emit(result);
    process.exit(0);
  },
  (err) => lib.fail(err && err.message ? err.message : String(err))
);
