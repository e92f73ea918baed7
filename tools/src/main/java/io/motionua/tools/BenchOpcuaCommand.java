package io.motionua.tools;

import io.motionua.tools.bench.OpcuaBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "opcua",
    header = "Benchmark the demo over OPC UA: reads, subscriptions, method calls.",
    mixinStandardHelpOptions = true,
    description = {
      "The demo arm over OPC UA (security None, anonymous), each figure beside a",
      "baseline from the same run:",
      "- single-value reads per second and p50/p99, 1 and 16 concurrent, of J1",
      "  ActualPosition against the Server object's CurrentTime (i=2258);",
      "- notifications per second to 10 sessions x 1,000 monitored items at",
      "  10 ms (the axes' changing variables, round-robin, all axes moving),",
      "  with the server's CPU and heap, against the same items on CurrentTime",
      "  (which Milo samples at 100 ms at the fastest, so our items are measured",
      "  again at that interval for the ratio);",
      "- MoveAbsolute call to set-point accepted in the simulator and the",
      "  call's round trip, p50/p99, after --call-warmup calls, against the",
      "  move's own Modbus transactions through the link (written and",
      "  acknowledged, and all of them), one FC03 through the link, a raw Modbus",
      "  FC03 and FC06, an OPC UA read of CurrentTime, with the link requests",
      "  per call (--calls-only: this part alone; --link rtu: the demo's bus on",
      "  a Modbus RTU line at 115200 8N1, a socat pty pair with the simulator",
      "  emulating the wire time, against the same link's own transactions).",
      "Reads and notifications run against the demo server started as a separate",
      "process (java -jar of this jar, serve), so its CPU (/proc) and heap (jcmd",
      "after GC, RSS) are its own; the command latency runs the server in this JVM",
      "to see the simulator's registers. A default run takes about 75 s."
    },
    footer = {
      "",
      "Examples:",
      "  motionua bench opcua",
      "  motionua bench opcua --read-seconds 2 --notify-seconds 5 --calls 100",
      "  motionua bench opcua --calls-only --calls 300",
      "  motionua bench opcua --calls-only --link rtu --calls 300 --call-warmup 300"
    })
final class BenchOpcuaCommand implements Callable<Integer> {

  @Option(
      names = "--read-seconds",
      defaultValue = "4",
      description = "Measured reads per series, ours and baseline each (default ${DEFAULT-VALUE}).")
  double readSeconds;

  @Option(
      names = "--read-warmup-seconds",
      defaultValue = "1",
      description = "Reads before measuring, each node (default ${DEFAULT-VALUE}).")
  double readWarmupSeconds;

  @Option(
      names = "--concurrency",
      defaultValue = "16",
      description = "Concurrent reads of the second series (default ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(
      names = "--sessions",
      defaultValue = "10",
      description = "Subscribing sessions (default ${DEFAULT-VALUE}).")
  int sessions;

  @Option(
      names = "--items",
      defaultValue = "1000",
      description = "Monitored items per session (default ${DEFAULT-VALUE}).")
  int items;

  @Option(
      names = "--sampling-ms",
      defaultValue = "10",
      description = "Sampling interval (default ${DEFAULT-VALUE}).")
  double samplingMs;

  @Option(
      names = "--publishing-ms",
      defaultValue = "50",
      description = "Publishing interval (default ${DEFAULT-VALUE}).")
  double publishingMs;

  @Option(
      names = "--notify-seconds",
      defaultValue = "8",
      description = "Measuring window of each notification phase (default ${DEFAULT-VALUE}).")
  double notifySeconds;

  @Option(
      names = "--velocity",
      defaultValue = "1",
      description = "MoveVelocity of every axis during notifications, deg/s (default 1).")
  double velocity;

  @Option(
      names = "--calls",
      defaultValue = "300",
      description = "Measured MoveAbsolute calls (default ${DEFAULT-VALUE}).")
  int calls;

  @Option(
      names = "--call-warmup",
      defaultValue = "1000",
      description =
          "MoveAbsolute calls before the measured ones, so that the call path is compiled"
              + " (default ${DEFAULT-VALUE}).")
  int callWarmup;

  @Option(
      names = "--raw-requests",
      defaultValue = "2000",
      description = "Raw Modbus round trips of the baseline (default ${DEFAULT-VALUE}).")
  int rawRequests;

  @Option(
      names = "--calls-only",
      description = "Only the command latency (MoveAbsolute calls), no server process.")
  boolean callsOnly;

  @Option(
      names = "--link",
      defaultValue = "tcp",
      description =
          "The demo bus of the command latency: tcp (Modbus TCP, the demo as shipped) or rtu"
              + " (Modbus RTU at 115200 8N1 on a socat pty pair, the simulator emulating the wire"
              + " time; with --calls-only). Default ${DEFAULT-VALUE}.")
  String link;

  @Option(
      names = "--server-heap",
      defaultValue = "256m",
      description = "-Xmx of the server process (default ${DEFAULT-VALUE}).")
  String serverHeap;

  @Override
  public Integer call() throws Exception {
    if (readSeconds <= 0
        || readWarmupSeconds < 0
        || concurrency < 1
        || sessions < 1
        || items < 1
        || samplingMs < 5
        || publishingMs < 5
        || notifySeconds <= 0
        || velocity <= 0
        || velocity > 5
        || calls < 10
        || callWarmup < 0
        || rawRequests < 2
        || !(link.equals("tcp") || link.equals("rtu"))
        || (link.equals("rtu") && !callsOnly)) {
      System.err.println(
          "motionua: need positive durations and counts, --sampling-ms and --publishing-ms >= 5"
              + " (the server's minimum), 0 < --velocity <= 5, --calls >= 10, --call-warmup >= 0,"
              + " --link tcp or rtu (rtu only with --calls-only)");
      return Main.EXIT_BAD_INPUT;
    }
    Path jar;
    try {
      jar =
          Path.of(
              BenchOpcuaCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (Exception e) {
      jar = null;
    }
    if (jar == null || !Files.isRegularFile(jar) || !jar.toString().endsWith(".jar")) {
      System.err.println(
          "motionua: bench opcua starts the server with java -jar and must itself run from the"
              + " jar (java -jar motionua.jar bench opcua), not from "
              + jar);
      return Main.EXIT_FAILED;
    }
    OpcuaBenchmark.run(
        new OpcuaBenchmark.Options(
            jar,
            serverHeap,
            readSeconds,
            readWarmupSeconds,
            concurrency,
            sessions,
            items,
            samplingMs,
            publishingMs,
            notifySeconds,
            velocity,
            calls,
            callWarmup,
            rawRequests,
            callsOnly,
            link),
        System.out);
    return 0;
  }
}
