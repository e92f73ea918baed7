package io.motionua.tools;

import static io.motionua.tools.SparkplugListener.aliasOf;
import static io.motionua.tools.SparkplugListener.births;
import static io.motionua.tools.SparkplugListener.metrics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.motionua.drivers.profile.RegisterTable;
import io.motionua.drivers.sim.DriveSimulator;
import io.motionua.drivers.sim.SimulatedDevice;
import io.motionua.drivers.sim.SimulatedDrive;
import io.motionua.drivers.sim.SimulatedIoModule;
import io.motionua.server.MotionUa;
import io.motionua.server.axis.AxisController;
import io.motionua.server.axis.AxisState;
import io.motionua.server.config.ConfigLoader;
import io.motionua.server.config.HttpSpec;
import io.motionua.server.config.MachineConfig;
import io.motionua.server.opcua.ListenPorts;
import io.motionua.server.security.PasswordHash;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The Sparkplug edge node as operators and the plant see it when parts go away: the demo machine
 * (in this JVM, its link pointed at a drive gateway started here, so that drives and the gateway
 * can be silenced) publishing into a real Mosquitto that the test stops and starts, watched by the
 * independent Python subscriber (sparkplug_listen.py) and through {@code /health} and {@code
 * /metrics}. A silent drive dies (DDEATH) and is born again while the others publish on; a broker
 * outage is a warning on {@code /health} (still 200) and shows in the meters; a lost link kills
 * every device on it. The tests run in order on one machine.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkplugOperationsIT {

  private static final String GROUP = "plant-ops";
  private static final String LINK = "arm-bus";
  private static final String AXES = "MotionDevices/Arm/Axes/";
  private static final List<String> DEVICES =
      List.of("J1-drive", "J2-drive", "J3-drive", "J4-drive", "J5-drive", "J6-drive", "gripper-io");
  private static final Duration WAIT = Duration.ofSeconds(60);

  private static Path dir;
  private static MosquittoBroker broker;
  private static SparkplugListener listener;
  private static int gatewayPort;
  private static DriveSimulator gateway;
  private static MotionUa motionUa;
  private static int opcUaPort;
  private static final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("motionua-sparkplug-ops-it");
    broker = MosquittoBroker.startOrSkip(dir.resolve("broker"));
    listener = SparkplugListener.connected(broker.port(), GROUP, WAIT);
    gatewayPort = ListenPorts.choose("127.0.0.1");
    gateway = gateway(gatewayPort);
    String hash = PasswordHash.hash("secret".toCharArray());
    // Two users for the DCMDs, and a writable register with a range beside the demo's valve.
    String demo =
        Files.readString(ItSupport.moduleDir().resolve("../examples/demo-arm.yaml"))
            .replaceFirst(
                "users: \\[\\]",
                Matcher.quoteReplacement(
                    "users: [{name: op, passwordHash: '%s', role: operator}, {name: watch, passwordHash: '%s', role: viewer}]"
                        .formatted(hash, hash)))
            .replaceFirst(
                "(?m)^(\\s*)(- \\{ name: Pressure.*)$",
                "$1$2\n$1- { name: Setpoint, address: \"holding-register:1\", type: int16, scale: 0.1, range: [0, 100], writable: true, role: operator }");
    MachineConfig parsed =
        ConfigLoader.parse(
            "cell.yaml",
            demo
                + """

                sparkplug:
                  brokers: [tcp://127.0.0.1:%d]
                  groupId: %s
                  reconnectMs: 300
                  commands:
                    - {metric: Devices/gripper-io/VacuumValve, user: watch}
                    - {metric: Devices/gripper-io/Setpoint, user: op}
                    - {metric: MotionDevices/Arm/Axes/J4/ParameterSet/TargetVelocity, user: op}
                    - {metric: MotionDevices/Arm/Axes/J4/ParameterSet/SoftwareLimitPositive, user: watch}
                """
                    .formatted(broker.port(), GROUP),
            dir.resolve("cell.yaml"));
    MachineConfig config =
        parsed
            .withLink(parsed.links().get(0).withSimulated(false).withEndpoint(null, gatewayPort))
            .withPort(opcUaPort = ListenPorts.choose());
    config = config.withServer(config.server().withHttp(HttpSpec.onPort(0)));
    motionUa = new MotionUa(config, dir.resolve("data"));
    motionUa.start();
    listener.await("DBIRTH of every device", all -> births(all).size() >= DEVICES.size(), WAIT);
  }

  @AfterAll
  static void stop() {
    ItSupport.closeAll(motionUa, gateway, listener, broker);
  }

  @Test
  @Order(1)
  void aSilentDriveDiesAndIsBornAgainWhileTheOthersPublish() throws Exception {
    String j1Position = AXES + "J1/ParameterSet/ActualPosition";
    String j3Position = AXES + "J3/ParameterSet/ActualPosition";
    Map<String, Object> firstBirth = firstBirth("J3-drive");
    awaitState("J1", AxisState.Standstill);

    gateway.setResponding(3, false);
    listener.await("DDEATH of J3-drive", all -> indexOf(all, "DDEATH", "J3-drive", 0) >= 0, WAIT);
    // The others go on: J1 moves while J3 is dead, and its positions arrive as DDATA.
    int death = indexOf(listener.messages(), "DDEATH", "J3-drive", 0);
    double j1Alias = aliasOf(listener.messages(), "J1-drive", j1Position);
    motionUa.axes().get("J1").moveAbsolute(20, 30, 360, 360);
    listener.await(
        "DDATA with J1 at 20 degrees",
        all -> positions(all, "J1-drive", j1Alias, death).stream().anyMatch(v -> near(v, 20)),
        WAIT);
    List<Map<String, Object>> whileDead = listener.messages();
    assertEquals(
        -1,
        indexOf(whileDead, "DBIRTH", "J3-drive", death),
        "J3-drive is not born again while it is silent");

    gateway.setResponding(3, true);
    listener.await(
        "DBIRTH of J3-drive after its DDEATH",
        all -> indexOf(all, "DBIRTH", "J3-drive", death) >= 0,
        WAIT);
    List<Map<String, Object>> all = listener.messages();
    int rebirth = indexOf(all, "DBIRTH", "J3-drive", death);
    // The DBIRTH carries every metric again, under the aliases of the first birth.
    assertEquals(aliasesByName(firstBirth), aliasesByName(all.get(rebirth)));
    for (Map<String, Object> m : all.subList(0, rebirth + 1)) {
      if ("DDEATH".equals(m.get("type"))) {
        assertEquals("J3-drive", m.get("device"), "only the silent drive died: " + m);
      }
    }
    seqsFollowEachOther(all);

    // Data resumes: J3 (in ErrorStop since its drive went away while powered) is reset and moved.
    AxisController j3 = motionUa.axes().get("J3");
    awaitCondition(
        "J3 answering again", () -> j3.snapshot().status().isGood(), () -> "" + j3.snapshot());
    j3.reset().get(30, TimeUnit.SECONDS);
    if (j3.snapshot().state() == AxisState.Disabled) {
      j3.power(true).get(30, TimeUnit.SECONDS);
    }
    awaitState("J3", AxisState.Standstill);
    double j3Alias = aliasOf(listener.messages(), "J3-drive", j3Position);
    j3.moveAbsolute(15, 30, 360, 360);
    listener.await(
        "DDATA with J3 at 15 degrees after its rebirth",
        later -> positions(later, "J3-drive", j3Alias, rebirth).stream().anyMatch(v -> near(v, 15)),
        WAIT);
    seqsFollowEachOther(listener.messages());
    assertTrue(
        metric("motionua_sparkplug_device_deaths_total") >= 1, "the death is counted in /metrics");
  }

  @Test
  @Order(2)
  void aBrokerOutageIsAHealthWarningNotADownAndShowsInTheMeters() throws Exception {
    awaitCondition(
        "the edge node connected and born",
        () -> metric("motionua_sparkplug_connected") == 1 && metric("motionua_sparkplug_born") == 1,
        () -> get("/health").body());
    HttpResponse<String> up = get("/health");
    assertEquals(200, up.statusCode(), up.body());
    assertTrue(up.body().contains("\"warnings\":[]"), up.body());
    assertTrue(up.body().contains("\"sparkplug\":{\"connected\":true"), up.body());
    double published = metric("motionua_sparkplug_messages_published_total");
    assertTrue(published > DEVICES.size(), "births and data counted: " + published);

    broker.stop();
    awaitCondition(
        "a warning on /health, still 200 and UP",
        () -> {
          HttpResponse<String> h = get("/health");
          return h.statusCode() == 200
              && h.body().contains("\"status\":\"UP\"")
              && h.body().contains("sparkplug: not connected to a broker (")
              && h.body().contains("tcp://127.0.0.1:" + broker.port());
        },
        () -> get("/health").body());
    assertEquals(0, metric("motionua_sparkplug_connected"));
    // A move during the outage: its data goes to the store, which the meters show.
    AxisController j2 = motionUa.axes().get("J2");
    awaitState("J2", AxisState.Standstill);
    j2.moveAbsolute(j2.snapshot().position() + 10, 30, 360, 360);
    awaitCondition(
        "data in the store",
        () ->
            metric("motionua_sparkplug_store_messages") > 0
                && metric("motionua_sparkplug_store_bytes") > 0,
        () -> scrapeOf("motionua_sparkplug_"));

    broker.start();
    awaitCondition(
        "the warning gone and the store forwarded",
        () ->
            get("/health").body().contains("\"warnings\":[]")
                && metric("motionua_sparkplug_connected") == 1
                && metric("motionua_sparkplug_store_messages") == 0,
        () -> get("/health").body() + "\n" + scrapeOf("motionua_sparkplug_"));
    assertTrue(metric("motionua_sparkplug_messages_published_total") > published);
    assertEquals(0, metric("motionua_sparkplug_store_dropped_total"));
    assertEquals(0, metric("motionua_sparkplug_queue_dropped_total"));

    assertEquals(0, metric("motionua_sparkplug_commands_refused_total"));
    SparkplugListener.send(
        broker.port(),
        GROUP,
        "dcmd",
        "--node",
        "DemoArm",
        "--device",
        "J2-drive",
        "--metric",
        AXES + "J2/ParameterSet/ActualPosition",
        "--value",
        "5");
    awaitCondition(
        "the refused DCMD counted",
        () -> metric("motionua_sparkplug_commands_refused_total") == 1,
        () -> scrapeOf("motionua_sparkplug_"));
  }

  @Test
  @Order(3)
  void aLostLinkKillsEveryDeviceOnItAndTheyAreBornAgainWhenItReturns() throws Exception {
    int before = listener.messages().size();
    gateway.close();
    listener.await(
        "a DDEATH of every device on the link",
        all -> DEVICES.stream().allMatch(d -> indexOf(all, "DDEATH", d, before) >= 0),
        WAIT);
    int deaths = listener.messages().size();
    gateway = gateway(gatewayPort);
    listener.await(
        "a DBIRTH of every device once the link is back",
        all -> DEVICES.stream().allMatch(d -> indexOf(all, "DBIRTH", d, deaths) >= 0),
        WAIT);
    List<Map<String, Object>> all = listener.messages();
    for (String device : DEVICES) {
      Map<String, Object> birth = all.get(indexOf(all, "DBIRTH", device, deaths));
      // A drive: nine measured values and three setpoints; J6 (endless) adds ModuloDirection.
      int expected = "gripper-io".equals(device) ? 4 : "J6-drive".equals(device) ? 13 : 12;
      assertEquals(expected, metrics(birth).size(), device + " is born with every metric");
    }
    seqsFollowEachOther(all);
  }

  /**
   * DCMDs of the metrics that sparkplug.commands enables go through the OPC UA write path as their
   * user: the viewer mapped to the valve is refused by the role check, a setpoint outside the tag's
   * range by its limits, one inside it is written (and read back as DDATA); each is audited under
   * the user's name. A metric that is not enabled is refused as before.
   */
  @Test
  @Order(4)
  void enabledDcmdsPassTheRoleCheckLimitsAndAuditOfTheirUser() throws Exception {
    listener.await("gripper-io born", all -> indexOf(all, "DBIRTH", "gripper-io", 0) >= 0, WAIT);
    double refused = metric("motionua_sparkplug_commands_refused_total");
    double written = metric("motionua_sparkplug_commands_written_total");
    String valve = "Devices/gripper-io/VacuumValve";
    String setpoint = "Devices/gripper-io/Setpoint";
    dcmd("gripper-io", valve, "1");
    awaitAudit("'watch' (sparkplug)", "VacuumValve", "Bad_UserAccessDenied");
    dcmd("gripper-io", setpoint, "500");
    awaitAudit("'op' (sparkplug)", "Setpoint", "Bad_OutOfRange");
    dcmd("gripper-io", setpoint, "42.5");
    awaitAudit("'op' (sparkplug)", "Setpoint", "Good");
    int from = 0;
    double alias = aliasOf(listener.messages(), "gripper-io", setpoint);
    listener.await(
        "DDATA with the Setpoint at 42.5",
        all -> positions(all, "gripper-io", alias, from).stream().anyMatch(v -> near(v, 42.5)),
        WAIT);
    dcmd("gripper-io", "Devices/gripper-io/Pressure", "0.5");
    awaitCondition(
        "three refusals and one write counted",
        () ->
            metric("motionua_sparkplug_commands_refused_total") == refused + 3
                && metric("motionua_sparkplug_commands_written_total") == written + 1,
        () -> scrapeOf("motionua_sparkplug_commands"));
  }

  /**
   * A drive's setpoints are metrics of its device and take DCMDs through the same OPC UA write
   * path: the operator's TargetVelocity within the axis's velocity limit reaches the drive (read
   * back over OPC UA, and published as DDATA), one beyond it is refused by the axis's range check
   * (Bad_OutOfRange audited, the value unchanged); the viewer mapped to the software limit is
   * refused by the role check (audited, unchanged).
   */
  @Test
  @Order(5)
  void aDrivesSetpointsTakeDcmdsThroughTheOpcUaWritePath() throws Exception {
    listener.await("J4-drive born", all -> indexOf(all, "DBIRTH", "J4-drive", 0) >= 0, WAIT);
    String params = AXES + "J4/ParameterSet/";
    String velocity = params + "TargetVelocity";
    String limit = params + "SoftwareLimitPositive";
    Map<String, Object> birth = firstBirth("J4-drive");
    Map<Object, Object> units = new LinkedHashMap<>();
    metrics(birth).forEach(m -> units.put(m.get("name"), m.get("properties")));
    assertEquals(Map.of("engUnit", "deg/s"), units.get(velocity), () -> "DBIRTH: " + birth);
    assertEquals(Map.of("engUnit", "deg"), units.get(limit), () -> "DBIRTH: " + birth);

    dcmd("J4-drive", velocity, "12.5");
    awaitAudit("'op' (sparkplug)", "J4/ParameterSet/TargetVelocity", "Good");
    assertEquals(12.5, readOverOpcUa(velocity));
    double alias = aliasOf(listener.messages(), "J4-drive", velocity);
    listener.await(
        "DDATA with J4's TargetVelocity at 12.5",
        all -> positions(all, "J4-drive", alias, 0).stream().anyMatch(v -> near(v, 12.5)),
        WAIT);

    dcmd("J4-drive", velocity, "5000");
    awaitAudit("'op' (sparkplug)", "J4/ParameterSet/TargetVelocity", "Bad_OutOfRange");
    assertEquals(12.5, readOverOpcUa(velocity));

    dcmd("J4-drive", limit, "100");
    awaitAudit(
        "'watch' (sparkplug)", "J4/ParameterSet/SoftwareLimitPositive", "Bad_UserAccessDenied");
    assertEquals(190.0, readOverOpcUa(limit));
    assertEquals(190.0, motionUa.axes().get("J4").limits().max());
  }

  /** The first DBIRTH of a device the listener received. */
  private static Map<String, Object> firstBirth(String device) {
    return births(listener.messages()).stream()
        .filter(m -> device.equals(m.get("device")))
        .findFirst()
        .orElseThrow();
  }

  private static Object readOverOpcUa(String belowMachine) {
    return ItSupport.readOverOpcUa("opc.tcp://127.0.0.1:" + opcUaPort, "DemoArm/" + belowMachine);
  }

  private static void dcmd(String device, String metric, String value) {
    SparkplugListener.send(
        broker.port(),
        GROUP,
        "dcmd",
        "--node",
        "DemoArm",
        "--device",
        device,
        "--metric",
        metric,
        "--value",
        value);
  }

  /** Waits for an audit line of this user, node and result. */
  private static void awaitAudit(String user, String node, String result) {
    Path audit = dir.resolve("data/audit.log");
    awaitCondition(
        "an audit line of " + user + " on " + node + " with " + result,
        () ->
            Files.exists(audit)
                && Files.readAllLines(audit).stream()
                    .anyMatch(
                        l ->
                            l.contains("\"user\":\"" + user + "\"")
                                && l.contains(node)
                                && l.contains("\"result\":\"" + result + "\"")),
        () -> Files.exists(audit) ? String.join("\n", Files.readAllLines(audit)) : "no audit.log");
  }

  // ---- helpers ----

  /** The demo's devices behind one gateway: six drives and the gripper's I/O module (unit 10). */
  private static DriveSimulator gateway(int port) throws Exception {
    Map<Integer, SimulatedDevice> devices = new TreeMap<>();
    for (int unit = 1; unit <= 6; unit++) {
      devices.put(unit, new SimulatedDrive());
    }
    devices.put(
        10,
        new SimulatedIoModule(
            Map.of(
                RegisterTable.COIL, new int[] {0, 0},
                RegisterTable.DISCRETE_INPUT, new int[] {0, 0},
                RegisterTable.INPUT_REGISTER, new int[] {0, 0},
                RegisterTable.HOLDING_REGISTER, new int[] {0, 0})));
    return DriveSimulator.start("127.0.0.1", port, devices);
  }

  /**
   * Every message of the edge node after an NBIRTH (its DBIRTH, DDATA and DDEATH) has the seq after
   * the one before it, 0 to 255 and round again.
   */
  private static void seqsFollowEachOther(List<Map<String, Object>> all) {
    long previous = -1;
    for (Map<String, Object> m : all) {
      if (!(m.get("seq") instanceof Double s) || "NDEATH".equals(m.get("type"))) {
        continue;
      }
      long n = s.longValue();
      if ("NBIRTH".equals(m.get("type"))) {
        assertEquals(0, n, "NBIRTH seq");
      } else {
        assertEquals(
            (previous + 1) % 256, n, "seq after " + previous + " (" + m.get("topic") + ")");
      }
      previous = n;
    }
  }

  /** The index of the first message of a type (and device) at or after {@code from}, else -1. */
  private static int indexOf(List<Map<String, Object>> all, String type, String device, int from) {
    for (int i = from; i < all.size(); i++) {
      if (type.equals(all.get(i).get("type")) && device.equals(all.get(i).get("device"))) {
        return i;
      }
    }
    return -1;
  }

  private static Map<Object, Object> aliasesByName(Map<String, Object> birth) {
    Map<Object, Object> out = new LinkedHashMap<>();
    metrics(birth).forEach(m -> out.put(m.get("name"), m.get("alias")));
    return out;
  }

  /** One metric's values in the DDATA of a device from message {@code from} on. */
  private static List<Double> positions(
      List<Map<String, Object>> all, String device, double alias, int from) {
    List<Double> out = new ArrayList<>();
    for (Map<String, Object> m : all.subList(Math.min(from, all.size()), all.size())) {
      if (device.equals(m.get("device")) && "DDATA".equals(m.get("type"))) {
        for (Map<String, Object> metric : metrics(m)) {
          if (Double.valueOf(alias).equals(metric.get("alias"))
              && metric.get("value") instanceof Double v) {
            out.add(v);
          }
        }
      }
    }
    return out;
  }

  private static boolean near(double value, double target) {
    return Math.abs(value - target) < 0.01;
  }

  private static void awaitState(String axis, AxisState state) {
    AxisController controller = motionUa.axes().get(axis);
    awaitCondition(
        axis + " in " + state,
        () -> controller.snapshot().state() == state,
        () -> "" + controller.snapshot());
  }

  private static void awaitCondition(
      String what, java.util.concurrent.Callable<Boolean> condition, ItSupport.Describe describe) {
    ItSupport.until(condition, WAIT, () -> what + "; " + describe.text());
  }

  private static HttpResponse<String> get(String path) throws Exception {
    int port = motionUa.httpPort().orElseThrow();
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The value of a series without labels besides {@code machine}; fails when there is none. */
  private static double metric(String name) throws Exception {
    String body = get("/metrics").body();
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{[^}]*\\} (\\S+)$").matcher(body);
    if (!m.find()) {
      fail("no series " + name + " in /metrics:\n" + scrapeOf("motionua_sparkplug_"));
    }
    return Double.parseDouble(m.group(1));
  }

  private static String scrapeOf(String prefix) throws Exception {
    StringBuilder sb = new StringBuilder();
    get("/metrics")
        .body()
        .lines()
        .filter(l -> l.startsWith(prefix))
        .forEach(l -> sb.append(l).append('\n'));
    return sb.toString();
  }
}
