package io.motionua.tools;

import static io.motionua.tools.ItSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motionua.server.MotionUa;
import io.motionua.server.config.ConfigLoader;
import io.motionua.server.config.LimitsSpec;
import io.motionua.server.config.MachineConfig;
import io.motionua.server.opcua.ListenPorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * History read back by an independent client: the demo arm runs in process (so that the test can
 * silence a simulated drive), node-opcua moves J1 with MoveAbsolute (move-axis.js) and reads its
 * ActualPosition's raw history page by page through continuation points (history-read.js). The
 * recorded positions must follow the trapezoid the drive ran, each within one poll period of its
 * source timestamp, and a silent drive must show up as Bad values, then Good again.
 *
 * <p>Skipped only when {@code node} is not on PATH.
 */
class HistoryNodeOpcuaIT {

  private static final double TARGET = 45.0;
  private static final double VELOCITY = 90.0;
  private static final int PER_PAGE = 10;

  @TempDir Path dataDir;

  @Test
  void nodeOpcuaReadsAMoveAndABadPeriodFromHistory() throws Exception {
    Path node = ItSupport.onPath("node").orElse(null);
    Assumptions.assumeTrue(node != null, "node is not on PATH: node-opcua checks skipped");
    Path nodeDir = ItSupport.nodeDir();
    assertTrue(
        Files.isDirectory(nodeDir.resolve("node_modules/node-opcua")),
        "node-opcua is not installed in " + nodeDir + "/node_modules: run bin/test");
    MachineConfig config = ConfigLoader.demo().withPort(ListenPorts.choose());
    MotionUa motionUa = new MotionUa(config, dataDir);
    motionUa.start();
    try {
      String url = "opc.tcp://127.0.0.1:" + config.server().port();
      await(() -> motionUa.history().writer().store() != null, 60_000, "history store open");
      String position = ItSupport.recordedNodeId(motionUa, "/Axes/J1/ParameterSet/ActualPosition");
      await(
          () -> motionUa.axes().get("J1").snapshot().status().name().equals("GOOD"),
          10_000,
          "J1 Good");
      double startPosition = motionUa.axes().get("J1").snapshot().position();
      Instant before = Instant.now();

      ItSupport.Result move =
          ItSupport.run(
              List.of(
                  node.toString(),
                  "move-axis.js",
                  url,
                  "J1",
                  String.valueOf(TARGET),
                  String.valueOf(VELOCITY)),
              nodeDir,
              Duration.ofSeconds(90));
      assertEquals(0, move.exitCode(), move::describe);

      // The last position is readable once committed (at least once a second).
      List<double[]> samples = new ArrayList<>();
      await(
          () -> {
            samples.clear();
            samples.addAll(goodSamples(historyRead(node, nodeDir, url, position, before)));
            return !samples.isEmpty()
                && Math.abs(samples.get(samples.size() - 1)[1] - TARGET) < 0.01;
          },
          10_000,
          "the move's end in J1's history");
      assertTrue(samples.size() > PER_PAGE, "more than one page: " + samples.size());
      followsTheProfile(config, samples, startPosition);

      // A silent drive: Bad values in the record, then Good ones when it answers again.
      Instant silence = Instant.now();
      ItSupport.silenceDemoDrive(motionUa, 1, "J1");
      List<Object> after = new ArrayList<>();
      await(
          () -> {
            after.clear();
            after.addAll(historyRead(node, nodeDir, url, position, silence));
            List<String> statuses = after.stream().map(v -> status(v)).toList();
            int bad = indexOf(statuses, "Bad");
            return bad >= 0 && statuses.subList(bad, statuses.size()).contains("Good");
          },
          10_000,
          "a Bad value then a Good one in J1's history since the silence");

      aggregatesEqualTheTestsOwnFigures(node, nodeDir, url, position, before);
    } finally {
      motionUa.close();
    }
  }

