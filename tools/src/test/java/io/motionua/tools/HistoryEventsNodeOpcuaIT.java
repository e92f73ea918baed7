package io.motionua.tools;

import static io.motionua.tools.ItSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motionua.server.MotionUa;
import io.motionua.server.config.ConfigLoader;
import io.motionua.server.config.MachineConfig;
import io.motionua.server.opcua.ListenPorts;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Event history read back by an independent client: the demo arm runs in process, J1's simulated
 * drive stops answering and answers again, which raises J1's CommunicationLoss alarm and returns it
 * to normal (with the CommunicationLost and CommunicationRestored events). node-opcua reads J1's
 * event history with ReadEventDetails in pages of 2 through continuation points
 * (history-events.js): the transitions come in order with the selected fields; a where clause
 * Severity >= 700 keeps only the severe ones; and an Acknowledge sent with the EventId found in the
 * history shows up there as the next transition.
 *
 * <p>Skipped only when {@code node} is not on PATH.
 */
class HistoryEventsNodeOpcuaIT {

  private static final int PER_PAGE = 2;

  @TempDir Path dataDir;

  @Test
  void nodeOpcuaReadsAnAlarmsTransitionsFromEventHistory() throws Exception {
    Path node = ItSupport.node();
    Path nodeDir = ItSupport.nodeDir();
    MachineConfig config = ConfigLoader.demo().withPort(ListenPorts.choose());
    MotionUa motionUa = new MotionUa(config, dataDir);
    motionUa.start();
    try {
      String url = "opc.tcp://127.0.0.1:" + config.server().port();
      await(() -> motionUa.history().writer().store() != null, 60_000, "history store open");
      String j1 = axisNodeId(motionUa, "J1");
      String alarm = j1 + "/CommunicationLoss";
      await(
          () -> motionUa.axes().get("J1").snapshot().status().name().equals("GOOD"),
          10_000,
          "J1 Good");
      Instant before = Instant.now();
      ItSupport.silenceDemoDrive(motionUa, 1, "J1");

      List<Map<String, Object>> events = new ArrayList<>();
      await(
          () -> {
            events.clear();
            events.addAll(read(node, nodeDir, url, j1, before, 0, null).events);
            return events.stream()
                .anyMatch(e -> isOf(e, alarm) && Boolean.FALSE.equals(e.get("active")));
          },
          20_000,
          "J1's CommunicationLoss back to normal in its event history");
      Read read = read(node, nodeDir, url, j1, before, 0, null);
      assertTrue(read.pages > 1, "pages of " + PER_PAGE + " through continuation points");
      int raised = -1;
      int cleared = -1;
      int lost = -1;
      int restored = -1;
      double lastTime = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < read.events.size(); i++) {
        Map<String, Object> e = read.events.get(i);
        assertEquals("J1", e.get("sourceName"), e::toString);
        assertEquals(j1, e.get("sourceNode"), e::toString);
        double t = (Double) e.get("time");
        assertTrue(t >= lastTime, "Time in order at " + i + ": " + read.events);
        lastTime = t;
        assertNotNull(e.get("receiveTime"), e::toString);
        assertEquals(32, String.valueOf(e.get("eventId")).length(), "16-byte EventId: " + e);
        assertFalse(String.valueOf(e.get("message")).isEmpty(), e::toString);
        int severity = ((Double) e.get("severity")).intValue();
        if (isOf(e, alarm)) {
          assertEquals("ns=0;i=2915", e.get("eventType"), "AlarmConditionType: " + e);
          assertEquals(Boolean.FALSE, e.get("acked"), e::toString);
          if (Boolean.TRUE.equals(e.get("active")) && raised < 0) {
            raised = i;
            assertEquals(700, severity, e::toString);
          } else if (Boolean.FALSE.equals(e.get("active")) && raised >= 0) {
            cleared = i;
            assertEquals(200, severity, e::toString);
          }
        } else if (e.get("conditionId") == null) {
          assertEquals(null, e.get("active"), "a plain event has no ActiveState: " + e);
          if (severity == 700 && lost < 0) {
            lost = i;
          } else if (severity == 300 && lost >= 0) {
            restored = i;
          }
        }
      }
      assertTrue(raised >= 0 && cleared > raised, "raised, then back to normal: " + read.events);
      assertTrue(lost >= 0 && restored > lost, "lost, then restored: " + read.events);

      Read severe = read(node, nodeDir, url, j1, before, 700, null);
      assertFalse(severe.events.isEmpty(), "events of severity 700 and above");
      for (Map<String, Object> e : severe.events) {
        assertTrue(((Double) e.get("severity")) >= 700, "where Severity >= 700: " + e);
      }
      assertTrue(severe.events.size() < read.events.size(), "the where clause left some out");

      Read acked = read(node, nodeDir, url, j1, before, 0, alarm);
      assertEquals("Good", acked.ack, "Acknowledge with the EventId from the history");
      Map<String, Object> last =
          acked.afterAck.stream().filter(e -> isOf(e, alarm)).reduce((a, b) -> b).orElseThrow();
      assertEquals(Boolean.TRUE, last.get("acked"), "the latest transition: acknowledged");
      assertEquals(Boolean.FALSE, last.get("active"), last::toString);
    } finally {
      motionUa.close();
    }
  }

  private static boolean isOf(Map<String, Object> event, String condition) {
    return condition.equals(event.get("conditionId"));
  }

  /** One run of history-events.js. */
  private record Read(
      int pages,
      List<Map<String, Object>> events,
      String ack,
      List<Map<String, Object>> afterAck) {}

  private static Read read(
      Path node,
      Path nodeDir,
      String url,
      String notifier,
      Instant from,
      int minSeverity,
      String ack) {
    List<String> command =
        new ArrayList<>(
            List.of(
                node.toString(),
                "history-events.js",
                url,
                notifier,
                from.toString(),
                Instant.now().plusSeconds(1).toString(),
                String.valueOf(PER_PAGE),
                String.valueOf(minSeverity)));
    if (ack != null) {
      command.add(ack);
    }
    ItSupport.Result run = ItSupport.run(command, nodeDir, Duration.ofSeconds(90));
    assertEquals(0, run.exitCode(), run::describe);
    Map<String, Object> json = run.json();
    return new Read(
        ((Double) json.get("pages")).intValue(),
        events(json.get("events")),
        json.get("ack") == null ? null : String.valueOf(json.get("ack")),
        json.get("afterAck") == null ? List.of() : events(json.get("afterAck")));
  }

  private static List<Map<String, Object>> events(Object array) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object o : MiniJson.array(array, "events")) {
      out.add(MiniJson.object(o, "event"));
    }
    return out;
  }

  /** J1's object, from the recorded ActualPosition's node id. */
  private static String axisNodeId(MotionUa motionUa, String axis) {
    String position =
        ItSupport.recordedNodeId(motionUa, "/Axes/" + axis + "/ParameterSet/ActualPosition");
    return position.substring(0, position.length() - "/ParameterSet/ActualPosition".length());
  }
}
