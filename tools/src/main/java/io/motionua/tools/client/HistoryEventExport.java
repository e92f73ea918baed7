package io.motionua.tools.client;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.util.HexFormat;
import java.util.List;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.ContentFilter;
import org.eclipse.milo.opcua.stack.core.types.structured.ContentFilterElement;
import org.eclipse.milo.opcua.stack.core.types.structured.EventFilter;
import org.eclipse.milo.opcua.stack.core.types.structured.HistoryEvent;
import org.eclipse.milo.opcua.stack.core.types.structured.HistoryEventFieldList;
import org.eclipse.milo.opcua.stack.core.types.structured.HistoryReadResult;
import org.eclipse.milo.opcua.stack.core.types.structured.HistoryReadValueId;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadEventDetails;
import org.eclipse.milo.opcua.stack.core.types.structured.SimpleAttributeOperand;

/**
 * {@code motionua history export --events}: the event history of one notifier (ReadEventDetails
 * with continuation points), one line per event: CSV {@code
 * time,severity,sourceName,eventType,conditionId,active,acked,message,eventId} (message quoted) or
 * JSON.
 */
final class HistoryEventExport {

  static final String HEADER =
      "time,severity,sourceName,eventType,conditionId,active,acked,message,eventId";

  private static final String[][] FIELDS = {
    {"Time"},
    {"Severity"},
    {"SourceName"},
    {"EventType"},
    {},
    {"ActiveState", "Id"},
    {"AckedState", "Id"},
    {"Message"},
    {"EventId"}
  };

  private HistoryEventExport() {}

  static void run(
      OpcUaClient client, Output out, NodeId notifier, String what, DateTime start, DateTime end)
      throws ClientFailure, UaException {
    EventFilter filter = new EventFilter(select(), new ContentFilter(new ContentFilterElement[0]));
    ByteString cp = null;
    do {
      HistoryReadResult r =
          client.historyRead(
                  new ReadEventDetails(uint(HistoryExportCommand.PAGE), start, end, filter),
                  TimestampsToReturn.Source,
                  false,
                  List.of(new HistoryReadValueId(notifier, null, QualifiedName.NULL_VALUE, cp)))
              .getResults()[0];
      if (r.getStatusCode().isBad()) {
        throw new ClientFailure(r.getStatusCode(), "event history of " + what);
      }
      if (r.getHistoryData() != null && r.getHistoryData().getBody() != null) {
        HistoryEvent data =
            (HistoryEvent) r.getHistoryData().decode(client.getStaticEncodingContext());
        for (HistoryEventFieldList e :
            data.getEvents() == null ? new HistoryEventFieldList[0] : data.getEvents()) {
          print(out, e.getEventFields());
        }
      }
      cp = r.getContinuationPoint();
    } while (cp != null && cp.isNotNull() && cp.length() > 0);
  }

  private static SimpleAttributeOperand[] select() {
    SimpleAttributeOperand[] select = new SimpleAttributeOperand[FIELDS.length];
    for (int i = 0; i < FIELDS.length; i++) {
      String[] path = FIELDS[i];
      if (path.length == 0) {
        // The ConditionId: the NodeId attribute of the condition itself (Part 9).
        select[i] =
            new SimpleAttributeOperand(
                NodeIds.ConditionType, new QualifiedName[0], AttributeId.NodeId.uid(), null);
        continue;
      }
      QualifiedName[] names = new QualifiedName[path.length];
      for (int k = 0; k < path.length; k++) {
        names[k] = new QualifiedName(0, path[k]);
      }
      select[i] =
          new SimpleAttributeOperand(NodeIds.BaseEventType, names, AttributeId.Value.uid(), null);
    }
    return select;
  }

  private static void print(Output out, Variant[] f) {
    String time = f[0].value() instanceof DateTime t ? t.getJavaInstant().toString() : "";
    Object severity = f[1].value();
    String source = text(f[2].value());
    String type = f[3].value() instanceof NodeId n ? n.toParseableString() : "";
    String condition = f[4].value() instanceof NodeId n ? n.toParseableString() : "";
    Object active = f[5].value();
    Object acked = f[6].value();
    String message = f[7].value() instanceof LocalizedText t ? t.text() : text(f[7].value());
    String id =
        f[8].value() instanceof ByteString b ? HexFormat.of().formatHex(b.bytesOrEmpty()) : "";
    out.print(
        String.join(
            ",",
            time,
            text(severity),
            quoted(source),
            type,
            quoted(condition),
            text(active),
            text(acked),
            quoted(message),
            id),
        "time",
        time,
        "severity",
        severity,
        "sourceName",
        source,
        "eventType",
        type,
        "conditionId",
        condition.isEmpty() ? null : condition,
        "active",
        active,
        "acked",
        acked,
        "message",
        message,
        "eventId",
        id);
  }

  private static String text(Object o) {
    return o == null ? "" : String.valueOf(o);
  }

  /** RFC 4180: quoted when it holds a comma, a quote or a line break. */
  private static String quoted(String s) {
    if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains(";")) {
      return "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }
}