  /**
   * node-opcua reads Interpolative, TimeAverage and DurationGood over the move and the Bad period
   * in intervals of 500 ms (the last one shorter), and the raw values around them; the test
   * computes the three aggregates from the raw values itself ({@link Part13Expected}) and the
   * server's results must match: times, StatusCodes with their historian bits, values. Repeated
   * until the reads agree on what matters for the range (the raw values before its end and up to
   * the first Good one after it, and whether one was recorded after it) on both sides of the
   * processed read.
   */
  private static void aggregatesEqualTheTestsOwnFigures(
      Path node, Path nodeDir, String url, String position, Instant moveStart) {
    long startMs = moveStart.toEpochMilli();
    long endMs = startMs + (Instant.now().toEpochMilli() - startMs) / 500 * 500 - 250;
    String[] aggregates = {
      NodeIds.AggregateFunction_Interpolative.toParseableString(),
      NodeIds.AggregateFunction_TimeAverage.toParseableString(),
      NodeIds.AggregateFunction_DurationGood.toParseableString()
    };
    List<Object> raw = new ArrayList<>();
    Map<String, Object> processed = new java.util.HashMap<>();
    await(
        () -> {
          List<Object> first = rawAround(node, nodeDir, url, position, moveStart);
          ItSupport.Result read =
              ItSupport.run(
                  List.of(
                      node.toString(),
                      "history-processed.js",
                      url,
                      position,
                      Instant.ofEpochMilli(startMs).toString(),
                      Instant.ofEpochMilli(endMs).toString(),
                      "500",
                      aggregates[0],
                      aggregates[1],
                      aggregates[2]),
                  nodeDir,
                  Duration.ofSeconds(90));
          assertEquals(0, read.exitCode(), read::describe);
          List<Object> second = rawAround(node, nodeDir, url, position, moveStart);
          raw.clear();
          raw.addAll(second);
          processed.clear();
          processed.putAll(read.json());
          return upToFirstGoodAfter(first, endMs).equals(upToFirstGoodAfter(second, endMs))
              && newest(first) >= endMs == newest(second) >= endMs;
        },
        60_000,
        "two raw reads alike before the range's end, around the processed one");
    List<Part13Expected.Raw> values = new ArrayList<>();
    for (Object o : raw) {
      Map<String, Object> v = MiniJson.object(o, "value");
      double micros = (Double) v.get("t") * 1000 + (Double) v.get("ps") / 1e6;
      boolean good = String.valueOf(v.get("status")).startsWith("Good");
      values.add(
          new Part13Expected.Raw(
              micros, v.get("v") instanceof Number n ? n.doubleValue() : Double.NaN, good));
    }
    double start = startMs * 1000.0;
    double end = endMs * 1000.0;
    double interval = 500_000.0;
    assertTrue(values.stream().anyMatch(r -> !r.good()), "a Bad value in the raw history");
    sameResults(
        "Interpolative",
        Part13Expected.interpolative(values, start, end, interval),
        processed.get(aggregates[0]));
    sameResults(
        "TimeAverage",
        Part13Expected.timeAverage(values, start, end, interval),
        processed.get(aggregates[1]));
    sameResults(
        "DurationGood",
        Part13Expected.durationGood(values, start, end, interval),
        processed.get(aggregates[2]));
  }

  private static void sameResults(
      String name, List<Part13Expected.Result> expected, Object answer) {
    Map<String, Object> read = MiniJson.object(answer, name);
    List<Object> values = MiniJson.array(read.get("values"), name + " values");
    assertEquals(expected.size(), values.size(), () -> name + ": " + read);
    for (int i = 0; i < expected.size(); i++) {
      Part13Expected.Result want = expected.get(i);
      Map<String, Object> got = MiniJson.object(values.get(i), name + " value");
      String where = name + " interval " + i + ": expected " + want + ", got " + got;
      assertEquals(want.t() / 1000.0, (Double) got.get("t"), 1e-9, where);
      assertEquals(want.code(), ((Double) got.get("code")).longValue(), where);
      if (Double.isNaN(want.v())) {
        assertEquals(null, got.get("v"), where);
      } else {
        double v = ((Number) got.get("v")).doubleValue();
        assertEquals(want.v(), v, 1e-6 * Math.max(1, Math.abs(want.v())), where);
      }
    }
  }

  /**
   * The raw values recorded before {@code endMs}, and after it up to the first Good one (which
   * TimeAverage's last end bound lies on the line to).
   */
  private static List<Object> upToFirstGoodAfter(List<Object> raw, long endMs) {
    List<Object> out = new ArrayList<>(before(raw, endMs));
    for (Object o : raw) {
      Map<String, Object> v = MiniJson.object(o, "value");
      if ((Double) v.get("t") >= endMs) {
        out.add(o);
        if (String.valueOf(v.get("status")).startsWith("Good")) {
          break;
        }
      }
    }
    return out;
  }

  /** The raw values recorded before {@code endMs}. */
  private static List<Object> before(List<Object> raw, long endMs) {
    return raw.stream().filter(o -> (Double) MiniJson.object(o, "value").get("t") < endMs).toList();
  }

  /** The time of the newest raw value, ms (negative infinity for none). */
  private static double newest(List<Object> raw) {
    return raw.stream()
        .mapToDouble(o -> (Double) MiniJson.object(o, "value").get("t"))
        .max()
        .orElse(Double.NEGATIVE_INFINITY);
  }

  /** J1's raw values from an hour before {@code from} (the value before it) to a minute on. */
  private static List<Object> rawAround(
      Path node, Path nodeDir, String url, String nodeId, Instant from) {
    return MiniJson.array(
        readRaw(node, nodeDir, url, nodeId, from.minusSeconds(3600), 60, 1000).json().get("values"),
        "values");
  }

