package io.motionua.tools.bench;

import static io.motionua.tools.bench.OpcuaBenchSupport.duration;
import static io.motionua.tools.bench.OpcuaBenchSupport.ratio;

import io.motionua.drivers.LinkDiagnostics;
import io.motionua.drivers.sim.MoveTimes;
import io.motionua.drivers.sim.SimulatedDrive;
import io.motionua.server.MotionUa;
import io.motionua.server.config.ConfigLoader;
import io.motionua.server.config.MachineConfig;
import io.motionua.server.config.SimulatedCell;
import io.motionua.server.group.AxisGroup;
import io.motionua.server.group.CycleLateness;
import io.motionua.server.group.GroupState;
import io.motionua.server.opcua.ListenPorts;
import io.motionua.tools.bench.OpcuaBenchSupport.Samples;
import io.motionua.tools.files.ScratchDir;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The execution half of {@code bench motion}, on a simulated cell of N axes, each drive on its own
 * Modbus TCP link on loopback ({@link SimulatedCell}), the server in this JVM:
 *
 * <ul>
 *   <li><b>start skew and finish spread</b> of synchronized moves in drive-profiles mode, from the
 *       simulators' own timestamps of each accepted set-point and each profile's end, beside the
 *       loopback Modbus round trip (plain socket FC03 to one of the simulators) and the links' own
 *       round trips, measured in the same run;
 *   <li><b>lateness of the interpolation loop</b> (interpolated mode) against its schedule while
 *       the group moves back and forth, first without clients, then under client sessions with
 *       monitored items on the cell's changing variables (the clients in their own process, {@link
 *       LoadClients}), beside a bare ticker of the same period on its own thread in the same JVM
 *       (the scheduling jitter any periodic task sees here).
 * </ul>
 */
public final class MotionBenchmark {

  /**
   * What to run.
   *
   * @param axes axes (and links) of the cell
   * @param pollMs every link's poll period
   * @param warmupMoves synchronized moves before measuring (the JIT compiles the hot paths)
   * @param moves synchronized moves for the start skew
   * @param cycleMs the interpolation loop's period
   * @param quietSeconds loop lateness without clients
   * @param loadSeconds loop lateness under the client load
   * @param sessions client sessions of the load
   * @param items monitored items per session
   * @param samplingMs the items' sampling interval
   * @param publishingMs the subscriptions' publishing interval
   * @param realtimePriority the loop thread's SCHED_FIFO priority (the group's {@code
   *     realtimePriority}), 0 for a normal thread
   */
  public record Options(
      int axes,
      int pollMs,
      int warmupMoves,
      int moves,
      int cycleMs,
      double quietSeconds,
      double loadSeconds,
      int sessions,
      int items,
      double samplingMs,
      double publishingMs,
      int realtimePriority) {}

  private final Options o;
  private final PrintStream out;

  private MotionBenchmark(Options o, PrintStream out) {
    this.o = o;
    this.out = out;
  }

  /** Start skew and finish spread; returns whether the target (p99 at most 1 ms) was met. */
  public static boolean startSkew(Options o, PrintStream out) throws Exception {
    return new MotionBenchmark(o, out).startSkew();
  }

  /**
   * Loop lateness, quiet and under load; returns whether the target (p99 at most 0.5 ms, no missed
   * cycle under load) was met.
   */
  public static boolean loopLateness(Options o, PrintStream out) throws Exception {
    return new MotionBenchmark(o, out).loopLateness();
  }

  /** The machine's load average (1, 5, 15 minutes) from /proc, or n/a. */
  public static String loadAverage() {
    return OpcuaBenchSupport.loadAverage();
  }

  // ---------------------------------------------------------------- start skew

  /** The four figures of a series of synchronized moves. */
  private record Series(Samples skew, Samples sent, Samples spread, Samples toStart) {}

