package io.motionua.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The external historian against a real PostgreSQL (Debian's package, started here in a temporary
 * directory): the demo arm records into it, the database is killed mid-run ({@code pg_ctl stop -m
 * immediate}) while an axis moves, records buffer on disk, and after the restart every value the
 * embedded store recorded is in PostgreSQL once, in order; /health and /metrics showed the outage.
 * Wrong credentials are a clear health warning while OPC UA serves on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExternalHistorianIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String POSITION = "/Axes/J2/ParameterSet/ActualPosition";

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private PostgresServer pg;

  @BeforeAll
  void startPostgres() throws Exception {
    var bin = PostgresServer.bin();
    assumeTrue(
        bin.isPresent(),
        "PostgreSQL is not installed (/usr/lib/postgresql/*/bin/pg_ctl): bin/test installs the"
            + " Debian package postgresql");
    pg = PostgresServer.start(bin.get());
  }

  @AfterAll
  void stopPostgres() throws Exception {
    if (pg != null) {
      pg.close();
    }
  }

  private MachineConfig config(Path data, String passwordLine) throws Exception {
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
                %s
                tablePrefix: it_
                reconnectMs: 300
            """
                .formatted(pg.url(), PostgresServer.USER, passwordLine);
    MachineConfig parsed = ConfigLoader.parse("cell.yaml", text, data.resolve("cell.yaml"));
    MachineConfig config = parsed.withPort(ListenPorts.choose());
    return config.withServer(config.server().withHttp(HttpSpec.onPort(0)));
  }

  @Test
  void anOutageIsBufferedOnDiskAndEveryRecordArrivesOnceInOrderAfterIt() throws Exception {
    // Not a @TempDir: the history store may still be opening in the background at close.
    Path data = Files.createTempDirectory("motionua-external-it");
    Files.writeString(data.resolve("pg.secret"), PostgresServer.PASSWORD + "\n");
    try (MotionUa motionUa = new MotionUa(config(data, "passwordFile: pg.secret"), data)) {
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
      Waits.until(() -> motionUa.history().writer().store() != null, WAIT, () -> "store open");
      Waits.axisState(motionUa, "J2", AxisState.Standstill, WAIT);
      motionUa.axes().get("J2").moveAbsolute(20, 60, 0, 0).get();
      Waits.axisState(motionUa, "J2", AxisState.Standstill, WAIT);

      pg.stopImmediately();
      long outageFrom = micros();
      Waits.until(
          () -> !motionUa.historyExternal().status().connected(), WAIT, () -> status(motionUa));
      JsonNode health = health(port);
      String warnings = health.get("warnings").toString();
      assertTrue(
          warnings.contains("external historian PostgreSQL at 127.0.0.1:"), health.toString());
      assertTrue(warnings.contains("not connected: cannot reach the database"), warnings);
      assertTrue(!warnings.contains("INSERT"), "one sentence, not the statement: " + warnings);
      assertEquals("UP", health.get("status").asText(), "a warning, not a down");
      assertEquals(false, health.get("historyExternal").get("connected").asBoolean());
      assertEquals(0.0, metric(port, "motionua_history_external_connected"));

      motionUa.axes().get("J2").moveAbsolute(-10, 60, 0, 0).get();
      Waits.axisState(motionUa, "J2", AxisState.Standstill, WAIT);
      Waits.until(
          () -> motionUa.historyExternal().status().bufferedRecords() > 20,
          WAIT,
          () -> status(motionUa));
      assertTrue(metric(port, "motionua_history_external_buffered_records") > 20);
      assertTrue(metric(port, "motionua_history_external_buffered_bytes") > 0);
      long outageTo = micros();

      pg.start();
      Waits.until(
          () -> {
            ExternalStatus s = motionUa.historyExternal().status();
            return s.connected() && s.bufferedRecords() == 0;
          },
          WAIT,
          () -> status(motionUa));
      assertEquals(1.0, metric(port, "motionua_history_external_connected"));
      assertTrue(metric(port, "motionua_history_external_sent_total") > 20);
      assertEquals(0.0, metric(port, "motionua_history_external_dropped_total"));
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
          () ->
              "the same records in both stores: embedded " + embedded + ", PostgreSQL " + external);
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
      try (Connection c = pg.connect();
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery("SELECT count(*), count(DISTINCT (origin, seq)) FROM it_samples")) {
        rs.next();
        assertTrue(rs.getLong(1) > 100, "rows: " + rs.getLong(1));
        assertEquals(rs.getLong(1), rs.getLong(2), "no sequence number twice");
      }
      // Events travel the same way: J2's two MoveCompleted, the second one from the outage.
      Waits.until(() -> moveCompletedEvents() == 2, WAIT, () -> "events: " + moveCompletedEvents());
    }
  }

  private long moveCompletedEvents() throws Exception {
    try (Connection c = pg.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM it_events WHERE source_name = 'J2'"
                    + " AND message = 'axis J2: move completed' AND severity = 100"
                    + " AND properties::jsonb @> '[{\"name\": \"Position\"}]'")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void wrongCredentialsAreAClearHealthWarningAndOpcUaServesOn() throws Exception {
    Path data = Files.createTempDirectory("motionua-external-auth-it");
    MachineConfig config = config(data, "password: wrong-password");
    try (MotionUa motionUa = new MotionUa(config, data)) {
      motionUa.start();
      int port = motionUa.httpPort().orElseThrow();
      Waits.until(
          () -> motionUa.historyExternal().status().lastError().contains("refused"),
          WAIT,
          () -> status(motionUa));
      String why = motionUa.historyExternal().status().lastError();
      assertTrue(why.startsWith("user 'motion' refused (wrong user name or password?)"), why);
      assertTrue(why.contains("password authentication failed"), why);
      JsonNode health = health(port);
      List<String> warnings = new ArrayList<>();
      health.get("warnings").forEach(w -> warnings.add(w.asText()));
      assertTrue(warnings.stream().anyMatch(w -> w.contains(why)), health.toString());
      assertEquals("UP", health.get("status").asText(), "a warning, not a down");
      assertEquals(0.0, metric(port, "motionua_history_external_connected"));
      try (UaTestClient client =
          UaTestClient.connect("opc.tcp://127.0.0.1:" + config.server().port())) {
        assertTrue(
            client.read(NodeIds.Server_ServerStatus_State).statusCode().isGood(),
            "OPC UA serves on");
      }
    }
  }

  /**
   * A crash between the database's commit and the log's acknowledgement, played by setting the
   * acknowledgement back: everything is sent again, and the database keeps one copy of each record.
   */
  @Test
  void recordsSentAgainAfterALostAcknowledgementAreKeptOnce(@TempDir Path data) throws Exception {
    HistoryExternalSpec spec =
        HistoryExternalSpec.of(pg.url(), PostgresServer.USER, PostgresServer.PASSWORD, 16);
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
    assertEquals(1000, rows(origin));
    Files.writeString(data.resolve("history-external/acked"), "0");
    ExternalHistorian again = ExternalHistorian.start(spec, data, "AckCell");
    try {
      Waits.until(() -> again.status().sent() == 1000, WAIT, () -> again.status().toString());
      assertEquals(1000, rows(origin), "sent twice, kept once");
      again.sample(new Sample("AckCell/X", 1_000_000L * 1000, 1000, 0));
      Waits.until(() -> rows(origin) == 1001, WAIT, () -> again.status().toString());
      try (Connection c = pg.connect();
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT min(seq), max(seq), count(DISTINCT ts) FROM motionua_samples"
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
    try (Connection c = pg.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM motionua_samples WHERE origin = '%s'".formatted(origin))) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private List<Sample> external(String node, long untilMicros) throws Exception {
    List<Sample> out = new ArrayList<>();
    try (Connection c = pg.connect();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT ts, value, status FROM it_samples WHERE node = ? AND ts < ? ORDER BY seq")) {
      ps.setString(1, node);
      ps.setObject(
          2,
          OffsetDateTime.ofInstant(
              Instant.EPOCH.plusNanos(untilMicros * 1000), java.time.ZoneOffset.UTC));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          OffsetDateTime ts = rs.getObject(1, OffsetDateTime.class);
          long micros = ts.toEpochSecond() * 1_000_000 + ts.getNano() / 1000;
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
    return json.readTree(get(port, "/health"));
  }

  private double metric(int port, String name) throws Exception {
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{[^}]*\\} (\\S+)$")
            .matcher(get(port, "/metrics"));
    assertTrue(m.find(), "no metric " + name);
    return Double.parseDouble(m.group(1));
  }

  private String get(int port, String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
  }
}
