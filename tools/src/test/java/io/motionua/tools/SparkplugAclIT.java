package io.motionua.tools;

import static io.motionua.tools.SparkplugListener.births;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motionua.server.MotionUa;
import io.motionua.server.config.ConfigLoader;
import io.motionua.server.config.MachineConfig;
import io.motionua.server.opcua.ListenPorts;
import io.motionua.server.security.PasswordHash;
import io.motionua.server.sparkplug.EdgeNodeStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The broker's ACL as part of the access control (docs/sparkplug.md, "The broker's ACL"): a
 * Mosquitto with a password file made by {@code mosquitto_passwd} and the ACL file exactly as the
 * docs show it. The demo machine as edge node {@code cell-7} (in this JVM) publishes with its own
 * account; another cell's account can neither command it nor speak for it; the host's account
 * commands it. And a cell whose password the broker refuses ({@code motionua serve}): one log line
 * and a health warning, the meter at 0, OPC UA serving on, no stack trace.
 */
class SparkplugAclIT {

  private static final String GROUP = "hall-2";
  private static final String VELOCITY = "MotionDevices/Arm/Axes/J4/ParameterSet/TargetVelocity";
  private static final Duration WAIT = Duration.ofSeconds(60);

  private static Path dir;
  private static MosquittoBroker broker;
  private static SparkplugListener listener;
  private static MotionUa cell;
  private static int opcUaPort;

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeTrue(
        ItSupport.onPath("mosquitto_passwd").isPresent(),
        "mosquitto_passwd is not installed (bin/test installs mosquitto)");
    dir = Files.createTempDirectory("motionua-sparkplug-acl-it");
    Path brokerDir = Files.createDirectories(dir.resolve("broker"));
    Path passwd = brokerDir.resolve("passwd");
    account(passwd, "-c", "cell-7", "cell-secret");
    account(passwd, null, "cell-8", "other-secret");
    account(passwd, null, "scada", "host-secret");
    Path acl = brokerDir.resolve("sparkplug.acl");
    Files.writeString(acl, aclFromTheDocs());
    broker =
        MosquittoBroker.startOrSkip(
            brokerDir,
            "allow_anonymous false\npassword_file %s\nacl_file %s\n".formatted(passwd, acl));
    listener = SparkplugListener.connected(broker.port(), GROUP, WAIT, host());
    String hash = PasswordHash.hash("secret".toCharArray());
    String text =
        Files.readString(ItSupport.moduleDir().resolve("../examples/demo-arm.yaml"))
                .replaceFirst(
                    "users: \\[\\]",
                    Matcher.quoteReplacement(
                        "users: [{name: op, passwordHash: '%s', role: operator}]".formatted(hash)))
            + """

            sparkplug:
              brokers: [tcp://127.0.0.1:%d]
              groupId: %s
              edgeNodeId: cell-7
              user: cell-7
              password: cell-secret
              reconnectMs: 300
              commands:
                - {metric: %s, user: op}
            """
                .formatted(broker.port(), GROUP, VELOCITY);
    MachineConfig config =
        ConfigLoader.parse("cell.yaml", text, dir.resolve("cell.yaml"))
            .withPort(opcUaPort = ListenPorts.choose());
    cell = new MotionUa(config, dir.resolve("data"));
    cell.start();
  }

  @AfterAll
  static void stop() {
    ItSupport.closeAll(cell, listener, broker);
  }

  /** The cell's account may publish its node's and devices' births: the host sees them all. */
  @Test
  void theCellPublishesWithItsOwnAccount() {
    listener.await(
        "NBIRTH of cell-7 and DBIRTH of its seven devices",
        all ->
            all.stream().anyMatch(m -> "NBIRTH".equals(m.get("type")))
                && births(all).stream().map(m -> m.get("device")).distinct().count() == 7,
        WAIT);
    assertTrue(status().born(), status()::toString);
  }

  /**
   * Another cell's account publishes a DCMD to cell-7 and a DDATA in cell-7's name; the broker
   * drops both. The host's DCMD, published after them, is written. Since the broker handles them in
   * order, once the host's write is audited and its own data seen, the others would have arrived.
   */
  @Test
  void onlyTheHostsAccountCommandsTheCell() throws Exception {
    listener.await(
        "J4-drive born",
        all -> births(all).stream().anyMatch(m -> "J4-drive".equals(m.get("device"))),
        WAIT);
    dcmd(otherCell(), "33");
    dcmd(otherCell("--topic", "spBv1.0/hall-2/DDATA/cell-7/J4-drive"), "34");
    dcmd(otherCell("--topic", "spBv1.0/hall-2/DDATA/cell-8/probe"), "35");
    listener.await(
        "cell-8's own DDATA",
        all ->
            all.stream().anyMatch(m -> "spBv1.0/hall-2/DDATA/cell-8/probe".equals(m.get("topic"))),
        WAIT);
    // The cell's own DDATA carry aliases; only the forged one names the metric.
    assertFalse(
        listener.messages().stream()
            .filter(m -> "spBv1.0/hall-2/DDATA/cell-7/J4-drive".equals(m.get("topic")))
            .flatMap(m -> SparkplugListener.metrics(m).stream())
            .anyMatch(metric -> VELOCITY.equals(metric.get("name"))),
        "cell-8 spoke for cell-7: " + listener.messages());

    dcmd(List.of(host()), "21");
    Path audit = dir.resolve("data/audit.log");
    ItSupport.until(
        () -> Files.exists(audit) && Files.readString(audit).contains("\"new\":21.0"),
        WAIT,
        () -> "the host's DCMD audited; " + (Files.exists(audit) ? Files.readString(audit) : ""));
    List<String> lines = Files.readAllLines(audit);
    assertTrue(
        lines.stream().noneMatch(l -> l.contains("\"new\":33")),
        () -> "cell-8's DCMD reached the cell: " + lines);
    assertEquals(
        1, lines.stream().filter(l -> l.contains("TargetVelocity")).count(), lines::toString);
    assertTrue(lines.get(lines.size() - 1).contains("\"result\":\"Good\""), lines::toString);
    assertEquals(1, status().commandsWritten(), status()::toString);
    assertEquals(0, status().commandsRefused(), status()::toString);
    assertEquals(
        21.0, ItSupport.readOverOpcUa("opc.tcp://127.0.0.1:" + opcUaPort, "DemoArm/" + VELOCITY));
  }

  /**
   * A cell whose password the broker refuses: one warning line naming the broker and the reason,
   * {@code /health} 200 with that warning, {@code motionua_sparkplug_connected} 0, OPC UA serving
   * on, and nothing in the console that looks like a stack trace.
   */
  @Test
  void aRefusedPasswordIsAWarningAndAMeterWhileOpcUaServesOn() throws Exception {
    Path file = dir.resolve("refused.yaml");
    Files.writeString(
        file,
        Files.readString(ItSupport.moduleDir().resolve("../examples/demo-arm.yaml"))
            + """

            sparkplug:
              brokers: [tcp://127.0.0.1:%d]
              groupId: %s
              edgeNodeId: cell-8
              user: cell-8
              password: wrong
              reconnectMs: 300
            """
                .formatted(broker.port(), GROUP));
    int httpPort = ListenPorts.choose();
    try (ServeProcess serve =
        ServeProcess.start(
            dir.resolve("refused-data"),
            "--config",
            file.toString(),
            "--http-port",
            String.valueOf(httpPort))) {
      serve.process.awaitLine(
          Pattern.compile(
              "sparkplug: broker tcp://127\\.0\\.0\\.1:"
                  + broker.port()
                  + " refused or unreachable: .*(authori|user name or password)"),
          WAIT);
      HttpClient http = HttpClient.newHttpClient();
      String[] health = {""};
      ItSupport.until(
          () -> {
            HttpResponse<String> h = get(http, httpPort, "/health");
            health[0] = h.statusCode() + " " + h.body();
            return h.statusCode() == 200
                && h.body().contains("\"status\":\"UP\"")
                && h.body()
                    .contains(
                        "sparkplug: not connected to a broker (broker tcp://127.0.0.1:"
                            + broker.port()
                            + " refused or unreachable: ");
          },
          WAIT,
          () -> "/health with the refusal as a warning: " + health[0]);
      String metrics = get(http, httpPort, "/metrics").body();
      assertTrue(
          metrics.contains("\nmotionua_sparkplug_connected{machine=\"DemoArm\"} 0.0"), metrics);
      Object position =
          ItSupport.readOverOpcUa(
              serve.url, "DemoArm/MotionDevices/Arm/Axes/J1/ParameterSet/ActualPosition");
      assertTrue(position instanceof Double, "J1's position over OPC UA: " + position);
      String output = serve.process.describe();
      assertFalse(
          Pattern.compile("(?m)^\\s+at [\\w.$]+\\(|^Caused by:").matcher(output).find(), output);
      assertEquals(
          1,
          output.lines().filter(l -> l.contains("refused or unreachable")).count(),
          "the refusal is one line while its reason stays the same:\n" + output);
    }
  }

  // ---- helpers ----

  /** The login of the plant host's account, as the script's arguments. */
  private static String[] host() {
    return new String[] {"--user", "scada", "--password", "host-secret"};
  }

  /** The login of another cell's account (cell-8), and more arguments of the script. */
  private static List<String> otherCell(String... more) {
    List<String> args =
        new java.util.ArrayList<>(List.of("--user", "cell-8", "--password", "other-secret"));
    args.addAll(List.of(more));
    return args;
  }

  private static void dcmd(List<String> login, String value) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "dcmd",
                "--node",
                "cell-7",
                "--device",
                "J4-drive",
                "--metric",
                VELOCITY,
                "--value",
                value));
    args.addAll(login);
    SparkplugListener.send(broker.port(), GROUP, args.toArray(String[]::new));
  }

  private static EdgeNodeStatus status() {
    return cell.sparkplug().orElseThrow().status();
  }

  /** The ACL file as docs/sparkplug.md shows it, from its first line to the end of its block. */
  private static String aclFromTheDocs() throws Exception {
    String docs = Files.readString(ItSupport.moduleDir().resolve("../docs/sparkplug.md"));
    int from = docs.indexOf("# sparkplug.acl:");
    assertTrue(from >= 0, "docs/sparkplug.md shows no sparkplug.acl");
    return docs.substring(from, docs.indexOf("```", from));
  }

  private static void account(Path passwd, String create, String user, String password) {
    List<String> command = new java.util.ArrayList<>(List.of("mosquitto_passwd", "-b"));
    if (create != null) {
      command.add(create);
    }
    command.addAll(List.of(passwd.toString(), user, password));
    ItSupport.Result r = ItSupport.run(command, null, WAIT);
    assertEquals(0, r.exitCode(), r::describe);
  }

  private static HttpResponse<String> get(HttpClient http, int port, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
