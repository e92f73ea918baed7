package io.motionua.tools;

import static io.motionua.tools.SparkplugListener.aliasOf;
import static io.motionua.tools.SparkplugListener.births;
import static io.motionua.tools.SparkplugListener.metrics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motionua.server.opcua.ListenPorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The demo machine with a {@code sparkplug} section, run as {@code motionua serve}, publishing into
 * a real Mosquitto started here on a loopback port; an independent Python subscriber
 * (sparkplug_listen.py: paho-mqtt and protobuf) decodes what arrives. Births, data while an axis
 * moves, seq numbering, a rebirth request, a refused DCMD, a broker outage during a move (store and
 * forward), and the NDEATH the broker sends when the server is killed. The tests run in order on
 * one server: the last one kills it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkplugIT {

  private static final String GROUP = "plant-it";
  private static final String NODE = "DemoArm";
  private static final String ARM = "DemoArm/MotionDevices/Arm";
  private static final String J1_POSITION = "MotionDevices/Arm/Axes/J1/ParameterSet/ActualPosition";
  private static final String J2_POSITION = "MotionDevices/Arm/Axes/J2/ParameterSet/ActualPosition";
  private static final List<String> DEVICES =
      List.of("J1-drive", "J2-drive", "J3-drive", "J4-drive", "J5-drive", "J6-drive", "gripper-io");
  private static final Duration WAIT = Duration.ofSeconds(60);

  private static Path dir;
  private static MosquittoBroker broker;
  private static SparkplugListener listener;
  private static LoggedProcess server;
  private static String url;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("motionua-sparkplug-it");
    broker = MosquittoBroker.startOrSkip(dir.resolve("broker"));
    listener = SparkplugListener.connected(broker.port(), GROUP, WAIT);
    String demo = Files.readString(ItSupport.moduleDir().resolve("../examples/demo-arm.yaml"));
    Path config = dir.resolve("cell.yaml");
    Files.writeString(
        config,
        demo
            + """

            sparkplug:
              brokers: [tcp://127.0.0.1:%d]
              groupId: %s
              reconnectMs: 500
            """
                .formatted(broker.port(), GROUP));
    int port = ListenPorts.choose();
    url = "opc.tcp://127.0.0.1:" + port;
    server =
        LoggedProcess.start(
            "serve",
            ItSupport.motionuaCommand(
                "serve",
                "--config",
                config.toString(),
                "--port",
                String.valueOf(port),
                "--data-dir",
                dir.resolve("data").toString(),
                "--log-dir",
                "none"));
    server.awaitLine(Pattern.compile("opc\\.tcp://\\S*:" + port + "(?!\\d)"), WAIT);
    listener.await("DBIRTH of every device", all -> births(all).size() >= DEVICES.size(), WAIT);
  }

  @AfterAll
  static void stop() {
    ItSupport.closeAll(server, listener, broker);
  }

  @Test
  @Order(1)
  void birthsCarryEveryMetricWithItsAliasUnitAndSeq() {
    List<Map<String, Object>> all = listener.messages();
    Map<String, Object> nbirth = listener.ofType("NBIRTH").get(0);
    assertEquals(0.0, nbirth.get("seq"));
    Map<String, Map<String, Object>> nodeMetrics = byName(nbirth);
    assertEquals(4.0, nodeMetrics.get("bdSeq").get("datatype"), "bdSeq is Int64");
    assertEquals(false, nodeMetrics.get("Node Control/Rebirth").get("value"));

    List<Map<String, Object>> dbirths = births(all).subList(0, DEVICES.size());
    // Each device is born once it answers, so the order is the drives' and not the file's.
    assertEquals(
        Set.copyOf(DEVICES),
        dbirths.stream().map(m -> m.get("device")).collect(Collectors.toSet()));
    Map<String, Map<String, Object>> j1 = byName(birthOf(dbirths, "J1-drive"));
    // Nine measured values and three setpoints (TargetVelocity, the software limits).
    assertEquals(12, j1.size(), j1::toString);
    assertEquals(
        Map.of("engUnit", "deg/s"),
        j1.get("MotionDevices/Arm/Axes/J1/ParameterSet/TargetVelocity").get("properties"));
    assertEquals(
        170.0, j1.get("MotionDevices/Arm/Axes/J1/ParameterSet/SoftwareLimitPositive").get("value"));
    // The endless J6 has ModuloDirection as well (Int32, 0 = shortest).
    Map<String, Map<String, Object>> j6 = byName(birthOf(dbirths, "J6-drive"));
    assertEquals(13, j6.size(), j6::toString);
    assertEquals(
        0.0, j6.get("MotionDevices/Arm/Axes/J6/ParameterSet/ModuloDirection").get("value"));
    assertEquals(10.0, j1.get(J1_POSITION).get("datatype"), "ActualPosition is a Double");
    assertEquals(Map.of("engUnit", "deg"), j1.get(J1_POSITION).get("properties"));
    assertEquals(
        Map.of("engUnit", "deg/s"),
        j1.get("MotionDevices/Arm/Axes/J1/ParameterSet/ActualSpeed").get("properties"));
    assertEquals(
        12.0, j1.get("MotionDevices/Arm/Axes/J1/ParameterSet/AxisState").get("datatype"), "String");
    Map<String, Map<String, Object>> io = byName(birthOf(dbirths, "gripper-io"));
    assertEquals(Map.of("engUnit", "BAR"), io.get("Devices/gripper-io/Pressure").get("properties"));
    assertEquals(
        11.0, io.get("Devices/gripper-io/VacuumValve").get("datatype"), "a coil is Boolean");
    Set<Object> aliases = new HashSet<>();
    for (Map<String, Object> birth : dbirths) {
      for (Map<String, Object> m : metrics(birth)) {
        assertTrue(aliases.add(m.get("alias")), "alias " + m.get("alias") + " used twice");
      }
    }
  }

  @Test
  @Order(2)
  void aMoveIsPublishedAsDataByAliasUntilItsEnd() {
    double alias = aliasOf(listener.messages(), "J1-drive", J1_POSITION);
    // Only what the move published: live values (not history the store forwarded after the
    // birth, which may hold earlier values) with source times from the call on.
    double called = System.currentTimeMillis();
    // 45 degrees at 30 degrees/s: about 1.5 s of positions, enough polls even on a busy box.
    call("J1", "MoveAbsolute", "45", "30", "360", "360");
    listener.await(
        "DDATA with J1 at 45 degrees",
        all ->
            values(all, "J1-drive", alias, false).stream()
                .anyMatch(v -> Math.abs(v[1] - 45) < 0.01),
        WAIT);
    List<double[]> positions =
        values(listener.messages(), "J1-drive", alias, false).stream()
            .filter(v -> v[2] == 0 && v[0] >= called)
            .toList();
    long between = positions.stream().filter(v -> v[1] > 0.5 && v[1] < 44.5).count();
    assertTrue(between >= 10, "expected the move's way to 45 in DDATA, got " + between + " values");
    for (int i = 1; i < positions.size(); i++) {
      double[] a = positions.get(i - 1);
      double[] b = positions.get(i);
      String at =
          "at " + i + ": " + java.util.Arrays.toString(a) + " then " + java.util.Arrays.toString(b);
      assertTrue(b[1] >= a[1] - 1e-9, "positions go one way, " + at);
      assertTrue(b[0] > a[0], "timestamps go forward, " + at);
    }
  }

  @Test
  @Order(3)
  void aRebirthRequestIsAnsweredWithANewNbirthAndEveryDbirth() {
    int before = listener.ofType("NBIRTH").size();
    double bdSeq = bdSeq(listener.ofType("NBIRTH").get(before - 1));
    SparkplugListener.send(broker.port(), GROUP, "rebirth", "--node", NODE);
    listener.await(
        "a new NBIRTH and its DBIRTHs",
        all -> {
          int n = 0;
          int seen = 0;
          for (Map<String, Object> m : all) {
            if ("NBIRTH".equals(m.get("type")) && ++n == before + 1) {
              seen = 0;
            } else if (n == before + 1 && "DBIRTH".equals(m.get("type"))) {
              seen++;
            }
          }
          return n > before && seen >= DEVICES.size();
        },
        WAIT);
    Map<String, Object> rebirth = listener.ofType("NBIRTH").get(before);
    assertEquals(0.0, rebirth.get("seq"), "a new NBIRTH starts seq again");
    assertEquals(bdSeq, bdSeq(rebirth), "same connection, same bdSeq");
  }

  @Test
  @Order(4)
  void aDcmdChangesNothingAndIsAudited() throws Exception {
    SparkplugListener.send(
        broker.port(),
        GROUP,
        "dcmd",
        "--node",
        NODE,
        "--device",
        "J3-drive",
        "--metric",
        "MotionDevices/Arm/Axes/J3/ParameterSet/ActualPosition",
        "--value",
        "10");
    Path audit = dir.resolve("data/audit.log");
    long deadline = System.nanoTime() + WAIT.toNanos();
    String line = "";
    while (line.isEmpty()) {
      assertTrue(System.nanoTime() < deadline, "no audit line for the DCMD");
      if (Files.exists(audit)) {
        line =
            Files.readAllLines(audit).stream()
                .filter(l -> l.contains("\"user\":\"sparkplug\"") && l.contains("J3-drive"))
                .findFirst()
                .orElse("");
      }
      if (line.isEmpty()) {
        ItSupport.sleep(100);
      }
    }
    assertTrue(line.contains("\"result\":\"Bad_UserAccessDenied\""), line);
    assertTrue(line.contains("\"new\":10.0"), line);
    ItSupport.Result read =
        ItSupport.run(
            ItSupport.motionuaCommand(
                "client",
                "read",
                "--json",
                "--url",
                url,
                ARM + "/Axes/J3/ParameterSet/CommandedPosition"),
            null,
            WAIT);
    assertEquals(0.0, (Double) read.json().get("value"), 1e-6, read::describe);
  }

  /**
   * The broker is stopped (SIGTERM) for about two seconds while J2 moves and started again on the
   * same port. The outage is kept short (the issue speaks of 30 s; what is stored and forwarded
   * does not depend on the length, only on the bound) to keep the suite fast.
   */
  @Test
  @Order(5)
  void anOutageDuringAMoveLosesNothingAndKeepsOrderAndTimestamps() {
    double alias = aliasOf(listener.messages(), "J2-drive", J2_POSITION);
    // 60 degrees at 6 degrees/s: about 10 s of motion, the outage in the middle of it.
    call("J2", "MoveAbsolute", "60", "6", "360", "360");
    listener.await(
        "J2 moving",
        all -> values(all, "J2-drive", alias, false).stream().anyMatch(v -> v[1] > 3),
        WAIT);
    broker.stop();
    server.awaitLine(Pattern.compile("sparkplug: lost broker"), WAIT);
    server.awaitLine(Pattern.compile("sparkplug: broker .* refused or unreachable"), WAIT);
    ItSupport.sleep(2000); // the outage: polls go on, their data goes to the disk store
    broker.start();
    listener.await(
        "J2 at 60 degrees after the outage",
        all ->
            values(all, "J2-drive", alias, false).stream()
                .anyMatch(v -> Math.abs(v[1] - 60) < 0.01),
        WAIT);

    List<double[]> data = values(listener.messages(), "J2-drive", alias, false);
    List<double[]> history = new ArrayList<>();
    for (double[] v : data) {
      if (v[2] == 1) {
        history.add(v);
      }
    }
    assertTrue(
        history.size() >= 20, "expected the outage's values as history, got " + history.size());
    Set<Double> stamps = new HashSet<>();
    for (int i = 0; i < data.size(); i++) {
      assertTrue(stamps.add(data.get(i)[0]), "timestamp " + data.get(i)[0] + " arrived twice");
      if (i > 0) {
        assertTrue(
            data.get(i)[0] > data.get(i - 1)[0], "DDATA arrive in the order they were polled");
        assertTrue(data.get(i)[1] >= data.get(i - 1)[1] - 1e-9, "positions go one way");
      }
    }
    // Nothing lost: with the births' values added, no hole longer than a few polls during the move.
    List<double[]> timeline = new ArrayList<>(data);
    timeline.addAll(values(listener.messages(), "J2-drive", alias, true));
    timeline.sort((a, b) -> Double.compare(a[0], b[0]));
    double start = data.stream().filter(v -> v[1] > 0).findFirst().orElseThrow()[0];
    double end = data.stream().filter(v -> Math.abs(v[1] - 60) < 0.01).findFirst().orElseThrow()[0];
    for (int i = 1; i < timeline.size(); i++) {
      if (timeline.get(i)[0] > start && timeline.get(i)[0] <= end) {
        double gap = timeline.get(i)[0] - timeline.get(i - 1)[0];
        assertTrue(
            gap < 750, "a hole of " + gap + " ms in J2's positions at " + timeline.get(i)[0]);
      }
    }
    // Timestamps intact: history carries the poll times of the outage, before the rebirth.
    double rebirth =
        (Double)
            listener.ofType("NBIRTH").get(listener.ofType("NBIRTH").size() - 1).get("timestamp");
    assertTrue(history.stream().allMatch(v -> v[0] < rebirth), "history is older than the rebirth");
  }

  @Test
  @Order(6)
  void seqCountsEveryMessageAfterEachNbirthAndWrapsAt255() {
    List<Map<String, Object>> all = listener.messages();
    long previous = -1;
    boolean wrapped = false;
    for (Map<String, Object> m : all) {
      Object seq = m.get("seq");
      if (!(seq instanceof Double s) || m.get("node") == null || "NDEATH".equals(m.get("type"))) {
        continue;
      }
      long n = s.longValue();
      if ("NBIRTH".equals(m.get("type"))) {
        assertEquals(0, n, "NBIRTH seq");
      } else {
        assertEquals(
            (previous + 1) % 256, n, "seq after " + previous + " (" + m.get("topic") + ")");
        wrapped |= n == 0;
      }
      previous = n;
    }
    assertTrue(wrapped, "more than 256 messages went out: seq must have wrapped to 0");
  }

  @Test
  @Order(7)
  void killingTheServerMakesTheBrokerSendNdeathWithTheLastBdSeq() {
    List<Map<String, Object>> nbirths = listener.ofType("NBIRTH");
    double bdSeq = bdSeq(nbirths.get(nbirths.size() - 1));
    // Earlier NDEATHs (a broker stopping sends the wills of its clients) are not this one.
    int before = listener.ofType("NDEATH").size();
    server.process().destroyForcibly();
    listener.await(
        "NDEATH",
        all -> all.stream().filter(m -> "NDEATH".equals(m.get("type"))).count() > before,
        WAIT);
    Map<String, Object> ndeath = listener.ofType("NDEATH").get(before);
    assertEquals(bdSeq, bdSeq(ndeath), "the will pairs with the last NBIRTH");
    assertFalse(ndeath.containsKey("seq") && ndeath.get("seq") != null, "NDEATH has no seq");
  }

  private static void call(String axis, String method, String... args) {
    List<String> cmd =
        new ArrayList<>(List.of("client", "call", "--url", url, ARM + "/Axes/" + axis, method));
    cmd.addAll(List.of(args));
    ItSupport.Result r =
        ItSupport.run(ItSupport.motionuaCommand(cmd.toArray(String[]::new)), null, WAIT);
    assertEquals(0, r.exitCode(), r::describe);
  }

  private static Map<String, Object> birthOf(List<Map<String, Object>> births, String device) {
    return births.stream().filter(m -> device.equals(m.get("device"))).findFirst().orElseThrow();
  }

  private static Map<String, Map<String, Object>> byName(Map<String, Object> message) {
    Map<String, Map<String, Object>> out = new java.util.LinkedHashMap<>();
    metrics(message).forEach(m -> out.put((String) m.get("name"), m));
    return out;
  }

  private static double bdSeq(Map<String, Object> message) {
    return (Double) byName(message).get("bdSeq").get("value");
  }

  /**
   * One metric's samples, {timestamp, value, historical 0/1}, in arrival order: from DDATA (by
   * alias) or, with {@code births}, from DBIRTHs (by alias too: births carry both).
   */
  private static List<double[]> values(
      List<Map<String, Object>> all, String device, double alias, boolean births) {
    List<double[]> out = new ArrayList<>();
    for (Map<String, Object> m : all) {
      if (!device.equals(m.get("device")) || !(births ? "DBIRTH" : "DDATA").equals(m.get("type"))) {
        continue;
      }
      for (Map<String, Object> metric : metrics(m)) {
        if (Double.valueOf(alias).equals(metric.get("alias"))
            && metric.get("value") instanceof Double v) {
          out.add(
              new double[] {
                (Double) metric.get("timestamp"),
                v,
                Boolean.TRUE.equals(metric.get("historical")) ? 1 : 0
              });
        }
      }
    }
    return out;
  }
}
