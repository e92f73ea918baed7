package io.motionua.server.history;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ushort;

import io.motionua.server.bench.TickClock;
import io.motionua.server.config.HistorySpec;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.eclipse.milo.opcua.sdk.server.NodeManager;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNodeContext;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;

/**
 * {@code motionua bench recording}: what recording costs the server where the values arrive. A
 * fixed-rate thread stands in for the link threads: every period it sets a new value on each of
 * {@code variables} Milo variable nodes, as the link threads do after a poll ({@code
 * UaVariableNode.setValue}, one DataValue per variable with the poll's source and server time).
 * Measured twice in one run: first with the nodes unobserved (history disabled: no recorder, no
 * writer, no store), then with {@link HistoryRecorder}'s observer on every node, the real {@link
 * RecordingFilter} (deadband, max interval), {@link HistoryWriter}'s bounded queue and its writer
 * thread appending into a real QuestDB store in a temporary directory. Figures per phase: the
 * process's CPU time as a share of one core over the phase's nominal length (ticks times period,
 * which is its wall time unless the thread was starved), the fixed-rate thread's lateness against
 * its schedule (a late tick is a late poll) and the time each tick's work took; then the values
 * offered, written and dropped, and the rows in the store once it is closed.
 *
 * <p>A benchmark, not a test: the figures depend on the machine, its load and the JIT.
 */
public final class RecordingBenchmark {

  /** The recorded variables of one axis and its drive, as recorded by default (docs/history.md). */
  static final String[] KINDS = HistorySpec.DEFAULT_VARIABLES.toArray(String[]::new);

  /** The history section's default max interval. */
  static final long MAX_INTERVAL_MS = 10_000;

  /** The target of issue 15: recording costs at most this share of a core. */
  static final double TARGET_SHARE = 0.25;

  /** ... and the p99 lateness of the polls grows by at most this. */
  static final long TARGET_P99_EXTRA_MICROS = 1000;

  /**
   * What to measure.
   *
   * @param variables recorded variables, {@link #KINDS} of each axis in turn
   * @param periodMs every variable gets a new value this often
   * @param seconds length of each measured phase
   * @param warmupSeconds length of the unmeasured warm-up before each phase
   * @param allChanging every value changes at every poll (every one is kept: the worst case);
   *     otherwise the axes move (positions, speed, following error change at every poll) while
   *     temperature, state, status word and health stay constant (kept once per max interval)
   */
  public record Options(
      int variables, int periodMs, int seconds, int warmupSeconds, boolean allChanging) {}

  private final Options options;
  private final PrintStream out;
  private final UaVariableNode[] nodes;
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private long tick;
  private long writerThreadId = -1;

  private RecordingBenchmark(Options options, PrintStream out) {
    this.options = options;
    this.out = out;
    this.nodes = new UaVariableNode[options.variables()];
  }

  /** One phase's figures. */
  record Phase(
      double wallSeconds,
      double nominalSeconds,
      double cpuShare,
      double linkCpuShare,
      double writerCpuShare,
      Histogram latenessMicros,
      Histogram workMicros,
      long gcCount,
      long gcMillis,
      double loadBefore,
      double loadAfter) {}

  /**
   * Runs both phases in {@code dir} (the store goes to {@code dir/history}) and prints them;
   * returns whether the target holds (recording costs at most 25 % of a core, p99 lateness at most
   * 1 ms more than without) and every value offered was written or counted as dropped and is in the
   * store.
   */
  public static boolean run(Options options, Path dir, PrintStream out) throws Exception {
    return new RecordingBenchmark(options, out).measure(dir);
  }

