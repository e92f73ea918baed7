package io.motionua.tools.bench;

import static io.motionua.tools.bench.OpcuaBenchSupport.mib;
import static io.motionua.tools.bench.OpcuaBenchSupport.path;
import static io.motionua.tools.bench.OpcuaBenchSupport.ratio;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import ch.qos.logback.classic.Level;
import io.motionua.drivers.Link;
import io.motionua.drivers.sim.SimulatedDrive;
import io.motionua.server.MotionUa;
import io.motionua.server.axis.AxisState;
import io.motionua.server.config.ConfigLoader;
import io.motionua.server.config.MachineConfig;
import io.motionua.server.opcua.ListenPorts;
import io.motionua.tools.bench.OpcuaBenchSupport.Samples;
import io.motionua.tools.files.ScratchDir;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodResult;
import org.slf4j.LoggerFactory;

/**
 * {@code motionua bench opcua}: the demo arm over OPC UA (security None, anonymous), each figure
 * beside a baseline measured in the same run.
 *
 * <ol>
 *   <li>Reads and notifications against the demo server started as a separate process ({@code java
 *       -jar} of this jar, {@code serve}), so its CPU time (/proc) and heap (jcmd after a full GC,
 *       and RSS) are its own. Baselines: the same client on the Server object's
 *       ServerStatus/CurrentTime (i=2258), which Milo itself serves.
 *   <li>The command latency in this JVM (the simulator's registers are only visible in process):
 *       from the client's MoveAbsolute call to the simulator accepting the new set-point, beside a
 *       raw Modbus FC03 round trip to the same simulator.
 * </ol>
 */
public final class OpcuaBenchmark {

  /** What to run; durations in seconds. */
  public record Options(
      Path jar,
      String serverHeap,
      double readSeconds,
      double readWarmupSeconds,
      int concurrency,
      int sessions,
      int items,
      double samplingMs,
      double publishingMs,
      double notifySeconds,
      double moveVelocity,
      int calls,
      int callWarmup,
      int rawRequests,
      boolean callsOnly,
      String linkType) {}

  private static final String[] AXES = {"J1", "J2", "J3", "J4", "J5", "J6"};
  private static final String[] AXIS_VARIABLES = {
    "ActualPosition", "ActualSpeed", "CommandedPosition", "FollowingError"
  };

  private final Options o;
  private final PrintStream out;

  private OpcuaBenchmark(Options o, PrintStream out) {
    this.o = o;
    this.out = out;
  }

  public static void run(Options o, PrintStream out) throws Exception {
    new OpcuaBenchmark(o, out).run();
  }

  private void run() throws Exception {
    long t0 = System.nanoTime();
    out.printf(
        "bench opcua: %s, %d cores, load average %s%n",
        Runtime.version(),
        Runtime.getRuntime().availableProcessors(),
        OpcuaBenchSupport.loadAverage());
    Path dataDir = Files.createTempDirectory("motionua-bench-opcua");
    try {
      if (o.callsOnly()) {
        commandLatency();
        out.printf("done, load average %s%n", OpcuaBenchSupport.loadAverage());
        return;
      }
      out.printf(
          "server: separate process, java -Xmx%s -jar %s serve (demo arm)%n",
          o.serverHeap(), o.jar());
      try (OpcuaBenchServerProcess server =
          OpcuaBenchServerProcess.start(o.jar(), o.serverHeap(), dataDir, 60_000)) {
        out.printf("server pid %d ready on port %d%n", server.pid(), server.port);
        String url = "opc.tcp://127.0.0.1:" + server.port;
        OpcUaClient client = OpcUaClient.create(url);
        client.connect();
        try {
          NodeId axesFolder = path(client, NodeIds.ObjectsFolder, demoAxes());
          NodeId position = path(client, axesFolder, "J1", "ParameterSet", "ActualPosition");
          reads(client, position, 1);
          reads(client, position, o.concurrency());
          notifications(url, client, axesFolder, server.pid());
        } finally {
          disconnect(client);
        }
      }
      commandLatency();
    } finally {
      ScratchDir.deleteQuietly(dataDir);
    }
    out.printf(
        "done in %.1f s, load average %s%n",
        (System.nanoTime() - t0) / 1e9, OpcuaBenchSupport.loadAverage());
  }

