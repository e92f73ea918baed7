package io.motionua.tools;

import io.motionua.server.group.PlannerBenchmark;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "motion",
    mixinStandardHelpOptions = true,
    description = {
      "Planning time of a time-synchronized point-to-point move (random targets within the",
      "limits), beside the baseline of computing each axis's own fastest trapezoid in the same",
      "run. Target: p99 at most 10 microseconds for 12 axes after warm-up."
    },
    footer = {"", "Example:", "  motionua bench motion --axes 12 --iterations 200000"})
final class BenchMotionCommand implements Callable<Integer> {

  @Option(names = "--axes", defaultValue = "12", description = "Axes per plan (default 12).")
  int axes;

  @Option(
      names = "--warmup",
      defaultValue = "200000",
      description = "Plans before measuring (default ${DEFAULT-VALUE}).")
  int warmup;

  @Option(
      names = "--iterations",
      defaultValue = "200000",
      description = "Measured plans (default ${DEFAULT-VALUE}).")
  int iterations;

  @Option(names = "--seed", defaultValue = "1", description = "Random seed (default 1).")
  long seed;

  @Override
  public Integer call() {
    if (axes < 1 || warmup < 0 || iterations < 100) {
      System.err.println("motionua: need --axes >= 1, --warmup >= 0, --iterations >= 100");
      return Main.EXIT_BAD_INPUT;
    }
    System.out.println("planning (" + Runtime.version() + ", " + cores() + " cores)");
    PlannerBenchmark.Result r = PlannerBenchmark.run(axes, warmup, iterations, seed);
    System.out.println(r);
    System.out.printf(
        "target p99 <= 10000 ns: %s%n", r.planP99Nanos() <= 10_000 ? "met" : "NOT met");
    return 0;
  }

  private static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }
}
