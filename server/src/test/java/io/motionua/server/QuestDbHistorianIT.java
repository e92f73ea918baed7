package io.motionua.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.motionua.server.axis.AxisState;
import io.motionua.server.config.ConfigLoader;
import io.motionua.server.config.HistoryExternalSpec;
import io.motionua.server.config.HttpSpec;
import io.motionua.server.config.MachineConfig;
import io.motionua.server.history.Sample;
import io.motionua.server.history.external.ExternalHistorian;
import io.motionua.server.history.external.ExternalStatus;
import io.motionua.server.opcua.ListenPorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The external historian against a real QuestDB server ({@link QuestDbServer}: the same jar as the
 * embedded store, in a child JVM): the demo arm records into it, found to be QuestDB by its {@code
 * select version()}; the server is killed with {@code kill -9} mid-run while an axis moves, records
 * buffer on disk, and after the restart every value the embedded store recorded is in QuestDB once,
 * in order. Records sent again after a lost acknowledgement are kept once by the tables' {@code
 * DEDUP UPSERT KEYS}. QuestDB applies its write-ahead log in the background: counts are taken once
 * every committed transaction is applied.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuestDbHistorianIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String POSITION = "/Axes/J2/ParameterSet/ActualPosition";

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private QuestDbServer questDb;

  @BeforeAll
  void startQuestDb() throws Exception {
    questDb = QuestDbServer.startInNewDirectory();
  }

  @AfterAll
  void stopQuestDb() throws Exception {
    if (questDb != null) {
      questDb.close();
    }
  }

  private MachineConfig config() throws Exception {
    String demo =
        new String(
            ConfigLoader.class.getResourceAsStream(ConfigLoader.DEMO_RESOURCE).readAllBytes(),
            StandardCharsets.UTF_8);
    String text =
        demo
            + """

            history:
              external:
                url: %s
                user: %s
                password: %s
                tablePrefix: it_
                reconnectMs: 300
            """
                .formatted(questDb.url(), QuestDbServer.USER, QuestDbServer.PASSWORD);
    MachineConfig parsed = ConfigLoader.parse("cell.yaml", text, null);
    MachineConfig config = parsed.withPort(ListenPorts.choose());
    return config.withServer(config.server().withHttp(HttpSpec.onPort(0)));
  }

  @Test
  void aKilledQuestDbIsBufferedOnDiskAndEveryRecordArrivesOnceInOrderAfterIt() throws Exception {
    // Not a @TempDir: the history store may still be opening in the background at close.
    Path data = Files.createTempDirectory("motionua-questdb-it");
    try (MotionUa motionUa = new MotionUa(config(), data)) {
      motionUa.start();
      int port = motionUa.httpPort().orElseThrow();
      String node =
          motionUa.history().recordedNodes().stream()
              .map(n -> n.getIdentifier().toString())
              .filter(id -> id.endsWith(POSITION))
              .findFirst()
              .orElseThrow();
      Waits.until(
          () -> motionUa.historyExternal().status().connected(), WAIT, () -> status(motionUa));
      assertTrue(
          motionUa.historyExternal().status().database().startsWith("QuestDB at 127.0.0.1:"),
          "detected by its version(): " + status(motionUa));
      Waits.until(() -> motionUa.history().writer().store() != null, WAIT, () -> "store open");
      Waits.axisState(motionUa, "J2", AxisState.Standstill, WAIT);
      motionUa.axes().get("J2").moveAbsolute(20, 60, 0, 0).get();
      Waits.axisState(motionUa, "J2", AxisState.Standstill, WAIT);

      questDb.kill();
      long outageFrom = micros();
      Waits.until(
          () -> !motionUa.historyExternal().status().connected(), WAIT, () -> status(motionUa));
      String warnings = health(port).get("warnings").toString();
      assertTrue(warnings.contains("external historian QuestDB at 127.0.0.1:"), warnings);
      assertTrue(warnings.contains("not connected: cannot reach the database"), warnings);

      motionUa.axes().get("J2").moveAbsolute(-10, 60, 0, 0).get();
      Waits.axisState(motionUa, "J2", AxisState.Standstill, WAIT);
      Waits.until(
          () -> motionUa.historyExternal().status().bufferedRecords() > 20,
          WAIT,
          () -> status(motionUa));
      long outageTo = micros();

      questDb.start();
      Waits.until(
          () -> {
            ExternalStatus s = motionUa.historyExternal().status();
            return s.connected() && s.bufferedRecords() == 0;
          },
          WAIT,
          () -> status(motionUa));
      assertEquals(0, motionUa.historyExternal().status().dropped());
      assertTrue(health(port).get("warnings").isEmpty(), health(port).toString());

      long until = micros();
      List<Sample> embedded = new ArrayList<>();
      List<Sample> external = new ArrayList<>();
      Waits.until(
          () -> {
            embedded.clear();
            embedded.addAll(
                motionUa.history().writer().store().read(node, 0, until, false, 0, 1 << 20));
            external.clear();
            external.addAll(external(node, until));
            return !embedded.isEmpty() && embedded.equals(external);
          },
          WAIT,
          () -> "the same records in both stores: embedded " + embedded + ", QuestDB " + external);
      long inOutage =
          external.stream()
              .filter(s -> s.timeMicros() >= outageFrom && s.timeMicros() < outageTo)
              .count();
      assertTrue(inOutage > 10, "values of the move during the outage: " + inOutage);
      for (int i = 1; i < external.size(); i++) {
        assertTrue(
            external.get(i).timeMicros() > external.get(i - 1).timeMicros(),
            "in order, once each: " + external.get(i - 1) + " then " + external.get(i));
      }
      Waits.until(() -> questDb.applied("it_samples"), WAIT, () -> "it_samples applied");
      try (Connection c = questDb.connect();
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(), count_distinct(seq) FROM it_samples")) {
        rs.next();
        assertTrue(rs.getLong(1) > 100, "rows: " + rs.getLong(1));
        assertEquals(rs.getLong(1), rs.getLong(2), "no sequence number twice");
      }
      // Events travel the same way: J2's two MoveCompleted, the second one from the outage.
      Waits.until(() -> moveCompletedEvents() == 2, WAIT, () -> "events: " + moveCompletedEvents());
    }
  }

  /**
   * A crash between QuestDB's commit and the log's acknowledgement, played by setting the
   * acknowledgement back: everything is sent again, and the deduplicating table keeps one copy of
   * each record. The dialect is named here instead of detected.
   */
  @Test
  void recordsSentAgainAfterALostAcknowledgementAreKeptOnce(@TempDir Path data) throws Exception {
    HistoryExternalSpec spec =
        HistoryExternalSpec.of(questDb.url(), QuestDbServer.USER, QuestDbServer.PASSWORD, 16)
            .withDialect(HistoryExternalSpec.QUESTDB);
    ExternalHistorian first = ExternalHistorian.start(spec, data, "AckCell");
    try {
      for (int i = 0; i < 1000; i++) {
        first.sample(new Sample("AckCell/X", 1_000_000L * i, i, 0));
      }
      Waits.until(() -> first.status().sent() == 1000, WAIT, () -> first.status().toString());
    } finally {
      first.close();
    }
    String origin = Files.readString(data.resolve("history-external/origin")).trim();
    Waits.until(() -> rows(origin) == 1000, WAIT, () -> "rows: " + rows(origin));
    Files.writeString(data.resolve("history-external/acked"), "0");
    ExternalHistorian again = ExternalHistorian.start(spec, data, "AckCell");
    try {
      Waits.until(() -> again.status().sent() == 1000, WAIT, () -> again.status().toString());
      Waits.until(() -> questDb.applied("motionua_samples"), WAIT, () -> "samples applied");
      assertEquals(1000, rows(origin), "sent twice, kept once");
      again.sample(new Sample("AckCell/X", 1_000_000L * 1000, 1000, 0));
      Waits.until(() -> rows(origin) == 1001, WAIT, () -> "rows: " + rows(origin));
      try (Connection c = questDb.connect();
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT min(seq), max(seq), count_distinct(ts) FROM motionua_samples"
                      + " WHERE origin = '%s'".formatted(origin))) {
        rs.next();
        assertEquals(1, rs.getLong(1));
        assertEquals(1001, rs.getLong(2), "the sequence goes on after the restart");
        assertEquals(1001, rs.getLong(3));
      }
    } finally {
      again.close();
    }
  }

  private long rows(String origin) throws Exception {
    try (Connection c = questDb.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count() FROM motionua_samples WHERE origin = '%s'".formatted(origin))) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private long moveCompletedEvents() throws Exception {
    try (Connection c = questDb.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count() FROM it_events WHERE source_name = 'J2'"
                    + " AND message = 'axis J2: move completed' AND severity = 100"
                    + " AND properties LIKE '%\"Position\"%'")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The node's values in QuestDB before {@code untilMicros}, in recording order. */
  private List<Sample> external(String node, long untilMicros) throws Exception {
    List<Sample> out = new ArrayList<>();
    try (Connection c = questDb.connect();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT cast(ts AS long), value, status FROM it_samples"
                    + " WHERE node = ? AND cast(ts AS long) < ? ORDER BY seq")) {
      ps.setString(1, node);
      ps.setLong(2, untilMicros);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long micros = rs.getLong(1);
          double value = rs.getDouble(2);
          out.add(new Sample(node, micros, rs.wasNull() ? Double.NaN : value, rs.getLong(3)));
        }
      }
    }
    return out;
  }

  private static long micros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
  }

  private static String status(MotionUa motionUa) {
    return String.valueOf(motionUa.historyExternal().status());
  }

  private JsonNode health(int port) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
            .timeout(Duration.ofSeconds(10))
            .build();
    return json.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
  }
}
