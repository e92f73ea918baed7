package io.motionua.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code motionua history export} as a user runs it against the demo server run the same way: CSV
 * with a header and Good positions in time order, JSON lines, and a clear refusal for a variable
 * that is not recorded and for a bad time.
 */
class HistoryExportIT {

  private static final String ARM = "DemoArm/MotionDevices/Arm";
  private static final String J1 = ARM + "/Axes/J1/ParameterSet/";
  private static final Duration RUN = Duration.ofSeconds(60);

  @Test
  void exportPrintsTheRecordAsCsvOrJsonAndRefusesClearly() throws Exception {
    Path dataDir = Files.createTempDirectory("motionua-history-export-it");
    int port = io.motionua.server.opcua.ListenPorts.choose();
    String url = "opc.tcp://127.0.0.1:" + port;
    Instant from = Instant.now().minusSeconds(60);
    try (LoggedProcess server =
        LoggedProcess.start(
            "serve",
            ItSupport.motionuaCommand(
                "serve",
                "--port",
                String.valueOf(port),
                "--data-dir",
                dataDir.toString(),
                "--log-dir",
                "none"))) {
      server.awaitLine(Pattern.compile("history store open"), Duration.ofSeconds(90));
      // The first positions are committed within a second of being recorded.
      ItSupport.Result csv = null;
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (System.nanoTime() < deadline) {
        csv =
            ItSupport.historyExport(
                url, "--node", J1 + "ActualPosition", "--from", from.toString(), "--to", to());
        if (csv.exitCode() == 0 && csv.stdout().lines().count() > 1) {
          break;
        }
        ItSupport.sleep(300);
      }
      ItSupport.Result done = csv;
      assertEquals(0, done.exitCode(), () -> done.describe() + "\n" + server.describe());
      List<String> lines = done.stdout().lines().toList();
      assertEquals("sourceTime,value,status", lines.get(0));
      assertTrue(lines.size() > 1, done::describe);
      Instant last = Instant.EPOCH;
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.split(",");
        assertEquals(3, f.length, line);
        Instant t = Instant.parse(f[0]);
        assertTrue(!t.isBefore(last), "in time order: " + line);
        last = t;
        Double.parseDouble(f[1]);
      }

      ItSupport.Result json =
          ItSupport.historyExport(
              url,
              "--json",
              "--node",
              J1 + "ActualPosition",
              "--from",
              from.toString(),
              "--to",
              to());
      assertEquals(0, json.exitCode(), json::describe);
      assertTrue(
          json.stdout().lines().allMatch(l -> l.startsWith("{\"sourceTime\":")), json::describe);

      ItSupport.Result notRecorded =
          ItSupport.historyExport(
              url, "--node", J1 + "Homed", "--from", from.toString(), "--to", to());
      assertEquals(1, notRecorded.exitCode(), notRecorded::describe);
      assertTrue(
          notRecorded.stderr().contains("Bad_HistoryOperationUnsupported"), notRecorded::describe);

      // --events: a move of J2 ends with a MoveCompleted event (severity 100) on J2.
      List<String> call =
          List.of(
              "client",
              "call",
              "--url",
              url,
              ARM + "/Axes/J2",
              "MoveAbsolute",
              "5",
              "90",
              "360",
              "360");
      ItSupport.Result moved =
          ItSupport.run(ItSupport.motionuaCommand(call.toArray(String[]::new)), null, RUN);
      assertEquals(0, moved.exitCode(), moved::describe);
      ItSupport.Result events = null;
      long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < until) {
        events =
            ItSupport.historyExport(
                url,
                "--events",
                "--node",
                ARM + "/Axes/J2",
                "--from",
                from.toString(),
                "--to",
                to());
        if (events.exitCode() != 0 || events.stdout().contains(",100,J2,")) {
          break;
        }
        ItSupport.sleep(300);
      }
      ItSupport.Result eventsDone = events;
      assertEquals(0, eventsDone.exitCode(), eventsDone::describe);
      List<String> eventLines = eventsDone.stdout().lines().toList();
      assertEquals(
          "time,severity,sourceName,eventType,conditionId,active,acked,message,eventId",
          eventLines.get(0));
      assertTrue(
          eventLines.stream().anyMatch(l -> l.contains(",100,J2,")),
          () -> "J2's MoveCompleted: " + eventsDone.describe());
      ItSupport.Result eventsOfAVariable =
          ItSupport.historyExport(
              url,
              "--events",
              "--node",
              J1 + "ActualPosition",
              "--from",
              from.toString(),
              "--to",
              to());
      assertEquals(1, eventsOfAVariable.exitCode(), eventsOfAVariable::describe);
      assertTrue(
          eventsOfAVariable.stderr().contains("Bad_HistoryOperationUnsupported"),
          eventsOfAVariable::describe);

      ItSupport.Result badTime =
          ItSupport.historyExport(
              url, "--node", J1 + "ActualPosition", "--from", "yesterday", "--to", to());
      assertEquals(2, badTime.exitCode(), badTime::describe);
      assertTrue(
          badTime.stderr().contains("--from: 'yesterday' is not an ISO-8601 time"),
          badTime::describe);
    }
  }

  private static String to() {
    return Instant.now().plusSeconds(5).toString();
  }
}
