package io.motionua.tools.bench;

import io.motionua.drivers.sim.DriveSimulator;
import io.motionua.server.MotionUa;
import io.motionua.server.config.ConfigLoader;
import io.motionua.server.config.MachineConfig;
import io.motionua.server.opcua.ListenPorts;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * {@code motionua bench plant}: a simulated plant of {@code instances} MotionUA cells of {@code
 * axes} axes each, publishing Sparkplug B into one Mosquitto, and a subscriber standing in for the
 * host application. All in this JVM: each cell is its own {@link MotionUa} (own OPC UA port, own
 * link thread, own edge node and MQTT connection) with its own Modbus TCP simulator on loopback, so
 * that the change and its arrival are timed on one {@code System.nanoTime()} clock. A stamper
 * changes one drive's position register after another, evenly spread, each drive every {@code
 * changeMs}; the figure is the time from a change to the subscriber receiving the DDATA that
 * carries it (poll wait, Modbus read, edge node, encoding, broker, decoding). The baseline, in the
 * same phase and so under the same load: a plain MQTT publish to subscribe through the same broker
 * of a payload of the DDATAs' mean size, 200 a second.
 */
public final class PlantBenchmark {

  /** The target for the plant's p99, ms. */
  static final double TARGET_P99_MS = 50;

  /** What a run is asked to do. */
  public record Options(
      String broker,
      int instances,
      int axes,
      int pollMs,
      int changeMs,
      int warmupSeconds,
      int seconds) {}

  private final Options o;
  private final PrintStream out;
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final Map<String, StampedDrive> drives = new LinkedHashMap<>();
  private final PlantSubscriber.Stamps stamps = new PlantSubscriber.Stamps();
  private volatile boolean running = true;

  private PlantBenchmark(Options o, PrintStream out) {
    this.o = o;
    this.out = out;
  }

  /** Runs the benchmark and prints its figures; returns whether p99 met the target. */
  public static boolean run(Options o, PrintStream out) throws Exception {
    PlantBenchmark b = new PlantBenchmark(o, out);
    try {
      return b.measure();
    } finally {
      b.closeAll();
    }
  }

  private boolean measure() throws Exception {
    Path dir = Files.createTempDirectory("motionua-bench-plant");
    out.printf(
        "plant: %d cells x %d axes = %d drives, poll %d ms, each drive's position changed every"
            + " %d ms; %d cores, load average %s%n",
        o.instances(),
        o.axes(),
        o.instances() * o.axes(),
        o.pollMs(),
        o.changeMs(),
        Runtime.getRuntime().availableProcessors(),
        loadAverage());
    String broker = o.broker();
    if (broker == null) {
      LocalMosquitto local = LocalMosquitto.start(dir);
      started.push(local);
      broker = local.url();
      out.println("broker: Mosquitto started on " + broker);
    } else {
      out.println("broker: " + broker);
    }
    PlantSubscriber subscriber = new PlantSubscriber(broker, stamps);
    started.push(subscriber);
    long t = System.nanoTime();
    for (int c = 1; c <= o.instances(); c++) {
      long tc = System.nanoTime();
      startCell(c, broker, dir.resolve(PlantCell.edgeNodeId(c)));
      if (c == 1 || c % 5 == 0) {
        out.printf(
            "%s started (%.1f s)%n", PlantCell.edgeNodeId(c), (System.nanoTime() - tc) / 1e9);
      }
    }
    out.printf("cells started in %.1f s%n", (System.nanoTime() - t) / 1e9);
    awaitBirths(subscriber);

    Thread stamper = new Thread(this::stamp, "bench-plant-stamper");
    stamper.setDaemon(true);
    stamper.start();
    sleepSeconds(Math.max(1, o.warmupSeconds()));
    RawPublisher raw = new RawPublisher(broker, subscriber.meanDataBytes());
    Thread rawThread = new Thread(raw, "bench-plant-raw");
    rawThread.setDaemon(true);
    rawThread.start();
    long cpu0 = cpuNanos();
    long wall0 = System.nanoTime();
    String loadBefore = loadAverage();
    subscriber.record(true);
    sleepSeconds(o.seconds());
    subscriber.record(false);
    double cpuShare = (cpuNanos() - cpu0) / (double) (System.nanoTime() - wall0);
    running = false;
    stamper.join(2000);
    rawThread.join(2000);
    raw.close();

    Latencies plant = subscriber.plant().latencies();
    Latencies base = subscriber.raw().latencies();
    long expected = (long) o.seconds() * 1000 / o.changeMs() * drives.size();
    out.printf(
        "measured %d s, load average %s at the start and %s at the end; this JVM used %.0f %% of"
            + " one core%n",
        o.seconds(), loadBefore, loadAverage(), cpuShare * 100);
    out.printf(
        "plant    register change -> DDATA at the subscriber: %s; %d of about %d changes%n",
        plant, plant.count(), expected);
    out.printf("baseline MQTT publish -> subscribe, %d-byte payload: %s%n", raw.size, base);
    double p99 = plant.p99() / 1e6;
    out.printf(
        "ratio    p99 plant / p99 baseline: %.1f; p50 %.1f%n",
        plant.p99() / (double) Math.max(1, base.p99()),
        plant.p50() / (double) Math.max(1, base.p50()));
    boolean met = plant.count() > 0 && p99 <= TARGET_P99_MS;
    out.printf(
        "target   p99 <= %.0f ms: %s (%.2f ms)%n", TARGET_P99_MS, met ? "met" : "NOT met", p99);
    return met;
  }