  private boolean measure(Path dir) throws Exception {
    Map<UaVariableNode, RecordedVariable> recorded = createNodes();
    int n = options.variables();
    int periodMs = options.periodMs();
    out.printf(
        "recording: %d variables (%d axes x %d: %s), a new value each every %d ms = %d values/s"
            + " handed to the recording; one thread stands in for the link threads%n",
        n,
        (n + KINDS.length - 1) / KINDS.length,
        KINDS.length,
        String.join(", ", KINDS),
        periodMs,
        n * 1000L / periodMs);
    out.printf(
        "mix: %s; deadband 0 (any change is kept), max interval %d ms, queue %d values%n",
        options.allChanging()
            ? "all changing (every value changes at every poll: every one is kept)"
            : "realistic (the axes move: positions, speed, following error change at every poll;"
                + " temperature, state, status word, health constant: kept once per max interval)",
        MAX_INTERVAL_MS,
        History.QUEUE_CAPACITY);
    out.printf(
        "phases: %d s each after %d s of warm-up; load average (1 min) at start %.2f; %d cores%n",
        options.seconds(),
        options.warmupSeconds(),
        os.getSystemLoadAverage(),
        os.getAvailableProcessors());

    phase(options.warmupSeconds());
    Phase without = phase(options.seconds());
    print("without recording", without);

    CountingTee tee = new CountingTee();
    HistoryWriter writer =
        new HistoryWriter(
            History.QUEUE_CAPACITY,
            () -> HistoryStore.open(dir.resolve("history")),
            new HistoryWriter.Retention(30, 1024L * 1024 * 1024),
            Clock.systemUTC());
    writer.tee(tee);
    long open0 = System.nanoTime();
    writer.start();
    long deadline = open0 + TimeUnit.SECONDS.toNanos(600);
    while (writer.store() == null && !writer.failed()) {
      if (System.nanoTime() > deadline) {
        out.println("the history store did not open within 600 s");
        writer.close();
        return false;
      }
      Thread.sleep(20);
    }
    if (writer.failed()) {
      out.println("the history store could not be opened (see the log)");
      return false;
    }
    out.printf(
        "store: QuestDB opened in %d ms in %s%n",
        (System.nanoTime() - open0) / 1_000_000, dir.resolve("history"));
    writerThreadId = findThread("history-writer");
    HistoryRecorder.attach(recorded, writer);

    long startMicros = System.currentTimeMillis() * 1000;
    phase(options.warmupSeconds());
    long offered0 = tee.samples;
    long dropped0 = writer.dropped();
    Phase with = phase(options.seconds());
    long offered = tee.samples - offered0;
    long dropped = writer.dropped() - dropped0;
    print("with recording   ", with);

    // Let the writer take what is queued, then close it (it commits) and count what is stored.
    long drain = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (writer.written() + writer.dropped() < tee.samples && System.nanoTime() < drain) {
      Thread.sleep(20);
    }
    long endMicros = System.currentTimeMillis() * 1000 + 1;
    writer.close();
    long handed = (long) n * ticks(options.seconds());
    out.printf(
        "measured phase: %d values handed to the recording (%.0f/s), %d kept by the filter and"
            + " offered to the queue (%.0f/s), %d filtered out, %d dropped (queue full)%n",
        handed,
        handed / (double) options.seconds(),
        offered,
        offered / (double) options.seconds(),
        handed - offered,
        dropped);
    long rows = countRows(dir.resolve("history"), recorded, startMicros, endMicros);
    long totalOffered = tee.samples;
    long written = writer.written();
    long totalDropped = writer.dropped();
    boolean allCounted = totalOffered == written + totalDropped;
    boolean allStored = rows == written;
    out.printf(
        "whole run (warm-up and measured phase): offered %d = written %d + dropped %d (%s);"
            + " rows in the store %d (%s)%n",
        totalOffered,
        written,
        totalDropped,
        allCounted ? "adds up" : "DOES NOT ADD UP",
        rows,
        allStored ? "every written value is there" : "MISSING OR EXTRA ROWS");

    double extra = with.cpuShare() - without.cpuShare();
    long p99Without = without.latenessMicros().getValueAtPercentile(99);
    long p99With = with.latenessMicros().getValueAtPercentile(99);
    long workWithout = without.workMicros().getValueAtPercentile(99);
    long workWith = with.workMicros().getValueAtPercentile(99);
    out.printf(
        "recording costs %.1f %% of a core; p99 lateness %+d us (ratio %.2f); p99 poll work %+d us"
            + " (ratio %.2f)%n",
        extra * 100,
        p99With - p99Without,
        (p99With + 1.0) / (p99Without + 1.0),
        workWith - workWithout,
        (workWith + 1.0) / (workWithout + 1.0));
    boolean met = extra <= TARGET_SHARE && p99With - p99Without <= TARGET_P99_EXTRA_MICROS;
    out.printf(
        "target: at most %.0f %% of a core, p99 lateness at most %d us more: %s%n",
        TARGET_SHARE * 100, TARGET_P99_EXTRA_MICROS, met ? "met" : "NOT met");
    return met && allCounted && allStored;
  }