  private boolean startSkew() throws Exception {
    Path dir = Files.createTempDirectory("motionua-bench-motion");
    try (MotionUa cell = startCell(dir, "mode: drive-profiles")) {
      AxisGroup group = cell.groups().get("all");
      toStandby(group);
      int n = o.axes();
      Series quiet = moves(cell, group, o.warmupMoves(), o.moves());
      // The baseline while the links still poll, as during the moves.
      Samples raw = OpcuaBenchSupport.rawModbus(cell.simulator("bus1").port(), 2000);
      double linkMean = 0;
      double linkP99 = 0;
      for (int k = 1; k <= n; k++) {
        LinkDiagnostics d = cell.links().get("bus" + k).diagnostics();
        linkMean += d.meanRoundTripMicros() / n;
        linkP99 = Math.max(linkP99, d.p99RoundTripMicros());
      }
      out.printf(
          "start skew: %d synchronized moves of %d axes on %d links (drive-profiles, poll %d ms),"
              + " simulator timestamps%n",
          quiet.skew().count(), n, n, o.pollMs());
      report("no clients", quiet);
      out.printf("  baseline: raw FC03 round trip to one simulator (plain socket) %s%n", raw);
      out.printf(
          "  the links' own round trips: mean %.1f µs, worst link p99 %.1f µs%n",
          linkMean, linkP99);
      out.printf(
          "  ratio start skew / raw round trip: p50 %s, p99 %s; finish spread / raw round trip:"
              + " p99 %s%n",
          ratio(quiet.skew().p50(), raw.p50()),
          ratio(quiet.skew().p99(), raw.p99()),
          ratio(quiet.spread().p99(), raw.p99()));
      Series judged = quiet;
      if (o.sessions() > 0 && o.items() > 0) {
        String url = "opc.tcp://127.0.0.1:" + cell.config().server().port();
        try (ClientProcess clients = new ClientProcess(url)) {
          long created = clients.awaitReady();
          long before = clients.received();
          long t0 = System.nanoTime();
          judged = moves(cell, group, Math.min(o.warmupMoves(), 10), o.moves());
          double perSecond = (clients.received() - before) / ((System.nanoTime() - t0) / 1e9);
          out.printf(
              "under load: %d sessions x %d monitored items (%d created), sampling %.0f ms,"
                  + " publishing %.0f ms, clients in their own process at nice 10: %,.0f"
                  + " notifications/s received%n",
              o.sessions(), o.items(), created, o.samplingMs(), o.publishingMs(), perSecond);
        }
        report("under load", judged);
        out.printf(
            "  ratio start skew under load / no clients: p50 %s, p99 %s%n",
            ratio(judged.skew().p50(), quiet.skew().p50()),
            ratio(judged.skew().p99(), quiet.skew().p99()));
      }
      boolean met = judged.skew().p99() <= 1_000_000;
      out.printf(
          "  target start skew p99 <= 1 ms%s: %s%n",
          judged == quiet ? "" : " under the client load", met ? "met" : "NOT met");
      return met;
    } finally {
      ScratchDir.deleteQuietly(dir);
    }
  }

  private void report(String label, Series s) {
    out.printf("  %s:%n", label);
    out.printf("    start skew         %s%n", s.skew());
    out.printf(
        "    of which sending   %s (first to last link thread released to send)%n", s.sent());
    out.printf("    finish spread      %s%n", s.spread());
    out.printf("    call to last start %s%n", s.toStart());
  }

  /** {@code warm} unmeasured, then {@code count} measured synchronized moves back and forth. */
  private Series moves(MotionUa cell, AxisGroup group, int warm, int count) throws Exception {
    int n = o.axes();
    long[] skews = new long[count];
    long[] spreads = new long[count];
    long[] callToLastStart = new long[count];
    long[] sendSpreads = new long[count];
    int done = 0;
    for (int m = -warm; m < count; m++) {
      double sign = (m & 1) == 0 ? 1 : -1;
      double[] targets = new double[n];
      for (int k = 1; k <= n; k++) {
        targets[k - 1] = sign * (5 + k); // 6 to 17 deg: moves of about 0.3 s
      }
      long called = System.nanoTime();
      group.moveSynchronized(targets, 1.0).get(5, TimeUnit.SECONDS);
      awaitState(group, GroupState.GroupStandby, 10_000);
      long minStart = Long.MAX_VALUE;
      long maxStart = Long.MIN_VALUE;
      long minFinish = Long.MAX_VALUE;
      long maxFinish = Long.MIN_VALUE;
      for (int k = 1; k <= n; k++) {
        MoveTimes t = drive(cell, k).lastMove();
        minStart = Math.min(minStart, t.startNanos());
        maxStart = Math.max(maxStart, t.startNanos());
        minFinish = Math.min(minFinish, t.finishNanos());
        maxFinish = Math.max(maxFinish, t.finishNanos());
      }
      if (minStart < called) {
        throw new IllegalStateException("a drive did not start move " + m);
      }
      if (m >= 0) {
        skews[m] = maxStart - minStart;
        spreads[m] = maxFinish - minFinish;
        callToLastStart[m] = maxStart - called;
        sendSpreads[m] = group.lastStartSpreadNanos();
        done++;
      }
    }
    return new Series(
        Samples.of(skews, done),
        Samples.of(sendSpreads, done),
        Samples.of(spreads, done),
        Samples.of(callToLastStart, done));
  }

