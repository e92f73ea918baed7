package io.motionua.tools.client;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.HistoryData;
import org.eclipse.milo.opcua.stack.core.types.structured.HistoryReadResult;
import org.eclipse.milo.opcua.stack.core.types.structured.HistoryReadValueId;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadRawModifiedDetails;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code motionua history export}: the raw history of one variable between two times, through OPC
 * UA HistoryRead with continuation points (so it works against a running server, whose store
 * another process may not open), as CSV or JSON lines; with {@code --events}, the event history of
 * one notifier ({@link HistoryEventExport}).
 */
@Command(
    name = "export",
    header =
        "Export the recorded values of one variable, or the events of a notifier, as CSV or JSON lines.",
    mixinStandardHelpOptions = true,
    description = {
      "Print the recorded values of one variable from --from to --to (ISO-8601 times, --to",
      "excluded; --from after --to gives them newest first): CSV (sourceTime,value,status) or",
      "one JSON object per value. With --events, --node is an object that notifies events (the",
      "Server object i=2253, the machine, a group, an axis, a motor) and each recorded event is a",
      "line: CSV (time,severity,sourceName,eventType,conditionId,active,acked,message,eventId) or",
      "JSON. Exit 1 when the server refuses (its StatusCode name on stderr)."
    },
    footer = {
      "",
      "Examples:",
      "  motionua history export --node DemoArm/MotionDevices/Arm/Axes/J1/ParameterSet/ActualPosition \\",
      "      --from 2026-12-06T05:00:00Z --to 2026-12-06T06:00:00Z > j1.csv",
      "  motionua history export --json --url opc.tcp://cell7:4840 --node ns=2;s=... --from ... --to ...",
      "  motionua history export --events --node i=2253 --from 2026-12-06T05:00:00Z --to 2026-12-06T06:00:00Z"
    })
final class HistoryExportCommand extends ClientSubcommand {

  /** Values asked for per HistoryRead call. */
  static final int PAGE = 10_000;

  @Option(
      names = "--node",
      required = true,
      description = "The variable (with --events: the notifier): a path below Objects or a NodeId.")
  String node;

  @Option(names = "--from", required = true, description = "Start time, ISO-8601 (UTC: ...Z).")
  String from;

  @Option(names = "--to", required = true, description = "End time, ISO-8601, excluded.")
  String to;

  @Option(names = "--csv", description = "CSV with a header line (the default).")
  boolean csv;

  @Option(names = "--events", description = "Export the events of a notifier, not values.")
  boolean events;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  int run(OpcUaClient client, Output out) throws ClientFailure, UaException {
    if (csv && options.json) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "give --csv or --json, not both");
    }
    DateTime start = time("--from", from);
    DateTime end = time("--to", to);
    NodeId id = NodeAddress.resolve(client, node);
    if (events) {
      if (!options.json) {
        out.print(HistoryEventExport.HEADER);
      }
      HistoryEventExport.run(client, out, id, node, start, end);
      return 0;
    }
    if (!options.json) {
      out.print("sourceTime,value,status");
    }
    ByteString cp = null;
    do {
      HistoryReadResult r =
          client.historyRead(
                  new ReadRawModifiedDetails(false, start, end, uint(PAGE), false),
                  TimestampsToReturn.Source,
                  false,
                  List.of(new HistoryReadValueId(id, null, QualifiedName.NULL_VALUE, cp)))
              .getResults()[0];
      if (r.getStatusCode().isBad()) {
        throw new ClientFailure(r.getStatusCode(), "history of " + node);
      }
      if (r.getHistoryData() != null && r.getHistoryData().getBody() != null) {
        HistoryData data =
            (HistoryData) r.getHistoryData().decode(client.getStaticEncodingContext());
        for (DataValue dv :
            data.getDataValues() == null ? new DataValue[0] : data.getDataValues()) {
          print(out, dv);
        }
      }
      cp = r.getContinuationPoint();
    } while (cp != null && cp.isNotNull() && cp.length() > 0);
    return 0;
  }

  private static void print(Output out, DataValue dv) {
    String time = dv.sourceTime() == null ? "" : dv.sourceTime().getJavaInstant().toString();
    Object v = dv.value() == null ? null : dv.value().value();
    String status = ClientFailure.name(dv.statusCode());
    out.print(
        "%s,%s,%s".formatted(time, v == null ? "" : ValueText.plain(v), status),
        "sourceTime",
        time,
        "value",
        ValueText.plain(v),
        "status",
        status);
  }

  private DateTime time(String option, String text) {
    try {
      return new DateTime(Instant.parse(text));
    } catch (DateTimeParseException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          option + ": '" + text + "' is not an ISO-8601 time such as 2026-12-06T05:00:00Z");
    }
  }
}
