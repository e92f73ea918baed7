#!/usr/bin/env node
"use strict";
// An independent OPC UA client (node-opcua) reads the event history of one notifier, and can
// acknowledge an alarm it finds there.
//
//   node history-events.js opc.tcp://127.0.0.1:4840 NOTIFIER START END PERPAGE [MINSEVERITY] [ACK]
//
// Security None, anonymous. START and END are ISO-8601 times. Sends HistoryRead with
// ReadEventDetails (numValuesPerNode PERPAGE) whose EventFilter selects EventId, EventType,
// SourceNode, SourceName, Time, ReceiveTime, Message, Severity, ConditionId, ActiveState/Id and
// AckedState/Id, with a where clause Severity >= MINSEVERITY when given (0: none), and follows
// the continuation points (at most 1000 pages). With ACK (a condition's NodeId), it then calls
// Acknowledge on that condition with the EventId of its latest event in the history, and reads
// again (for up to 10 s) until an event of it with AckedState/Id true is there.
// Prints one line of JSON on stdout:
//   {"pages","statusCodes":[per page],"events":[{"eventId" (hex),"eventType","sourceNode",
//    "sourceName","time" (ms since 1970),"receiveTime","message","severity","conditionId",
//    "active","acked"}], "ack": StatusCode name of the Acknowledge call, "afterAck": [events]}
// Exits 1 when a page's StatusCode is Bad.
const {
  HistoryReadRequest,
  ReadEventDetails,
  TimestampsToReturn,
  constructEventFilter,
  ContentFilter,
  FilterOperator,
  SimpleAttributeOperand,
  LiteralOperand,
  AttributeIds,
  DataType,
  Variant,
  coerceNodeId,
  resolveNodeId,
} = require("node-opcua");
const lib = require("./lib");

const FIELDS = [
  "EventId",
  "EventType",
  "SourceNode",
  "SourceName",
  "Time",
  "ReceiveTime",
  "Message",
  "Severity",
  "ConditionId",
  "ActiveState.Id",
  "AckedState.Id",
];

function filter(minSeverity) {
  const f = constructEventFilter(FIELDS);
  f.whereClause = new ContentFilter({ elements: [] });
  if (minSeverity > 0) {
    f.whereClause = new ContentFilter({
      elements: [
        {
          filterOperator: FilterOperator.GreaterThanOrEqual,
          filterOperands: [
            new SimpleAttributeOperand({
              typeDefinitionId: resolveNodeId("BaseEventType"),
              browsePath: [{ namespaceIndex: 0, name: "Severity" }],
              attributeId: AttributeIds.Value,
            }),
            new LiteralOperand({ value: new Variant({ dataType: DataType.UInt16, value: minSeverity }) }),
          ],
        },
      ],
    });
  }
  return f;
}

function field(v) {
  return v && v.value !== undefined ? v.value : null;
}

function toEvent(fields) {
  const [eventId, eventType, sourceNode, sourceName, time, receiveTime, message, severity,
    conditionId, active, acked] = fields.map(field);
  return {
    eventId: eventId ? Buffer.from(eventId).toString("hex") : null,
    eventType: eventType ? eventType.toString() : null,
    sourceNode: sourceNode ? sourceNode.toString() : null,
    sourceName,
    time: time ? time.getTime() : null,
    receiveTime: receiveTime ? receiveTime.getTime() : null,
    message: message ? message.text : null,
    severity,
    conditionId: conditionId ? conditionId.toString() : null,
    active,
    acked,
  };
}

async function readAll(session, notifier, start, end, perPage, minSeverity, result) {
  const events = [];
  let continuationPoint = null;
  do {
    const request = new HistoryReadRequest({
      historyReadDetails: new ReadEventDetails({
        numValuesPerNode: perPage,
        startTime: start,
        endTime: end,
        filter: filter(minSeverity),
      }),
      timestampsToReturn: TimestampsToReturn.Both,
      releaseContinuationPoints: false,
      nodesToRead: [{ nodeId: notifier, continuationPoint }],
    });
    const response = await lib.withTimeout(session.historyRead(request), 10000, "HistoryRead");
    const r = response.results[0];
    result.pages++;
    result.statusCodes.push(r.statusCode.name);
    if (r.statusCode.isBad()) {
      lib.fail(`HistoryRead of ${notifier.toString()}: ${r.statusCode.toString()}`, result);
    }
    for (const e of (r.historyData && r.historyData.events) || []) {
      events.push(toEvent(e.eventFields));
    }
    continuationPoint =
      r.continuationPoint && r.continuationPoint.length > 0 ? r.continuationPoint : null;
  } while (continuationPoint && result.pages < 1000);
  return events;
}

async function main() {
  const [endpointUrl, notifierText, startText, endText, perPageText, minSeverityText, ackText] =
    process.argv.slice(2);
  if (!perPageText) {
    lib.fail(
      "usage: node history-events.js opc.tcp://HOST:PORT NOTIFIER START END PERPAGE [MINSEVERITY] [ACK]"
    );
  }
  lib.watchdog(60000);
  const notifier = coerceNodeId(notifierText);
  const minSeverity = Number(minSeverityText || "0");
  const { client, session } = await lib.connect(endpointUrl);
  const result = { pages: 0, statusCodes: [], events: [] };
  try {
    const start = new Date(startText);
    result.events = await readAll(
      session, notifier, start, new Date(endText), Number(perPageText), minSeverity, result);
    if (ackText) {
      const condition = coerceNodeId(ackText);
      const latest = result.events.filter((e) => e.conditionId === condition.toString()).pop();
      if (!latest) {
        lib.fail(`no event of ${ackText} in the history to acknowledge`, result);
      }
      const call = await lib.withTimeout(
        session.call({
          objectId: condition,
          methodId: resolveNodeId("i=9111"),
          inputArguments: [
            new Variant({ dataType: DataType.ByteString, value: Buffer.from(latest.eventId, "hex") }),
            new Variant({ dataType: DataType.LocalizedText, value: { text: "seen in the history" } }),
          ],
        }),
        10000,
        "Acknowledge"
      );
      result.ack = call.statusCode.name;
      const deadline = Date.now() + 10000;
      do {
        await lib.sleep(200);
        const again = { pages: 0, statusCodes: [] };
        result.afterAck = await readAll(
          session, notifier, start, new Date(Date.now() + 1000), 0, 0, again);
      } while (
        !result.afterAck.some((e) => e.conditionId === condition.toString() && e.acked === true) &&
        Date.now() < deadline
      );
    }
  } catch (err) {
    lib.fail(`event history of ${notifierText} failed: ${err.message}`, result);
  } finally {
    await lib.disconnect(client, session);
  }
  lib.emit(result);
}

main();
