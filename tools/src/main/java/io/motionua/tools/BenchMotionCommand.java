package io.motionua.tools;

import ch.qos.logback.classic.Level;
import io.motionua.server.group.PlannerBenchmark;
import io.motionua.tools.bench.MotionBenchmark;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "motion",
    header = "Benchmark group motion: planning, synchronized start skew, interpolation loop.",
    mixinStandardHelpOptions = true,
    description = {
      "Group motion, each figure beside a baseline from the same run:",
      "- planning: time to plan a time-synchronized point-to-point move (random",
      "  targets within the limits) against computing each axis's own fastest",
      "  trapezoid. Target: p99 at most 10 microseconds for 12 axes after warm-up.",
      "- start: start skew and finish spread of synchronized moves of a simulated",
      "  cell, each drive on its own Modbus TCP link on loopback (drive-profiles),",
      "  from the simulators' timestamps, against the loopback FC03 round trip;",
      "  first without clients, then under the client sessions below. Target:",
      "  start skew p99 at most 1 ms for 12 axes on 12 links under 10 sessions",
      "  of 1,000 items each (--items 1000).",
      "- loop: lateness of the interpolation loop (interpolated mode) while the",
      "  group moves back and forth, without clients and under client sessions",
      "  with monitored items, against a bare ticker of the same period. Target:",
      "  p99 at most 0.5 ms and no missed cycle under 10 sessions with 1,000 items",
      "  in all for 10 minutes (--load-seconds 600).",
      "The server and the simulated drives run in this JVM, the clients in a",
      "process of their own at nice 10. A default run takes about 5 minutes."
    },
    footer = {
      "",
      "Examples:",
      "  motionua bench motion",
      "  MOTIONUA_JAVA_OPTS='-Xmx512m -XX:+UseZGC' \\",
      "    motionua bench motion --parts loop --load-seconds 600 --realtime-priority 80",
      "  motionua bench motion --parts start --items 1000",
      "  motionua bench motion --parts planning --axes 12 --iterations 200000"
    })
final class BenchMotionCommand implements Callable<Integer> {

  enum Part {
    planning,
    start,
    loop
  }

  @Option(
      names = "--parts",
      split = ",",
      description = "Which parts, comma-separated: planning, start, loop (default all).")
  Set<Part> parts = EnumSet.allOf(Part.class);

  @Option(names = "--axes", defaultValue = "12", description = "Axes (default 12).")
  int axes;

  @Option(
      names = "--warmup",
      defaultValue = "200000",
      description = "Planning: plans before measuring (default ${DEFAULT-VALUE}).")
  int warmup;

  @Option(
      names = "--iterations",
      defaultValue = "200000",
      description = "Planning: measured plans (default ${DEFAULT-VALUE}).")
  int iterations;

  @Option(names = "--seed", defaultValue = "1", description = "Planning: random seed (default 1).")
  long seed;

  @Option(
      names = "--warmup-moves",
      defaultValue = "100",
      description = "Start: synchronized moves before measuring (default ${DEFAULT-VALUE}).")
  int warmupMoves;

  @Option(
      names = "--moves",
      defaultValue = "200",
      description = "Start: measured synchronized moves (default ${DEFAULT-VALUE}).")
  int moves;

  @Option(
      names = "--poll-ms",
      defaultValue = "20",
      description = "Start and loop: the links' poll period (default ${DEFAULT-VALUE}).")
  int pollMs;

  @Option(
      names = "--cycle-ms",
      defaultValue = "10",
      description = "Loop: the interpolation period (default ${DEFAULT-VALUE}).")
  int cycleMs;

  @Option(
      names = "--quiet-seconds",
      defaultValue = "20",
      description = "Loop: seconds of motion without clients (default ${DEFAULT-VALUE}).")
  double quietSeconds;

  @Option(
      names = "--load-seconds",
      defaultValue = "60",
      description = "Loop: seconds of motion under the client load (default ${DEFAULT-VALUE}).")
  double loadSeconds;

  @Option(
      names = "--sessions",
      defaultValue = "10",
      description = "Start and loop: client sessions (default ${DEFAULT-VALUE}).")
  int sessions;

  @Option(
      names = "--items",
      defaultValue = "100",
      description = "Start and loop: monitored items per session (default ${DEFAULT-VALUE}).")
  int items;

  @Option(
      names = "--sampling-ms",
      defaultValue = "10",
      description = "Start and loop: sampling interval of the items (default ${DEFAULT-VALUE}).")
  double samplingMs;

  @Option(
      names = "--publishing-ms",
      defaultValue = "50",
      description = "Start and loop: publishing interval (default ${DEFAULT-VALUE}).")
  double publishingMs;

  @Option(
      names = "--realtime-priority",
      defaultValue = "0",
      description = {
        "Loop: the loop thread's SCHED_FIFO priority, the group's realtimePriority",
        "(1-99, needs CAP_SYS_NICE; default 0: a normal thread)."
      })
  int realtimePriority;

  @Override
  public Integer call() throws Exception {
    if (axes < 1
        || warmup < 0
        || iterations < 100
        || warmupMoves < 0
        || moves < 1
        || pollMs < 1
        || cycleMs < 1
        || quietSeconds <= 0
        || loadSeconds <= 0
        || sessions < 1
        || items < 1
        || samplingMs < 0
        || publishingMs <= 0
        || realtimePriority < 0
        || realtimePriority > 99) {
      System.err.println(
          "motionua: need --axes >= 1, --warmup and --warmup-moves >= 0, --iterations >= 100,"
              + " --moves >= 1,"
              + " --poll-ms and --cycle-ms >= 1, positive --quiet-seconds, --load-seconds and"
              + " --publishing-ms, --sessions and --items >= 1, --sampling-ms >= 0,"
              + " --realtime-priority 0 to 99");
      return Main.EXIT_BAD_INPUT;
    }
    System.out.printf(
        "bench motion (%s, %d cores, load average %s)%n",
        Runtime.version(), Runtime.getRuntime().availableProcessors(), loadAverage());
    if (parts.contains(Part.planning)) {
      System.out.println("planning");
      PlannerBenchmark.Result r = PlannerBenchmark.run(axes, warmup, iterations, seed);
      System.out.println(r);
      System.out.printf(
          "target p99 <= 10000 ns: %s%n", r.planP99Nanos() <= 10_000 ? "met" : "NOT met");
    }
    // One line per move at INFO would drown the figures.
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.motionua")).setLevel(Level.WARN);
    MotionBenchmark.Options o =
        new MotionBenchmark.Options(
            axes,
            pollMs,
            warmupMoves,
            moves,
            cycleMs,
            quietSeconds,
            loadSeconds,
            sessions,
            items,
            samplingMs,
            publishingMs,
            realtimePriority);
    if (parts.contains(Part.start)) {
      MotionBenchmark.startSkew(o, System.out);
    }
    if (parts.contains(Part.loop)) {
      MotionBenchmark.loopLateness(o, System.out);
    }
    System.out.printf("load average at the end %s%n", loadAverage());
    return 0;
  }

  private static String loadAverage() {
    return MotionBenchmark.loadAverage();
  }
}