  /** The variables, as the server's nodes of the axes' and drives' recorded variables. */
  private Map<UaVariableNode, RecordedVariable> createNodes() {
    UaNodeContext context =
        new UaNodeContext() {
          @Override
          public OpcUaServer getServer() {
            throw new UnsupportedOperationException("the recording bench runs without a server");
          }

          @Override
          public NodeManager<UaNode> getNodeManager() {
            throw new UnsupportedOperationException("the recording bench runs without a server");
          }
        };
    Map<UaVariableNode, RecordedVariable> recorded = new LinkedHashMap<>();
    for (int i = 0; i < nodes.length; i++) {
      String kind = KINDS[i % KINDS.length];
      String path = "Bench/Axes/A%04d/ParameterSet/%s".formatted(i / KINDS.length, kind);
      NodeId id = new NodeId(2, path);
      UaVariableNode node =
          new UaVariableNode(
              context,
              id,
              new QualifiedName(2, kind),
              LocalizedText.english(kind),
              LocalizedText.NULL_VALUE,
              UInteger.MIN,
              UInteger.MIN);
      NodeId dataType =
          switch (kind) {
            case "AxisState", "DeviceHealth" -> NodeIds.Int32;
            case "Statusword" -> NodeIds.UInt16;
            default -> NodeIds.Double;
          };
      node.setDataType(dataType);
      nodes[i] = node;
      recorded.put(
          node, new RecordedVariable(id, path, ValueType.of(dataType), 0.0, MAX_INTERVAL_MS));
    }
    return recorded;
  }

  private int ticks(int seconds) {
    return seconds * 1000 / options.periodMs();
  }

  /** The fixed-rate "poll": a new value on every node each period. */
  private Phase phase(int seconds) throws InterruptedException {
    int ticks = ticks(seconds);
    Histogram lateness = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
    Histogram work = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
    long period = TimeUnit.MILLISECONDS.toNanos(options.periodMs());
    double load0 = os.getSystemLoadAverage();
    long cpu0 = os.getProcessCpuTime();
    long link0 = threads.getCurrentThreadCpuTime();
    long writer0 = writerCpu();
    long gcCount0 = gcCount();
    long gcMillis0 = gcMillis();
    long start = System.nanoTime() + period;
    long wall0 = System.nanoTime();
    for (int k = 0; k < ticks; k++) {
      long due = start + k * period;
      long now = TickClock.awaitDue(due);
      lateness.recordValue(Math.min((now - due) / 1000, lateness.getHighestTrackableValue()));
      poll(tick++);
      long took = (System.nanoTime() - now) / 1000;
      work.recordValue(Math.min(took, work.getHighestTrackableValue()));
    }
    double wall = System.nanoTime() - wall0;
    // Shares of the phase's nominal length: a starved thread that runs late does the same work in
    // a longer time, and its CPU time per poll is what the work costs at the nominal rate.
    double nominal = (double) ticks * period;
    return new Phase(
        wall / 1e9,
        nominal / 1e9,
        (os.getProcessCpuTime() - cpu0) / nominal,
        (threads.getCurrentThreadCpuTime() - link0) / nominal,
        writerThreadId < 0 ? 0 : (writerCpu() - writer0) / nominal,
        lateness,
        work,
        gcCount() - gcCount0,
        gcMillis() - gcMillis0,
        load0,
        os.getSystemLoadAverage());
  }

