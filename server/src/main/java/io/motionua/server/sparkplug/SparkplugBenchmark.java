package io.motionua.server.sparkplug;

import io.motionua.server.bench.TickClock;
import io.motionua.server.config.SparkplugSpec;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code motionua bench sparkplug}: what publication costs. A fixed-rate thread stands in for the
 * link threads: every period it builds the values of {@code devices} devices of {@code metrics}
 * metrics each, all changed, and hands them on. Measured twice in one run, the handing-on a no-op
 * (baseline) and then the edge node's {@link EdgeNode#offer} with the node publishing into a real
 * broker: the process's CPU time as a share of one core, and the lateness of the fixed-rate thread
 * against its schedule (a poll that starts late is what publication must not cause). The CPU
 * difference is also given per published message, which still compares when the node could not
 * publish every update (drops).
 */
public final class SparkplugBenchmark {

  private final PrintStream out;

  private SparkplugBenchmark(PrintStream out) {
    this.out = out;
  }

  /** One phase's figures. */
  record Phase(double cpuShare, long[] latenessMicros, long ticks) {
    long percentile(double p) {
      long[] sorted = latenessMicros.clone();
      Arrays.sort(sorted);
      return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, p * sorted.length)];
    }
  }

  /**
   * Runs both phases and prints them; returns whether the target holds (at most 25 % of a core more
   * with publication, p99 lateness at most 1 ms more than the baseline's).
   */
  public static boolean run(
      String broker, int devices, int metrics, int periodMs, int seconds, PrintStream out)
      throws Exception {
    return new SparkplugBenchmark(out).measure(broker, devices, metrics, periodMs, seconds);
  }

  private boolean measure(String broker, int devices, int metrics, int periodMs, int seconds)
      throws Exception {
    Path dir = Files.createTempDirectory("motionua-bench-sparkplug");
    SparkplugSpec spec =
        new SparkplugSpec(
            List.of(broker),
            "bench",
            "bench-node",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            64,
            0.0,
            Map.of(),
            1000,
            List.of());
    MetricNumbering numbering = new MetricNumbering(spec);
    List<SparkplugDevice> list = new ArrayList<>();
    for (int d = 0; d < devices; d++) {
      List<MetricDefinition> defs = new ArrayList<>();
      for (int m = 0; m < metrics; m++) {
        defs.add(numbering.next("Bench/D%03d/M%02d".formatted(d, m), MetricType.DOUBLE, "mm"));
      }
      list.add(new SparkplugDevice("D%03d".formatted(d), defs));
    }
    var mqttExecutor = new ScheduledThreadPoolExecutor(4, r -> daemon(r, "sparkplug-mqtt-bench"));
    EdgeNode node =
        new EdgeNode(
            spec,
            list,
            new ForwardStore(dir.resolve("forward.bin"), 64L << 20),
            new NodeCommands(new SparkplugTopics("bench", "bench-node"), null, null),
            null,
            mqttExecutor,
            Clock.systemUTC());
    Thread thread = daemon(node, "sparkplug-bench-node");
    thread.start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (!node.status().born()) {
        if (System.nanoTime() > deadline) {
          out.println("no broker took the births at " + broker + ": " + node.status().lastError());
          return false;
        }
        Thread.sleep(50);
      }
      out.printf(
          "%d devices x %d metrics = %d metrics, all changing every %d ms; %d s per phase;"
              + " broker %s%n",
          devices, metrics, devices * metrics, periodMs, seconds, broker);
      phase(list, periodMs, 3, u -> {}); // warm-up of the poll side
      phase(list, periodMs, 3, node::offer); // warm-up of the node
      Phase without = phase(list, periodMs, seconds, u -> {});
      long published0 = node.status().published();
      Phase with = phase(list, periodMs, seconds, node::offer);
      long published = node.status().published() - published0;
      print("without publication", without);
      print("with publication   ", with);
      out.printf(
          "published %d messages (%.0f/s), queue drops %d, store %d bytes%n",
          published,
          published / (double) seconds,
          node.status().queueDrops(),
          node.status().storedBytes());
      double extra = with.cpuShare() - without.cpuShare();
      long p99Extra = with.percentile(0.99) - without.percentile(0.99);
      out.printf(
          "publication costs %.1f %% of a core (%.1f us of CPU per message); p99 lateness %+d us"
              + " (ratio %.2f)%n",
          extra * 100,
          published == 0 ? 0.0 : extra * seconds * 1e6 / published,
          p99Extra,
          (with.percentile(0.99) + 1.0) / (without.percentile(0.99) + 1.0));
      return extra <= 0.25 && p99Extra <= 1000;
    } finally {
      node.stop();
      thread.join(3000);
      mqttExecutor.shutdownNow();
      mqttExecutor.awaitTermination(1, TimeUnit.SECONDS);
    }
  }

  private void print(String name, Phase p) {
    out.printf(
        "%s: CPU %.1f %% of a core; lateness p50 %d us, p99 %d us, max %d us (%d polls)%n",
        name,
        p.cpuShare() * 100,
        p.percentile(0.5),
        p.percentile(0.99),
        p.percentile(1.0),
        p.ticks());
  }

  /** The fixed-rate "poll": builds every device's values and hands them on. */
  private static Phase phase(
      List<SparkplugDevice> devices, int periodMs, int seconds, Consumer<DeviceUpdate> sink)
      throws InterruptedException {
    int ticks = seconds * 1000 / periodMs;
    long[] lateness = new long[ticks];
    long period = TimeUnit.MILLISECONDS.toNanos(periodMs);
    var cpu =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = cpu.getProcessCpuTime();
    long start = System.nanoTime() + period;
    long wall0 = System.nanoTime();
    for (int k = 0; k < ticks; k++) {
      long due = start + k * period;
      long now = TickClock.awaitDue(due);
      lateness[k] = (now - due) / 1000;
      Instant time = Instant.now();
      double v = k * 0.001;
      for (SparkplugDevice d : devices) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (MetricDefinition m : d.metrics()) {
          values.put(m.name(), v + m.alias());
        }
        sink.accept(new DeviceUpdate(d.id(), time, true, values));
      }
    }
    double wall = System.nanoTime() - wall0;
    return new Phase((cpu.getProcessCpuTime() - cpu0) / wall, lateness, ticks);
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