  private static String[] demoAxes() {
    return new String[] {"DemoArm", "MotionDevices", "Arm", "Axes"};
  }

  // ---------------------------------------------------------------- 1. reads

  /** One series of reads: samples and the wall time it took. */
  private record Series(Samples samples, long wallNanos, long errors) {

    double perSecond() {
      return samples.count() / (wallNanos / 1e9);
    }

    static Series merge(List<Series> parts) {
      return new Series(
          Samples.merge(parts.stream().map(Series::samples).toList()),
          parts.stream().mapToLong(Series::wallNanos).sum(),
          parts.stream().mapToLong(Series::errors).sum());
    }
  }

  private void reads(OpcUaClient client, NodeId ours, int threads) throws Exception {
    NodeId base = NodeIds.Server_ServerStatus_CurrentTime;
    long half = (long) (o.readSeconds() * 1e9 / 2);
    long warm = (long) (o.readWarmupSeconds() * 1e9);
    readSeries(client, base, threads, warm);
    readSeries(client, ours, threads, warm);
    List<Series> b = new ArrayList<>();
    List<Series> u = new ArrayList<>();
    for (int round = 0; round < 2; round++) { // alternating, so drift hits both
      b.add(readSeries(client, base, threads, half));
      u.add(readSeries(client, ours, threads, half));
    }
    Series base2 = Series.merge(b);
    Series ours2 = Series.merge(u);
    out.printf(
        "reads, %d concurrent (%d thread(s), one session), %.1f s each:%n",
        threads, threads, o.readSeconds());
    out.printf(
        "  J1 ActualPosition        %,9.0f reads/s  %s  errors %d%n",
        ours2.perSecond(), ours2.samples(), ours2.errors());
    out.printf(
        "  baseline CurrentTime     %,9.0f reads/s  %s  errors %d%n",
        base2.perSecond(), base2.samples(), base2.errors());
    out.printf(
        "  ratio ours/baseline: rate %s, p50 %s, p99 %s%n",
        ratio(ours2.perSecond(), base2.perSecond()),
        ratio(ours2.samples().p50(), base2.samples().p50()),
        ratio(ours2.samples().p99(), base2.samples().p99()));
  }