  /**
   * One poll's values, set as {@code AxisNodes.set} does: a DataValue per variable, Good, with the
   * poll's source time and the server time.
   */
  private void poll(long k) {
    double seconds = k * options.periodMs() / 1000.0;
    boolean all = options.allChanging();
    DateTime time = null;
    for (int i = 0; i < nodes.length; i++) {
      int axis = i / KINDS.length;
      int kind = i % KINDS.length;
      if (kind == 0 || time == null) {
        time = DateTime.now();
      }
      // Each axis swings +-90 degrees with a period of 4 s, its phase set by its number.
      double angle = 2 * Math.PI * seconds / 4 + axis * 0.7;
      Object value =
          switch (kind) {
            case 0 -> 90 * Math.sin(angle);
            case 1 -> 90 * Math.sin(angle + 0.003);
            case 2 -> 90 * 2 * Math.PI / 4 * Math.cos(angle);
            case 3 -> 90 * (Math.sin(angle + 0.003) - Math.sin(angle));
            case 4 -> all ? (int) ((k + axis) & 1) + 3 : 4; // ContinuousMotion
            case 5 -> 40.0 + (axis % 10) * 0.5 + (all ? k * 0.001 : 0);
            case 6 -> ushort(0x1637 ^ (all ? (int) (k & 1) << 14 : 0));
            default -> all ? (int) (k & 1) : 0;
          };
      nodes[i].setValue(new DataValue(new Variant(value), StatusCode.GOOD, time, time));
    }
  }

  private static long gcCount() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(b -> Math.max(0, b.getCollectionCount()))
        .sum();
  }

  private static long gcMillis() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(b -> Math.max(0, b.getCollectionTime()))
        .sum();
  }

  private long writerCpu() {
    return writerThreadId < 0 ? 0 : Math.max(0, threads.getThreadCpuTime(writerThreadId));
  }

  private static long findThread(String name) {
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals(name)) {
        return t.getId();
      }
    }
    return -1;
  }

  /** Rows of the recorded variables in the store, read back after it was closed. */
  private static long countRows(
      Path dir, Map<UaVariableNode, RecordedVariable> recorded, long fromMicros, long toMicros)
      throws Exception {
    long[] rows = {0};
    try (HistoryStore store = HistoryStore.open(dir)) {
      for (RecordedVariable v : recorded.values()) {
        store.scan(v.key(), fromMicros, toMicros, (t, value, status) -> rows[0]++);
      }
    }
    return rows[0];
  }

  private void print(String name, Phase p) {
    Histogram l = p.latenessMicros();
    Histogram w = p.workMicros();
    out.printf(
        "%s: CPU %.1f %% of a core (link thread %.1f %%, history-writer %.1f %%); lateness p50 %d"
            + " us, p99 %d us, max %d us; poll work p50 %d us, p99 %d us (%d polls); GC %d"
            + " collections, %d ms; %.1f s of polls took %.1f s; load %.2f to %.2f%n",
        name,
        p.cpuShare() * 100,
        p.linkCpuShare() * 100,
        p.writerCpuShare() * 100,
        l.getValueAtPercentile(50),
        l.getValueAtPercentile(99),
        l.getMaxValue(),
        w.getValueAtPercentile(50),
        w.getValueAtPercentile(99),
        l.getTotalCount(),
        p.gcCount(),
        p.gcMillis(),
        p.nominalSeconds(),
        p.wallSeconds(),
        p.loadBefore(),
        p.loadAfter());
  }

  /**
   * Counts every sample the recorders offer to the writer (the tee is called before the queue's
   * offer); called on the one fixed-rate thread only, and read there.
   */
  private static final class CountingTee implements HistoryTee {
    long samples;

    @Override
    public void sample(Sample sample) {
      samples++;
    }

    @Override
    public void event(EventRecord event) {}
  }
}