  private void startCell(int c, String broker, Path data) throws Exception {
    Map<Integer, StampedDrive> units = new LinkedHashMap<>();
    for (int k = 1; k <= o.axes(); k++) {
      StampedDrive d = new StampedDrive();
      units.put(k, d);
      drives.put(PlantCell.edgeNodeId(c) + "/A" + k + "-drive", d);
    }
    DriveSimulator simulator = DriveSimulator.start("127.0.0.1", 0, units);
    started.push(simulator);
    MachineConfig config =
        ConfigLoader.parse(
                "cell-%02d.yaml".formatted(c),
                PlantCell.yaml(c, o.axes(), simulator.port(), o.pollMs(), broker),
                null)
            .withPort(ListenPorts.choose("127.0.0.1"));
    if (c > 1) {
      // The first cell's certificate: same application URI (every cell is machine "Cell"), and
      // a new 2048-bit RSA key per cell would be most of a start on a loaded machine.
      Path pki = data.getParent().resolve(PlantCell.edgeNodeId(1)).resolve("pki");
      Files.createDirectories(data.resolve("pki"));
      Files.copy(
          pki.resolve("server-certificates.pfx"), data.resolve("pki/server-certificates.pfx"));
    }
    MotionUa cell = new MotionUa(config, data);
    started.push(cell);
    cell.start();
  }

  /** Every drive's DBIRTH at the subscriber, at most 120 s. */
  private void awaitBirths(PlantSubscriber subscriber) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (subscriber.born() < drives.size()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "only %d of %d devices born within 120 s".formatted(subscriber.born(), drives.size()));
      }
      Thread.sleep(100);
    }
  }

  /** Changes one drive's position register after another, each drive every changeMs. */
  private void stamp() {
    List<Map.Entry<String, StampedDrive>> all = new ArrayList<>(drives.entrySet());
    long interval = TimeUnit.MILLISECONDS.toNanos(o.changeMs()) / all.size();
    long next = System.nanoTime();
    long n = 0;
    while (running) {
      next += interval;
      long wait = next - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      Map.Entry<String, StampedDrive> e = all.get((int) (n % all.size()));
      int offset = PlantSubscriber.Stamps.offset(n / all.size());
      stamps.put(e.getKey(), offset, System.nanoTime());
      e.getValue().setOffset(offset);
      n++;
    }
  }

  /** The baseline: raw publishes through the same broker, their nanoTime in the first 8 bytes. */
  private final class RawPublisher implements Runnable {
    final int size;
    private final MqttClient client;
    private volatile long failed;

    RawPublisher(String broker, int size) throws MqttException {
      this.size = Math.max(8, size);
      this.client = new MqttClient(broker, "motionua-bench-plant-raw", new MemoryPersistence());
      MqttConnectOptions options = new MqttConnectOptions();
      // Paho counts QoS 0 publishes not yet written as in flight; its default of 10 is too few
      // when the machine is busy.
      options.setMaxInflight(1000);
      client.connect(options);
    }

    @Override
    public void run() {
      long next = System.nanoTime();
      while (running) {
        next += TimeUnit.MILLISECONDS.toNanos(5);
        long wait = next - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        byte[] payload = new byte[size];
        ByteBuffer.wrap(payload).putLong(System.nanoTime());
        try {
          client.publish(PlantSubscriber.RAW_TOPIC, new MqttMessage(payload));
        } catch (MqttException e) {
          failed++;
        }
      }
    }

    void close() throws MqttException {
      client.disconnect(2000);
      client.close();
    }
  }

  private void closeAll() {
    running = false;
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        System.err.println("motionua: bench plant: stopping: " + e.getMessage());
      }
    }
  }

  private static void sleepSeconds(int s) throws InterruptedException {
    Thread.sleep(s * 1000L);
  }

  private static long cpuNanos() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
  }

  /** The 1, 5 and 15 minute load averages from /proc/loadavg; "?" elsewhere. */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (Exception e) {
      return "?";
    }
  }
}