  private Series readSeries(OpcUaClient client, NodeId node, int threads, long nanos)
      throws InterruptedException {
    long[][] samples = new long[threads][];
    int[] counts = new int[threads];
    LongAdder errors = new LongAdder();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    long[] window = new long[2];
    for (int t = 0; t < threads; t++) {
      int index = t;
      Thread w =
          new Thread(
              () -> {
                long[] s = new long[1 << 14];
                int n = 0;
                try {
                  go.await();
                } catch (InterruptedException e) {
                  return;
                }
                long end = window[1];
                while (true) {
                  long a = System.nanoTime();
                  if (a >= end) {
                    break;
                  }
                  try {
                    DataValue v = client.readValue(0.0, TimestampsToReturn.Neither, node);
                    if (!v.statusCode().isGood()) {
                      errors.increment();
                    }
                  } catch (UaException e) {
                    errors.increment();
                    continue;
                  }
                  if (n == s.length) {
                    s = Arrays.copyOf(s, n * 2);
                  }
                  s[n++] = System.nanoTime() - a;
                }
                samples[index] = s;
                counts[index] = n;
              },
              "bench-opcua-read-" + t);
      w.setDaemon(true);
      workers.add(w);
      w.start();
    }
    window[0] = System.nanoTime();
    window[1] = window[0] + nanos;
    go.countDown();
    long bound = TimeUnit.NANOSECONDS.toMillis(nanos) + 30_000;
    for (Thread w : workers) {
      w.join(bound);
      if (w.isAlive()) {
        w.interrupt();
      }
    }
    long wall = System.nanoTime() - window[0];
    List<Samples> parts = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      if (samples[t] != null) {
        parts.add(Samples.of(samples[t], counts[t]));
      }
    }
    return new Series(Samples.merge(parts), wall, errors.sum());
  }

  // ---------------------------------------------------------------- 2. notifications

  private record Phase(
      String name,
      long notifications,
      double seconds,
      double serverCpu,
      double clientCpu,
      long heapAfterGc,
      long rss,
      long itemsCreated,
      double revisedSamplingMs,
      int queue) {

    double perSecond() {
      return notifications / seconds;
    }

    /** Server CPU microseconds per notification. */
    double cpuMicrosPerNotification() {
      return notifications == 0 ? 0 : serverCpu * seconds * 1e6 / notifications;
    }
  }

  private void notifications(String url, OpcUaClient control, NodeId axesFolder, long pid)
      throws Exception {
    List<NodeId> changing = new ArrayList<>();
    Map<NodeId, String> names = new ConcurrentHashMap<>();
    NodeId trains = path(control, NodeIds.ObjectsFolder, "DemoArm", "MotionDevices", "Arm");
    trains = path(control, trains, "PowerTrains");
    for (String axis : AXES) {
      for (String v : AXIS_VARIABLES) {
        NodeId id = path(control, axesFolder, axis, "ParameterSet", v);
        changing.add(id);
        names.put(id, axis + "/" + v);
      }
      NodeId temp =
          path(control, trains, axis + "-PowerTrain", "Motor", "ParameterSet", "MotorTemperature");
      changing.add(temp);
      names.put(temp, axis + "/MotorTemperature");
      NodeId sw = path(control, trains, axis + "-PowerTrain", "Drive", "Statusword");
      changing.add(sw);
      names.put(sw, axis + "/Statusword");
    }
    // Keep every axis moving, so positions change at each poll.
    for (String axis : AXES) {
      NodeId axisId = path(control, axesFolder, axis);
      NodeId method = path(control, axisId, "MoveVelocity");
      CallMethodResult r =
          call(control, axisId, method, o.moveVelocity(), 0.0, 0.0); // 0: the axis limits
      if (!r.getStatusCode().isGood()) {
        out.printf("  MoveVelocity on %s: %s%n", axis, r.getStatusCode());
      }
    }
    List<OpcUaClient> clients = new ArrayList<>();
    try {
      for (int i = 0; i < o.sessions(); i++) {
        OpcUaClient c = OpcUaClient.create(url);
        c.connect();
        clients.add(c);
      }
      Thread.sleep(500);
      long cpu0 = OpcuaBenchSupport.processCpuNanos(pid);
      long w0 = System.nanoTime();
      Thread.sleep(3000);
      double idleCpu =
          (OpcuaBenchSupport.processCpuNanos(pid) - cpu0) / (double) (System.nanoTime() - w0);
      out.printf(
          "notifications: %d sessions x %d monitored items, sampling %.0f ms, publishing %.0f ms,"
              + " queue %d; all six axes in MoveVelocity %.1f deg/s%n",
          o.sessions(), o.items(), o.samplingMs(), o.publishingMs(), queueSize(), o.moveVelocity());
      out.printf(
          "  server with %d sessions and no subscription (drive polls only): CPU %.1f %% of one"
              + " core%n",
          o.sessions(), idleCpu * 100);
      Map<NodeId, LongAdder> perNode = new ConcurrentHashMap<>();
      Phase ours =
          phase(
              "ours " + (int) o.samplingMs() + " ms",
              clients,
              i -> changing.get(i % changing.size()),
              perNode,
              pid,
              o.samplingMs());
      Phase base =
          phase(
              "baseline",
              clients,
              i -> NodeIds.Server_ServerStatus_CurrentTime,
              null,
              pid,
              o.samplingMs());
      // Like for like: CurrentTime changes at every sample, and Milo revises its sampling interval
      // up (MinimumSamplingInterval); positions of moving axes change at every 20 ms poll. So the
      // same number of items on positions only, at the baseline's revised interval.
      List<NodeId> positions =
          changing.stream()
              .filter(
                  id ->
                      names.get(id).endsWith("/ActualPosition")
                          || names.get(id).endsWith("/CommandedPosition"))
              .toList();
      double matchedMs = Math.max(o.samplingMs(), base.revisedSamplingMs());
      Phase matched =
          phase(
              "positions " + (int) matchedMs + " ms",
              clients,
              i -> positions.get(i % positions.size()),
              null,
              pid,
              matchedMs);
      out.printf(
          "  ours: %d items per session round-robin over %d variables of the six axes"
              + " (ActualPosition, ActualSpeed, CommandedPosition, FollowingError,"
              + " Motor/MotorTemperature, Drive/Statusword), about %d items per variable%n",
          o.items(), changing.size(), o.items() / changing.size());
      out.printf(
          "  baseline: %d items per session all on CurrentTime (i=2258), %.0f ms requested%n",
          o.items(), o.samplingMs());
      out.printf(
          "  positions: %d items per session round-robin over the %d ActualPosition and"
              + " CommandedPosition variables, at the baseline's revised interval%n",
          o.items(), positions.size());
      List<Phase> phases = List.of(ours, base, matched);
      for (Phase p : phases) {
        out.printf(
            "  %-12s %,10.0f notifications/s (%.1f per item)  server CPU %5.1f %%  %.2f µs"
                + " CPU/notification  heap after GC %s  RSS %s  bench JVM CPU %5.1f %%  items %d"
                + " (revised sampling %.1f ms, queue %d)%n",
            p.name(),
            p.perSecond(),
            p.perSecond() / Math.max(1, p.itemsCreated()),
            p.serverCpu() * 100,
            p.cpuMicrosPerNotification(),
            mib(p.heapAfterGc()),
            mib(p.rss()),
            p.clientCpu() * 100,
            p.itemsCreated(),
            p.revisedSamplingMs(),
            p.queue());
      }
      out.printf(
          "  ratio positions %.0f ms / baseline (same items, sampling, publishing):"
              + " notifications/s %s, server CPU %s, CPU per notification %s%n",
          matchedMs,
          ratio(matched.perSecond(), base.perSecond()),
          ratio(matched.serverCpu(), base.serverCpu()),
          ratio(matched.cpuMicrosPerNotification(), base.cpuMicrosPerNotification()));
      out.printf(
          "  ours %.0f ms: server CPU %.1f %% above the no-subscription figure%n",
          o.samplingMs(), (ours.serverCpu() - idleCpu) * 100);
      out.printf(
          "  ours %.0f ms, notifications/s per monitored variable, all sessions (values change"
              + " at most once per 20 ms drive poll):",
          o.samplingMs());
      int k = 0;
      for (NodeId id : changing) {
        if (k++ % 6 == 0) {
          out.printf("%n   ");
        }
        LongAdder c = perNode.get(id);
        out.printf(" %s %.0f", names.get(id), c == null ? 0.0 : c.sum() / ours.seconds());
      }
      out.println();
    } finally {
      for (OpcUaClient c : clients) {
        disconnect(c);
      }
    }
  }

  private int queueSize() {
    return queueSize(o.samplingMs());
  }

  private int queueSize(double samplingMs) {
    return (int) Math.ceil(o.publishingMs() / samplingMs) + 1;
  }

  private Phase phase(
      String name,
      List<OpcUaClient> clients,
      java.util.function.IntFunction<NodeId> node,
      Map<NodeId, LongAdder> perNode,
      long pid,
      double samplingMs)
      throws Exception {
    LongAdder received = new LongAdder();
    List<OpcUaSubscription> subs = new ArrayList<>();
    long created = 0;
    double revised = -1;
    try {
      for (OpcUaClient c : clients) {
        OpcUaSubscription s = new OpcUaSubscription(c, o.publishingMs());
        s.setMaxNotificationsPerPublish(uint(0));
        s.setSubscriptionListener(
            new OpcUaSubscription.SubscriptionListener() {
              @Override
              public void onDataReceived(
                  OpcUaSubscription sub, List<OpcUaMonitoredItem> items, List<DataValue> values) {
                received.add(values.size());
                if (perNode != null) {
                  for (OpcUaMonitoredItem item : items) {
                    perNode
                        .computeIfAbsent(item.getReadValueId().getNodeId(), x -> new LongAdder())
                        .increment();
                  }
                }
              }
            });
        s.create();
        subs.add(s);
        List<OpcUaMonitoredItem> items = new ArrayList<>();
        for (int i = 0; i < o.items(); i++) {
          OpcUaMonitoredItem item = OpcUaMonitoredItem.newDataItem(node.apply(i));
          item.setSamplingInterval(samplingMs);
          item.setQueueSize(uint(queueSize(samplingMs)));
          items.add(item);
        }
        s.addMonitoredItems(items);
        try {
          s.synchronizeMonitoredItems();
        } catch (UaException e) {
          out.printf("  %s: some items failed: %s%n", name, e.getMessage());
        }
        for (OpcUaMonitoredItem item : items) {
          if (item.getCreateResult().map(r -> r.isGood()).orElse(false)) {
            created++;
            if (revised < 0) {
              revised = item.getRevisedSamplingInterval().orElse(-1.0);
            }
          }
        }
      }
      Thread.sleep(1000); // let the first full values and queues pass
      if (perNode != null) {
        perNode.clear();
      }
      long n0 = received.sum();
      long cpu0 = OpcuaBenchSupport.processCpuNanos(pid);
      long own0 = ownCpuNanos();
      long w0 = System.nanoTime();
      Thread.sleep((long) (o.notifySeconds() * 1000));
      long wall = System.nanoTime() - w0;
      long n = received.sum() - n0;
      double cpu = (OpcuaBenchSupport.processCpuNanos(pid) - cpu0) / (double) wall;
      double own = (ownCpuNanos() - own0) / (double) wall;
      long rss = OpcuaBenchSupport.rssBytes(pid);
      long heap = OpcuaBenchSupport.heapUsedAfterGc(pid);
      return new Phase(
          name, n, wall / 1e9, cpu, own, heap, rss, created, revised, queueSize(samplingMs));
    } finally {
      for (OpcUaSubscription s : subs) {
        try {
          s.deleteAsync().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
          out.printf("  deleting a %s subscription: %s%n", name, e);
        }
      }
    }
  }

  private static long ownCpuNanos() {
    var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime();
    }
    return -1;
  }

  // ---------------------------------------------------------------- 3. command latency

  private void commandLatency() throws Exception {
    ch.qos.logback.classic.Logger ours =
        (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.motionua");
    Level level = ours.getLevel();
    ours.setLevel(Level.WARN); // no INFO line per move in the output
    Path dir = Files.createTempDirectory("motionua-bench-opcua-inproc");
    int port = ListenPorts.choose();
    boolean rtu = "rtu".equals(o.linkType());
    MachineConfig demo = (rtu ? RtuDemo.config() : ConfigLoader.demo()).withPort(port);
    MotionUa m = new MotionUa(demo, dir);
    try {
      m.start();
      SimulatedDrive drive = m.simulatedDrive("arm-bus", 1);
      int simPort = rtu ? -1 : m.simulator("arm-bus").port();
      if (rtu) {
        out.printf("link: %s%n", RtuDemo.describe(demo));
      }
      OpcUaClient client = OpcUaClient.create("opc.tcp://127.0.0.1:" + port);
      client.connect();
      try {
        NodeId axis = path(client, NodeIds.ObjectsFolder, demoAxes());
        axis = path(client, axis, "J1");
        NodeId move = path(client, axis, "MoveAbsolute");
        NodeId state = path(client, axis, "ParameterSet", "AxisState");
        awaitStandstill(client, state);
        Link bus = m.links().get("arm-bus");
        int half = o.rawRequests() / 2;
        Samples raw1 = rtu ? null : OpcuaBenchSupport.rawModbus(simPort, half);
        Samples link1 = LinkTransactions.linkReads(bus, "J1-drive", half);
        MoveTransactions moves1 = MoveTransactions.measure(bus, "J1-drive", half);
        // The call path compiled before it is measured: a cold one costs a few times more.
        callSeries(client, axis, move, state, drive, o.callWarmup());
        // Register 2 is the mode of operation, already profile position after the warm-up calls.
        Samples write1 = rtu ? null : LinkTransactions.rawWrites(simPort, 2, 1, half);
        long polls0 = LinkTransactions.requests(bus, "J1-drive");
        long idle0 = System.nanoTime();
        Thread.sleep(1000);
        double pollsPerNano =
            (LinkTransactions.requests(bus, "J1-drive") - polls0)
                / (double) (System.nanoTime() - idle0);
        long requests0 = LinkTransactions.requests(bus, "J1-drive");
        long series0 = System.nanoTime();
        List<long[]> r = callSeries(client, axis, move, state, drive, o.calls());
        double perCall =
            (LinkTransactions.requests(bus, "J1-drive")
                    - requests0
                    - pollsPerNano * (System.nanoTime() - series0))
                / o.calls();
        Samples opcuaRead = opcuaReads(client, half);
        Samples raw2 = rtu ? null : OpcuaBenchSupport.rawModbus(simPort, half);
        Samples link2 = LinkTransactions.linkReads(bus, "J1-drive", half);
        MoveTransactions moves2 = MoveTransactions.measure(bus, "J1-drive", half);
        Samples write2 = rtu ? null : LinkTransactions.rawWrites(simPort, 2, 1, half);
        Samples raw = rtu ? null : Samples.merge(List.of(raw1, raw2));
        Samples linkRead = Samples.merge(List.of(link1, link2));
        Samples moveAck = Samples.merge(List.of(moves1.acknowledged(), moves2.acknowledged()));
        Samples moveAll = Samples.merge(List.of(moves1.all(), moves2.all()));
        Samples rawWrite = rtu ? null : Samples.merge(List.of(write1, write2));
        Samples toRegister = Samples.of(r.get(0), r.get(0).length);
        Samples roundTrip = Samples.of(r.get(1), r.get(1).length);
        Samples ackToReturn = Samples.of(r.get(2), r.get(2).length);
        out.printf(
            "command latency: MoveAbsolute on J1 (+/-0.5 deg, limits' profile), %s, server in this"
                + " JVM (simulator registers visible), %d calls after %d warm-up calls:%n",
            rtu ? "Modbus RTU link" : "Modbus TCP link", o.calls(), o.callWarmup());
        out.printf("  call to set-point accepted in the simulator  %s%n", toRegister);
        out.printf("  call round trip (returns after the ack)      %s%n", roundTrip);
        out.printf("  set-point accepted to call returned          %s%n", ackToReturn);
        out.printf("  link: the move's transactions up to the ack  %s%n", moveAck);
        out.printf(
            "    (FC16 profile block + FC06 start, then FC03 statusword; caller -> link thread -> caller)%n");
        out.printf("  link: all four (FC06 clear after the ack)    %s%n", moveAll);
        out.printf("  link's own FC03 (link.read, link thread)      %s%n", linkRead);
        if (rtu) {
          out.printf(
              "  wire time of one FC03 (8 + 7 bytes, 2 silent intervals)  %s%n",
              OpcuaBenchSupport.duration(RtuDemo.fc03WireNanos(demo)));
        } else {
          out.printf("  baseline raw Modbus FC03 round trip           %s%n", raw);
          out.printf("  baseline raw Modbus FC06 round trip           %s%n", rawWrite);
        }
        out.printf("  link requests per call (polls subtracted)     %.2f%n", perCall);
        out.printf("  OPC UA read of CurrentTime, same session      %s%n", opcuaRead);
        out.printf(
            "  call round trip minus that read: p50 %s, against the move's transactions up to the"
                + " ack p50 %s%n",
            OpcuaBenchSupport.duration(roundTrip.p50() - opcuaRead.p50()),
            OpcuaBenchSupport.duration(moveAck.p50()));
        out.printf(
            "  call round trip / the move's transactions up to the ack: p50 %s, p99 %s"
                + " (target p99 <= 3)%n",
            ratio(roundTrip.p50(), moveAck.p50()), ratio(roundTrip.p99(), moveAck.p99()));
        out.printf(
            "  call round trip / all four of the move's transactions: p50 %s, p99 %s%n",
            ratio(roundTrip.p50(), moveAll.p50()), ratio(roundTrip.p99(), moveAll.p99()));
        out.printf(
            "  call round trip / link FC03: p50 %s, p99 %s%n",
            ratio(roundTrip.p50(), linkRead.p50()), ratio(roundTrip.p99(), linkRead.p99()));
        if (!rtu) {
          out.printf(
              "  call round trip / raw FC03: p50 %s, p99 %s%n",
              ratio(roundTrip.p50(), raw.p50()), ratio(roundTrip.p99(), raw.p99()));
          out.printf(
              "  call to set-point accepted / raw FC03: p50 %s, p99 %s%n",
              ratio(toRegister.p50(), raw.p50()), ratio(toRegister.p99(), raw.p99()));
        }
      } finally {
        disconnect(client);
      }
    } finally {
      m.close();
      ours.setLevel(level);
      ScratchDir.deleteQuietly(dir);
    }
  }

  /**
   * Reads of the Server's CurrentTime (i=2258, served by Milo itself), one at a time: what the OPC
   * UA request alone costs, the part of a method call that is not ours.
   */
  private static Samples opcuaReads(OpcUaClient client, int reads) throws Exception {
    long[] s = new long[reads];
    for (int i = 0; i < reads; i++) {
      long t = System.nanoTime();
      client.readValue(0.0, TimestampsToReturn.Neither, NodeIds.Server_ServerStatus_CurrentTime);
      s[i] = System.nanoTime() - t;
    }
    return Samples.of(s, reads);
  }

  /** [to register, round trip, ack to return] per good call whose set-point was seen. */
  private List<long[]> callSeries(
      OpcUaClient client, NodeId axis, NodeId move, NodeId state, SimulatedDrive drive, int calls)
      throws Exception {
    long[] toRegister = new long[calls];
    long[] roundTrip = new long[calls];
    long[] ackToReturn = new long[calls];
    int n = 0;
    int failed = 0;
    for (int i = 0; i < calls; i++) {
      double target = i % 2 == 0 ? 0.5 : -0.5;
      long before = drive.lastMoveStartNanos();
      long t0 = System.nanoTime();
      CallMethodResult r = call(client, axis, move, target, 0.0, 0.0, 0.0);
      long t1 = System.nanoTime();
      long start = drive.lastMoveStartNanos();
      if (!r.getStatusCode().isGood() || start == before) {
        failed++;
        awaitStandstill(client, state);
        continue;
      }
      toRegister[n] = start - t0;
      roundTrip[n] = t1 - t0;
      ackToReturn[n] = t1 - start;
      n++;
    }
    if (failed > 0) {
      out.printf("  %d of %d calls failed or moved nothing (not counted)%n", failed, calls);
    }
    return List.of(
        Arrays.copyOf(toRegister, n), Arrays.copyOf(roundTrip, n), Arrays.copyOf(ackToReturn, n));
  }

  private void awaitStandstill(OpcUaClient client, NodeId state) throws Exception {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (System.nanoTime() < deadline) {
      Object v = client.readValue(0.0, TimestampsToReturn.Neither, state).value().value();
      if (v instanceof Integer i && i == AxisState.Standstill.ordinal()) {
        return;
      }
      Thread.sleep(10);
    }
    throw new IllegalStateException("J1 not in Standstill within 5 s");
  }

  // ---------------------------------------------------------------- helpers

  private static CallMethodResult call(
      OpcUaClient client, NodeId object, NodeId method, Object... args) throws UaException {
    Variant[] v = new Variant[args.length];
    for (int i = 0; i < args.length; i++) {
      v[i] = new Variant(args[i]);
    }
    return client.call(List.of(new CallMethodRequest(object, method, v))).getResults()[0];
  }

  private static void disconnect(OpcUaClient client) {
    try {
      client.disconnectAsync().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      // the server may already be gone
    }
  }
}