  /** history-read.js from {@code from} to {@code endSeconds} from now, in pages of perPage. */
  private static ItSupport.Result readRaw(
      Path node,
      Path nodeDir,
      String url,
      String nodeId,
      Instant from,
      int endSeconds,
      int perPage) {
    ItSupport.Result read =
        ItSupport.run(
            List.of(
                node.toString(),
                "history-read.js",
                url,
                nodeId,
                from.toString(),
                Instant.now().plusSeconds(endSeconds).toString(),
                String.valueOf(perPage)),
            nodeDir,
            Duration.ofSeconds(90));
    assertEquals(0, read.exitCode(), read::describe);
    return read;
  }

  /**
   * Each recorded position lies between the trapezoid's position one poll period before and after
   * its source time; the trapezoid's start is placed by the first sample that left the start.
   */
  private static void followsTheProfile(
      MachineConfig config, List<double[]> samples, double startPosition) {
    LimitsSpec limits = config.axis("J1").orElseThrow().limits();
    double accel = limits.acceleration();
    double decel = limits.deceleration();
    Trapezoid profile = new Trapezoid(startPosition, TARGET, VELOCITY, accel, decel);
    double[] departed =
        samples.stream()
            .filter(s -> Math.abs(s[1] - startPosition) > 1e-3)
            .findFirst()
            .orElseThrow(() -> new AssertionError("J1 never left " + startPosition));
    double t0 = departed[0] - profile.timeAt(departed[1]);
    double pollSec = config.link("arm-bus").orElseThrow().pollMs() / 1000.0;
    double slack = 0.005; // millisecond timestamps and the simulator's own clock
    for (double[] s : samples) {
      double t = s[0] - t0;
      double low = profile.at(t - pollSec - slack);
      double high = profile.at(t + pollSec + slack);
      assertTrue(
          s[1] >= Math.min(low, high) - 1e-3 && s[1] <= Math.max(low, high) + 1e-3,
          () ->
              "position %.4f at %.3f s is not within one poll period of the profile (%.4f .. %.4f)"
                  .formatted(s[1], t, low, high));
    }
  }

  /** A trapezoidal move, as the simulated drive runs it. */
  record Trapezoid(double from, double to, double v, double a, double d) {

    double at(double t) {
      double dist = Math.abs(to - from);
      double sign = Math.signum(to - from);
      double peak = Math.min(v, Math.sqrt(2 * dist * a * d / (a + d)));
      double ta = peak / a;
      double td = peak / d;
      double da = peak * ta / 2;
      double dd = peak * td / 2;
      double tc = (dist - da - dd) / peak;
      double s;
      if (t <= 0) {
        s = 0;
      } else if (t < ta) {
        s = a * t * t / 2;
      } else if (t < ta + tc) {
        s = da + peak * (t - ta);
      } else if (t < ta + tc + td) {
        double u = t - ta - tc;
        s = da + peak * tc + peak * u - d * u * u / 2;
      } else {
        s = dist;
      }
      return from + sign * s;
    }

    /** The time the profile reaches a position (bisection: it is monotonic). */
    double timeAt(double position) {
      double lo = 0;
      double hi = 60;
      for (int i = 0; i < 100; i++) {
        double mid = (lo + hi) / 2;
        if (Math.abs(at(mid) - from) < Math.abs(position - from)) {
          lo = mid;
        } else {
          hi = mid;
        }
      }
      return lo;
    }
  }

  private static List<Object> historyRead(
      Path node, Path nodeDir, String url, String nodeId, Instant from) {
    ItSupport.Result read = readRaw(node, nodeDir, url, nodeId, from, 1, PER_PAGE);
    Map<String, Object> json = read.json();
    List<Object> values = MiniJson.array(json.get("values"), "values");
    double pages = (Double) json.get("pages");
    assertTrue(
        values.size() <= PER_PAGE || pages > 1, () -> "no continuation point: " + read.describe());
    return values;
  }

  /** {seconds since 1970, position} of the Good values. */
  private static List<double[]> goodSamples(List<Object> values) {
    List<double[]> out = new ArrayList<>();
    double last = Double.NEGATIVE_INFINITY;
    for (Object o : values) {
      Map<String, Object> v = MiniJson.object(o, "value");
      double t = (Double) v.get("t") / 1000.0;
      assertTrue(t >= last, "source times in order: " + values);
      last = t;
      if ("Good".equals(v.get("status"))) {
        out.add(new double[] {t, ((Number) v.get("v")).doubleValue()});
      }
    }
    return out;
  }

  private static String status(Object value) {
    String s = String.valueOf(MiniJson.object(value, "value").get("status"));
    return s.startsWith("Bad") ? "Bad" : s.startsWith("Good") ? "Good" : s;
  }

  private static int indexOf(List<String> statuses, String wanted) {
    return statuses.indexOf(wanted);
  }
}
