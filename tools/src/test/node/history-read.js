#!/usr/bin/env node
"use strict";
// An independent OPC UA client (node-opcua) reads the raw history of one variable.
//
//   node history-read.js opc.tcp://127.0.0.1:4840 NODEID START END PERPAGE
//
// Security None, anonymous. START and END are ISO-8601 times. Sends HistoryRead with
// ReadRawModifiedDetails (isReadModified false, numValuesPerNode PERPAGE, no bounds,
// TimestampsToReturn Both) and follows the continuation points until there are none (at most 1000
// pages). Prints one line of JSON on stdout:
//   {"pages","statusCodes":[per page],"values":[{"t": source time in ms since 1970,
//    "ps": the source time's picoseconds past that millisecond, "v": value,
//    "status": StatusCode name}]}
// Exits 1 when a page's StatusCode is Bad.
const {
  HistoryReadRequest,
  ReadRawModifiedDetails,
  TimestampsToReturn,
  coerceNodeId,
} = require("node-opcua");
const lib = require("./lib");

async function main() {
  const [endpointUrl, nodeIdText, startText, endText, perPageText] = process.argv.slice(2);
  if (!perPageText) {
    lib.fail("usage: node history-read.js opc.tcp://HOST:PORT NODEID START END PERPAGE");
  }
  lib.watchdog(60000);
  const nodeId = coerceNodeId(nodeIdText);
  const { client, session } = await lib.connect(endpointUrl);
  const result = { pages: 0, statusCodes: [], values: [] };
  try {
    let continuationPoint = null;
    do {
      const request = new HistoryReadRequest({
        historyReadDetails: new ReadRawModifiedDetails({
          isReadModified: false,
          startTime: new Date(startText),
          endTime: new Date(endText),
          numValuesPerNode: Number(perPageText),
          returnBounds: false,
        }),
        timestampsToReturn: TimestampsToReturn.Both,
        releaseContinuationPoints: false,
        nodesToRead: [{ nodeId, continuationPoint }],
      });
      const response = await lib.withTimeout(session.historyRead(request), 10000, "HistoryRead");
      const r = response.results[0];
      result.pages++;
      result.statusCodes.push(r.statusCode.name);
      if (r.statusCode.isBad()) {
        lib.fail(`HistoryRead of ${nodeIdText}: ${r.statusCode.toString()}`, result);
      }
      for (const dv of (r.historyData && r.historyData.dataValues) || []) {
        result.values.push({
          t: dv.sourceTimestamp ? dv.sourceTimestamp.getTime() : null,
          ps: dv.sourcePicoseconds || 0,
          v: dv.value ? dv.value.value : null,
          status: dv.statusCode.name,
        });
      }
      continuationPoint =
        r.continuationPoint && r.continuationPoint.length > 0 ? r.continuationPoint : null;
    } while (continuationPoint && result.pages < 1000);
  } catch (err) {
    lib.fail(`HistoryRead of ${nodeIdText} failed: ${err.message}`, result);
  } finally {
    await lib.disconnect(client, session);
  }
  lib.emit(result);
}

main();