  // ---------------------------------------------------------------- loop lateness

  private boolean loopLateness() throws Exception {
    Path dir = Files.createTempDirectory("motionua-bench-motion");
    long period = TimeUnit.MILLISECONDS.toNanos(o.cycleMs());
    CycleLateness ticker = new CycleLateness(period);
    ScheduledExecutorService tick =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "bench-motion-ticker");
              t.setDaemon(true);
              t.setPriority(Thread.MAX_PRIORITY); // as the interpolation loop's thread
              return t;
            });
    try (MotionUa cell =
        startCell(
            dir,
            "mode: interpolated, cycleMs: %d, realtimePriority: %d"
                .formatted(o.cycleMs(), o.realtimePriority()))) {
      AxisGroup group = cell.groups().get("all");
      toStandby(group);
      if (o.realtimePriority() > 0 && !reached(() -> group.isLoopRealtime(), 2000)) {
        out.printf(
            "  the loop thread did NOT get SCHED_FIFO priority %d (see the warning above)%n",
            o.realtimePriority());
      }
      AtomicLong runs = new AtomicLong();
      long[] t0 = new long[1];
      // Created before the clock is read: bootstrapping a lambda can take milliseconds.
      Runnable tock =
          () -> ticker.record(System.nanoTime() - (t0[0] + runs.getAndIncrement() * period));
      t0[0] = System.nanoTime();
      tick.scheduleAtFixedRate(tock, 0, period, TimeUnit.NANOSECONDS);
      Mover mover = new Mover(group, o.axes());
      mover.run(2); // warm-up
      out.printf(
          "interpolation loop: %d axes on %d links, cycle %d ms, MoveLinear back and forth"
              + " (+-30 deg), loop thread %s,%n  lateness = start of each cycle minus its"
              + " scheduled time; baseline: a bare %d ms ticker on its own normal thread in this"
              + " JVM; collectors: %s%n",
          o.axes(),
          o.axes(),
          o.cycleMs(),
          group.isLoopRealtime()
              ? "SCHED_FIFO priority " + o.realtimePriority()
              : "normal (SCHED_OTHER)",
          o.cycleMs(),
          collectors());
      Window quiet = window(group, ticker, mover, o.quietSeconds(), null);
      report("no clients", quiet);
      String url = "opc.tcp://127.0.0.1:" + cell.config().server().port();
      Window loaded;
      long created;
      try (ClientProcess clients = new ClientProcess(url)) {
        created = clients.awaitReady();
        mover.run(1); // the subscriptions' first values pass
        loaded = window(group, ticker, mover, o.loadSeconds(), clients::received);
      }
      out.printf(
          "  load: %d sessions x %d monitored items (%d created) round-robin over the axes'"
              + " ActualPosition, ActualSpeed, CommandedPosition, FollowingError; sampling %.0f ms,"
              + " publishing %.0f ms; the clients in their own process at nice 10: %,.0f"
              + " notifications/s received%n",
          o.sessions(), o.items(), created, o.samplingMs(), o.publishingMs(), loaded.perSecond());
      report("under load", loaded);
      out.printf(
          "  ratio under load / no clients: p99 %s; loop / ticker under load: p50 %s, p99 %s%n",
          ratio(loaded.loop().p99Nanos(), quiet.loop().p99Nanos()),
          ratio(loaded.loop().p50Nanos(), loaded.ticker().p50Nanos()),
          ratio(loaded.loop().p99Nanos(), loaded.ticker().p99Nanos()));
      boolean met = loaded.loop().p99Nanos() <= 500_000 && loaded.loop().missed() == 0;
      out.printf(
          "  target p99 <= 0.5 ms and no missed cycle under load (%.0f s): %s%n",
          o.loadSeconds(), met ? "met" : "NOT met");
      return met;
    } finally {
      tick.shutdownNow();
      if (!tick.awaitTermination(1, TimeUnit.SECONDS)) {
        out.println("  the ticker did not stop within 1 s");
      }
      ScratchDir.deleteQuietly(dir);
    }
  }

  private record Window(
      CycleLateness.Snapshot loop,
      CycleLateness.Snapshot ticker,
      double seconds,
      int moves,
      long notifications,
      long gcs,
      long gcMillis) {

    double perSecond() {
      return notifications / seconds;
    }
  }

  /** Moves the group back and forth for a while and takes both lateness records of that time. */
  private Window window(
      AxisGroup group,
      CycleLateness ticker,
      Mover mover,
      double seconds,
      java.util.function.LongSupplier received)
      throws Exception {
    group.loopLateness().reset();
    ticker.reset();
    long n0 = received == null ? 0 : received.getAsLong();
    long[] gc0 = gc();
    long w0 = System.nanoTime();
    int moves = mover.runFor(seconds);
    double wall = (System.nanoTime() - w0) / 1e9;
    long n = received == null ? 0 : received.getAsLong() - n0;
    long[] gc1 = gc();
    return new Window(
        group.loopLateness().snapshot(),
        ticker.snapshot(),
        wall,
        moves,
        n,
        gc1[0] - gc0[0],
        gc1[1] - gc0[1]);
  }

  /** Collections and their accumulated time in ms, over this JVM's collectors. */
  private static long[] gc() {
    long count = 0;
    long millis = 0;
    for (java.lang.management.GarbageCollectorMXBean b :
        java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
      count += Math.max(0, b.getCollectionCount());
      millis += Math.max(0, b.getCollectionTime());
    }
    return new long[] {count, millis};
  }

  /** The collectors of this JVM, e.g. {@code G1 Young Generation, G1 Old Generation}. */
  private static String collectors() {
    return String.join(
        ", ",
        java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
            .map(java.lang.management.GarbageCollectorMXBean::getName)
            .toList());
  }

  private void report(String name, Window w) {
    CycleLateness.Snapshot l = w.loop();
    CycleLateness.Snapshot t = w.ticker();
    double motion = l.runs() * o.cycleMs() / 1000.0 / w.seconds();
    out.printf(
        "  %-10s %.0f s, %d moves, %d cycles (in motion %.0f %% of the time); %d collections,"
            + " %d ms in total%n",
        name, w.seconds(), w.moves(), l.runs(), motion * 100, w.gcs(), w.gcMillis());
    out.printf(
        "    loop   p50 %s, p99 %s, p99.9 %s, max %s, missed cycles %d%n",
        duration(l.p50Nanos()),
        duration(l.p99Nanos()),
        duration(l.p999Nanos()),
        duration(l.maxNanos()),
        l.missed());
    out.printf(
        "    ticker p50 %s, p99 %s, p99.9 %s, max %s, missed cycles %d (%d runs)%n",
        duration(t.p50Nanos()),
        duration(t.p99Nanos()),
        duration(t.p999Nanos()),
        duration(t.maxNanos()),
        t.missed(),
        t.runs());
  }

  /**
   * The client load as its own process ({@link LoadClients}), at a lower CPU priority ({@code nice
   * -n 10}) as clients on other machines would not compete with the server at all; the server side
   * of the subscriptions (sampling, queues, publishing) runs in this JVM.
   */
  private final class ClientProcess implements AutoCloseable {
    private final Process process;
    private final AtomicLong received = new AtomicLong();
    private final java.util.concurrent.CompletableFuture<Long> ready =
        new java.util.concurrent.CompletableFuture<>();
    private final List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();

    ClientProcess(String url) throws Exception {
      List<String> cmd = new ArrayList<>();
      if (Files.isExecutable(Path.of("/usr/bin/nice"))) {
        cmd.addAll(List.of("/usr/bin/nice", "-n", "10"));
      }
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.add("-cp");
      cmd.add(
          Path.of(LoadClients.class.getProtectionDomain().getCodeSource().getLocation().toURI())
              .toString());
      cmd.add(LoadClients.class.getName());
      cmd.addAll(
          List.of(
              url,
              Integer.toString(o.axes()),
              Integer.toString(o.sessions()),
              Integer.toString(o.items()),
              Double.toString(o.samplingMs()),
              Double.toString(o.publishingMs())));
      process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      Thread reader = new Thread(this::read, "bench-motion-clients-reader");
      reader.setDaemon(true);
      reader.start();
    }

    private void read() {
      try (java.io.BufferedReader in =
          new java.io.BufferedReader(
              new java.io.InputStreamReader(
                  process.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          if (line.startsWith("ready ")) {
            ready.complete(Long.parseLong(line.substring(6).trim()));
          } else if (line.startsWith("received ")) {
            received.set(Long.parseLong(line.substring(9).trim()));
          } else {
            lines.add(line);
          }
        }
      } catch (java.io.IOException | RuntimeException e) {
        // the process ended
      }
      ready.completeExceptionally(
          new IllegalStateException("the client process ended: " + String.join("\n", lines)));
    }

    /** Waits (at most 60 s) until every session subscribed; returns the items created. */
    long awaitReady() throws Exception {
      return ready.get(60, TimeUnit.SECONDS);
    }

    long received() {
      return received.get();
    }

    @Override
    public void close() throws InterruptedException {
      try {
        process.getOutputStream().close();
      } catch (java.io.IOException e) {
        // gone already
      }
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    }
  }

  /** Moves the group between two poses with MoveLinear, one move after the other. */
  private static final class Mover {
    private final AxisGroup group;
    private final double[][] poses;
    private int next;

    Mover(AxisGroup group, int axes) {
      this.group = group;
      this.poses = new double[2][axes];
      for (int i = 0; i < axes; i++) {
        poses[0][i] = 30;
        poses[1][i] = -30;
      }
    }

    void run(int moves) throws Exception {
      for (int i = 0; i < moves; i++) {
        one();
      }
    }

    int runFor(double seconds) throws Exception {
      long end = System.nanoTime() + (long) (seconds * 1e9);
      int moves = 0;
      while (System.nanoTime() < end) {
        one();
        moves++;
      }
      return moves;
    }

    private void one() throws Exception {
      double[] target = poses[next];
      next ^= 1;
      group.moveLinear(target, 100, 400).get(5, TimeUnit.SECONDS);
      awaitState(group, GroupState.GroupStandby, 15_000);
    }
  }

  // ---------------------------------------------------------------- the cell

  private MotionUa startCell(Path dir, String groupOptions) throws Exception {
    MachineConfig config =
        ConfigLoader.parse(
                "bench-cell.yaml", SimulatedCell.yaml(o.axes(), o.pollMs(), groupOptions), null)
            .withPort(ListenPorts.choose());
    MotionUa cell = new MotionUa(config, dir);
    try {
      cell.start();
    } catch (Exception e) {
      cell.close();
      throw e;
    }
    return cell;
  }

  /** GroupEnable until the group stands by (the drives power up on start), at most 10 s. */
  private static void toStandby(AxisGroup group) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!reached(group, GroupState.GroupStandby, 1000)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("group not in GroupStandby within 10 s");
      }
      group.enable().get(5, TimeUnit.SECONDS);
    }
  }

  private static void awaitState(AxisGroup group, GroupState wanted, long ms)
      throws InterruptedException {
    if (!reached(group, wanted, ms)) {
      throw new IllegalStateException("group not in " + wanted + " within " + ms + " ms");
    }
  }

  /** Waits, at most {@code ms}, for the state; fails at once in GroupErrorStop. */
  private static boolean reached(java.util.function.BooleanSupplier condition, long ms)
      throws InterruptedException {
    long deadline = System.nanoTime() + ms * 1_000_000;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(1);
    }
    return true;
  }

  private static boolean reached(AxisGroup group, GroupState wanted, long ms)
      throws InterruptedException {
    long deadline = System.nanoTime() + ms * 1_000_000;
    while (group.state() != wanted) {
      if (group.state() == GroupState.GroupErrorStop) {
        throw new IllegalStateException("group in GroupErrorStop: " + group.lastError());
      }
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(1);
    }
    return true;
  }

  private static SimulatedDrive drive(MotionUa cell, int k) {
    return cell.simulator("bus" + k).drive(1);
  }
}
