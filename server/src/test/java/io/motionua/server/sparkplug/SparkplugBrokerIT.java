package io.motionua.server.sparkplug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.motionua.server.MotionUa;
import io.motionua.server.Waits;
import io.motionua.server.config.ConfigLoader;
import io.motionua.server.config.HttpSpec;
import io.motionua.server.config.MachineConfig;
import io.motionua.server.config.SparkplugSpec;
import io.motionua.server.opcua.ListenPorts;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edge node alone (no OPC UA server) against a real Mosquitto with three listeners: TLS with a
 * certificate from a CA made here by openssl, a listener that wants a user and password, and a
 * plain one where {@code mosquitto_sub} watches. A trusted broker gets the NBIRTH; a certificate
 * from another CA and a wrong password are refused with one clear reason in the node's status, and
 * nothing is published.
 */
class SparkplugBrokerIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private static Path dir;
  private static Process broker;
  private static Process watcher;
  private static final List<String> topics = new CopyOnWriteArrayList<>();
  private static int plainPort;
  private static int tlsPort;
  private static int authPort;

  @BeforeAll
  static void startBroker() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/sbin/mosquitto")), "mosquitto is not installed");
    dir = Files.createTempDirectory("motionua-sparkplug-broker-it");
    certificates();
    run("mosquitto_passwd", "-b", "-c", dir.resolve("passwd").toString(), "cell", "right");
    plainPort = ListenPorts.choose("127.0.0.1");
    tlsPort = ListenPorts.choose("127.0.0.1");
    authPort = ListenPorts.choose("127.0.0.1");
    Files.writeString(
        dir.resolve("mosquitto.conf"),
        """
        per_listener_settings true
        listener %d 127.0.0.1
        allow_anonymous true
        listener %d 127.0.0.1
        allow_anonymous true
        cafile %s/ca.crt
        certfile %s/server.crt
        keyfile %s/server.key
        listener %d 127.0.0.1
        allow_anonymous false
        password_file %s/passwd
        """
                .formatted(plainPort, tlsPort, dir, dir, dir, authPort, dir)
            + ("root".equals(System.getProperty("user.name")) ? "user root\n" : ""));
    List<String> brokerLines = new CopyOnWriteArrayList<>();
    broker =
        start(brokerLines, "/usr/sbin/mosquitto", "-c", dir.resolve("mosquitto.conf").toString());
    await(
        "broker running",
        () -> brokerLines.stream().anyMatch(l -> l.contains(" running")),
        brokerLines);
    watcher =
        start(
            topics,
            "mosquitto_sub",
            "-h",
            "127.0.0.1",
            "-p",
            "" + plainPort,
            "-t",
            "spBv1.0/#",
            "-F",
            "%t");
    // mosquitto_sub prints nothing until a message comes: probe with one of our own.
    await(
        "the watcher subscribed",
        () -> {
          run(
              "mosquitto_pub",
              "-h",
              "127.0.0.1",
              "-p",
              "" + plainPort,
              "-t",
              "spBv1.0/probe",
              "-m",
              "x");
          return topics.contains("spBv1.0/probe");
        },
        topics);
  }

  @AfterAll
  static void stopBroker() {
    for (Process p : new Process[] {watcher, broker}) {
      if (p != null) {
        p.destroy();
      }
    }
  }

  @Test
  void aTlsBrokerWhoseCaIsTrustedGetsTheNodeBirth(@TempDir Path data) throws Exception {
    try (SparkplugPublisher publisher =
        publisher(
            "tls-ok",
            "ssl://127.0.0.1:" + tlsPort,
            "trustStore: %s/ca.p12\n  trustStorePassword: changeit".formatted(dir),
            data)) {
      await("NBIRTH over TLS", () -> topics.contains("spBv1.0/it-tls/NBIRTH/tls-ok"), topics);
      await("the status to show the birth", () -> publisher.status().born(), List.of());
      assertEquals("ssl://127.0.0.1:" + tlsPort, publisher.status().broker());
    }
  }

  @Test
  void aBrokerCertificateFromAnotherCaIsRefusedWithOneClearReason(@TempDir Path data)
      throws Exception {
    try (SparkplugPublisher publisher =
        publisher(
            "tls-bad",
            "ssl://127.0.0.1:" + tlsPort,
            "trustStore: %s/other.p12\n  trustStorePassword: changeit".formatted(dir),
            data)) {
      await(
          "a refusal",
          () -> publisher.status().lastError().contains("refused or unreachable"),
          List.of());
      String error = publisher.status().lastError();
      assertTrue(error.startsWith("broker ssl://127.0.0.1:" + tlsPort), error);
      assertTrue(error.toLowerCase().contains("cert") || error.contains("PKIX"), error);
      assertFalse(publisher.status().born());
      assertFalse(topics.stream().anyMatch(t -> t.contains("/tls-bad")), topics::toString);
    }
  }

  @Test
  void aWrongPasswordIsRefusedWithOneClearReason(@TempDir Path data) throws Exception {
    try (SparkplugPublisher publisher =
        publisher(
            "auth-bad", "tcp://127.0.0.1:" + authPort, "user: cell\n  password: wrong", data)) {
      await(
          "a refusal",
          () -> publisher.status().lastError().contains("refused or unreachable"),
          List.of());
      String error = publisher.status().lastError();
      assertTrue(error.contains("authori") || error.contains("user name or password"), error);
      assertFalse(publisher.status().born());
    }
    try (SparkplugPublisher publisher =
        publisher(
            "auth-ok", "tcp://127.0.0.1:" + authPort, "user: cell\n  password: right", data)) {
      await("NBIRTH with the right password", () -> publisher.status().born(), topics);
    }
  }

  /**
   * The whole server with its HTTP endpoints: refused credentials are a warning on /health (200,
   * the machine is up: OPC UA serves on) naming the broker and the reason, and 0 in the connected
   * meter.
   */
  @Test
  void refusedCredentialsAreAHealthWarningAndAMeterNotADown() throws Exception {
    // Not a @TempDir: the history store may still be opening in the background at close.
    Path data = Files.createTempDirectory("motionua-sparkplug-health-it");
    String text =
        new String(
                ConfigLoader.class.getResourceAsStream(ConfigLoader.DEMO_RESOURCE).readAllBytes(),
                StandardCharsets.UTF_8)
            + """

            sparkplug:
              brokers: [tcp://127.0.0.1:%d]
              groupId: it-auth
              edgeNodeId: health
              user: cell
              password: wrong
              reconnectMs: 300
            """
                .formatted(authPort);
    MachineConfig parsed = ConfigLoader.parse("cell.yaml", text, null);
    MachineConfig config = parsed.withPort(ListenPorts.choose());
    config = config.withServer(config.server().withHttp(HttpSpec.onPort(0)));
    try (MotionUa motionUa = new MotionUa(config, data)) {
      motionUa.start();
      HttpClient http = HttpClient.newHttpClient();
      URI health = URI.create("http://127.0.0.1:" + motionUa.httpPort().orElseThrow() + "/health");
      URI metrics =
          URI.create("http://127.0.0.1:" + motionUa.httpPort().orElseThrow() + "/metrics");
      List<String> last = new CopyOnWriteArrayList<>(List.of(""));
      await(
          "a health warning naming the refusal",
          () -> {
            HttpResponse<String> h =
                http.send(HttpRequest.newBuilder(health).build(), BodyHandlers.ofString());
            last.set(0, h.statusCode() + " " + h.body());
            return h.statusCode() == 200
                && h.body().contains("\"status\":\"UP\"")
                && h.body()
                    .contains(
                        "sparkplug: not connected to a broker (broker tcp://127.0.0.1:"
                            + authPort
                            + " refused or unreachable: ")
                && (h.body().contains("authori") || h.body().contains("user name or password"));
          },
          last);
      String scrape =
          http.send(HttpRequest.newBuilder(metrics).build(), BodyHandlers.ofString()).body();
      assertTrue(
          scrape.contains("\nmotionua_sparkplug_connected{machine=\"DemoArm\"} 0.0"), scrape);
      assertTrue(scrape.contains("\nmotionua_sparkplug_born{machine=\"DemoArm\"} 0.0"), scrape);
      assertFalse(topics.stream().anyMatch(t -> t.contains("/health")), topics::toString);
    }
  }

  @Test
  void birthsWaitForThePrimaryHostAndItsOfflineStateEndsTheSession(@TempDir Path data)
      throws Exception {
    String state = "spBv1.0/STATE/scada-it";
    try (SparkplugPublisher publisher =
        publisher("hosted", "tcp://127.0.0.1:" + plainPort, "primaryHostId: scada-it", data)) {
      await("the connection", () -> !publisher.status().broker().isEmpty(), List.of());
      publishState(state, "{\"online\": false, \"timestamp\": 1}");
      // Our own probe, sent after the offline STATE, proves the node had the time to react.
      run(
          "mosquitto_pub",
          "-h",
          "127.0.0.1",
          "-p",
          "" + plainPort,
          "-t",
          "spBv1.0/probe2",
          "-m",
          "x");
      await("the second probe", () -> topics.contains("spBv1.0/probe2"), topics);
      assertFalse(topics.contains("spBv1.0/it-auth/NBIRTH/hosted"), "no birth without the host");
      publishState(state, "{\"online\": true, \"timestamp\": 2}");
      await(
          "NBIRTH once the host is online",
          () -> topics.contains("spBv1.0/it-auth/NBIRTH/hosted"),
          topics);
      publishState(state, "{\"online\": false, \"timestamp\": 3}");
      await(
          "NDEATH once the host is offline",
          () -> topics.contains("spBv1.0/it-auth/NDEATH/hosted"),
          topics);
    } finally {
      run("mosquitto_pub", "-h", "127.0.0.1", "-p", "" + plainPort, "-t", state, "-r", "-n");
    }
  }

  /**
   * The edge node fed directly, as the link threads feed it: a device is born when it first
   * answers, dies (DDEATH) when its values go Bad, and is born again (DBIRTH) when it answers
   * again; a change inside the deadband sends nothing.
   */
  @Test
  void aDeviceDiesWhenItStopsAnsweringAndIsBornAgainWhenItReturns(@TempDir Path data)
      throws Exception {
    SparkplugSpec spec =
        new SparkplugSpec(
            List.of("tcp://127.0.0.1:" + plainPort),
            "it-life",
            "life",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            1,
            0.5,
            Map.of(),
            300,
            List.of());
    MetricDefinition position = new MetricNumbering(spec).next("P", MetricType.DOUBLE, "mm");
    var executor = new java.util.concurrent.ScheduledThreadPoolExecutor(4);
    EdgeNode node =
        new EdgeNode(
            spec,
            List.of(new SparkplugDevice("drive", List.of(position))),
            new ForwardStore(data.resolve("forward.bin"), 1 << 20),
            new NodeCommands(new SparkplugTopics("it-life", "life"), null, null),
            null,
            executor,
            java.time.Clock.systemUTC());
    Thread thread = new Thread(node, "sparkplug-it-life");
    thread.start();
    String prefix = "spBv1.0/it-life/";
    try {
      await("NBIRTH", () -> topics.contains(prefix + "NBIRTH/life"), topics);
      node.offer(update(true, 1.0));
      await("DBIRTH", () -> count(prefix + "DBIRTH/life/drive") == 1, topics);
      node.offer(update(true, 1.4)); // inside the deadband of 0.5: nothing
      node.offer(update(true, 2.0));
      await("DDATA", () -> count(prefix + "DDATA/life/drive") == 1, topics);
      node.offer(update(false, 2.0));
      await("DDEATH", () -> count(prefix + "DDEATH/life/drive") == 1, topics);
      node.offer(update(true, 2.1));
      await("a second DBIRTH", () -> count(prefix + "DBIRTH/life/drive") == 2, topics);
      assertEquals(1, count(prefix + "DDATA/life/drive"), "1.4 was inside the deadband");
    } finally {
      node.stop();
      thread.join(3000);
      executor.shutdownNow();
    }
  }

  private static DeviceUpdate update(boolean online, double value) {
    return new DeviceUpdate("drive", java.time.Instant.now(), online, Map.of("P", value));
  }

  private static long count(String topic) {
    return topics.stream().filter(topic::equals).count();
  }

  private static void publishState(String topic, String json) throws Exception {
    run(
        "mosquitto_pub",
        "-h",
        "127.0.0.1",
        "-p",
        "" + plainPort,
        "-t",
        topic,
        "-q",
        "1",
        "-r",
        "-m",
        json);
  }

  private static SparkplugPublisher publisher(String node, String broker, String extra, Path data)
      throws Exception {
    String group = broker.startsWith("ssl") ? "it-tls" : "it-auth";
    MachineConfig config =
        ConfigLoader.parse(
            "m.yaml",
            """
            machine: {name: M}
            links:
              - { name: bus, host: 127.0.0.1, port: 1502 }
            drives:
              - { name: d1, link: bus, unitId: 1 }
            motors:
              - { name: m1, drive: d1 }
            reducers:
              - { name: g1, ratio: 10 }
            axes:
              - { name: X, motor: m1, reducer: g1 }
            sparkplug:
              brokers: [%s]
              groupId: %s
              edgeNodeId: %s
              reconnectMs: 300
              %s
            """
                .formatted(broker, group, node, extra),
            null);
    return SparkplugPublisher.start(config, data, Map.of(), Map.of(), null, null).orElseThrow();
  }

  private static void certificates() throws Exception {
    String d = dir.toString();
    run(
        "openssl",
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        d + "/ca.key",
        "-out",
        d + "/ca.crt",
        "-days",
        "2",
        "-subj",
        "/CN=motionua-it-ca");
    run(
        "openssl",
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        d + "/server.key",
        "-out",
        d + "/server.csr",
        "-subj",
        "/CN=127.0.0.1");
    Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1\n");
    run(
        "openssl",
        "x509",
        "-req",
        "-in",
        d + "/server.csr",
        "-CA",
        d + "/ca.crt",
        "-CAkey",
        d + "/ca.key",
        "-CAcreateserial",
        "-out",
        d + "/server.crt",
        "-days",
        "2",
        "-extfile",
        d + "/san.ext");
    run(
        "openssl",
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        d + "/other.key",
        "-out",
        d + "/other.crt",
        "-days",
        "2",
        "-subj",
        "/CN=another-ca");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    for (String name : List.of("ca", "other")) {
      run(
          keytool,
          "-importcert",
          "-noprompt",
          "-alias",
          name,
          "-file",
          d + "/" + name + ".crt",
          "-keystore",
          d + "/" + name + ".p12",
          "-storetype",
          "PKCS12",
          "-storepass",
          "changeit");
    }
    // Mosquitto reads the key as whatever user it runs as.
    dir.resolve("server.key").toFile().setReadable(true, false);
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
      fail(String.join(" ", command) + " failed:\n" + out);
    }
  }

  private static Process start(List<String> lines, String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().close();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  lines.add(line);
                }
              } catch (Exception ignored) {
                // the process ended
              }
            },
            "it-" + Path.of(command[0]).getFileName());
    reader.setDaemon(true);
    reader.start();
    return p;
  }

  private interface Condition {
    boolean holds() throws Exception;
  }

  private static void await(String what, Condition condition, List<String> context)
      throws Exception {
    Waits.until(condition::holds, WAIT, () -> what + "; seen: " + new ArrayList<>(context));
  }
}
