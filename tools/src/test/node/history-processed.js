#!/usr/bin/env node
"use strict";
// An independent OPC UA client (node-opcua) reads processed history (Part 13 aggregates).
//
//   node history-processed.js opc.tcp://127.0.0.1:4840 NODEID START END INTERVAL_MS AGGREGATE...
//
// Security None, anonymous. START and END are ISO-8601 times (END before START reads backwards),
// each AGGREGATE a node id (e.g. i=2343 for TimeAverage). For each aggregate, sends HistoryRead
// with ReadProcessedDetails (processingInterval INTERVAL_MS, the server's aggregate configuration,
// TimestampsToReturn Source) and follows the continuation points until there are none (at most
// 1000 pages). Prints one line of JSON on stdout:
//   {"AGGREGATE": {"pages", "status": StatusCode name of the last page,
//    "values": [{"t": source time in ms since 1970, "v": value, "code": the StatusCode's 32 bits,
//    "status": its name}]}, ...}
// A refusal (Bad StatusCode) is reported in "status" with no values, not as a failure.
const {
  HistoryReadRequest,
  ReadProcessedDetails,
  TimestampsToReturn,
  coerceNodeId,
} = require("node-opcua");
const lib = require("./lib");

async function readOne(session, nodeId, aggregate, start, end, intervalMs) {
  const out = { pages: 0, status: null, values: [] };
  let continuationPoint = null;
  do {
    const request = new HistoryReadRequest({
      historyReadDetails: new ReadProcessedDetails({
        startTime: start,
        endTime: end,
        processingInterval: intervalMs,
        aggregateType: [coerceNodeId(aggregate)],
        aggregateConfiguration: { useServerCapabilitiesDefaults: true },
      }),
      timestampsToReturn: TimestampsToReturn.Source,
      releaseContinuationPoints: false,
      nodesToRead: [{ nodeId, continuationPoint }],
    });
    const response = await lib.withTimeout(session.historyRead(request), 20000, "HistoryRead");
    const r = response.results[0];
    out.pages++;
    out.status = r.statusCode.name;
    if (r.statusCode.isBad()) {
      return out;
    }
    for (const dv of (r.historyData && r.historyData.dataValues) || []) {
      out.values.push({
        t: dv.sourceTimestamp ? dv.sourceTimestamp.getTime() : null,
        v: dv.value && dv.value.value !== undefined ? dv.value.value : null,
        code: dv.statusCode.value >>> 0,
        status: dv.statusCode.name,
      });
    }
    continuationPoint =
      r.continuationPoint && r.continuationPoint.length > 0 ? r.continuationPoint : null;
  } while (continuationPoint && out.pages < 1000);
  return out;
}

async function main() {
  const [endpointUrl, nodeIdText, startText, endText, intervalText, ...aggregates] =
    process.argv.slice(2);
  if (aggregates.length === 0) {
    lib.fail(
      "usage: node history-processed.js opc.tcp://HOST:PORT NODEID START END INTERVAL_MS AGGREGATE...");
  }
  lib.watchdog(60000);
  const nodeId = coerceNodeId(nodeIdText);
  const { client, session } = await lib.connect(endpointUrl);
  const result = {};
  try {
    for (const aggregate of aggregates) {
      result[aggregate] = await readOne(
        session, nodeId, aggregate, new Date(startText), new Date(endText), Number(intervalText));
    }
  } catch (err) {
    lib.fail(`processed HistoryRead of ${nodeIdText} failed: ${err.message}`, result);
  } finally {
    await lib.disconnect(client, session);
  }
  lib.emit(result);
}

main();
