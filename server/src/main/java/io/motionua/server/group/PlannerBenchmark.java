package io.motionua.server.group;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Measures how long {@link GroupPlanner#planSynchronized} takes, beside a baseline measured in the
 * same run: computing each axis's own fastest trapezoid ({@link AxisProfile#fastest}) one after the
 * other, without synchronization. The ratio shows what synchronization costs on this machine.
 *
 * <p>A benchmark, not a test: the figures depend on the machine, its load and the JIT. Every sample
 * is one {@code System.nanoTime()} pair around one whole plan (or one baseline pass over all axes),
 * so samples include the timer's own cost (tens of nanoseconds).
 */
public final class PlannerBenchmark {

  /** Keeps the JIT from dropping the planning whose result is otherwise unused. */
  private static volatile double sink;

  private PlannerBenchmark() {}

  /**
   * Figures in nanoseconds per sample.
   *
   * @param planP50Nanos median time of one synchronized plan of all axes
   * @param baselineP50Nanos median time of one fastest trapezoid per axis, all axes, unsynchronized
   */
  public record Result(
      int axes,
      int iterations,
      long planP50Nanos,
      long planP99Nanos,
      long planMaxNanos,
      long baselineP50Nanos,
      long baselineP99Nanos,
      long baselineMaxNanos) {

    /** Median synchronized plan time over median baseline time. */
    public double p50Ratio() {
      return (double) planP50Nanos / Math.max(1, baselineP50Nanos);
    }

    public double p99Ratio() {
      return (double) planP99Nanos / Math.max(1, baselineP99Nanos);
    }

    @Override
    public String toString() {
      return String.format(
          "synchronized plan, %d axes, %d iterations: p50 %d ns, p99 %d ns, max %d ns%n"
              + "baseline (one trapezoid per axis, unsynchronized):"
              + " p50 %d ns, p99 %d ns, max %d ns%n"
              + "ratio plan/baseline: p50 %.2f, p99 %.2f",
          axes,
          iterations,
          planP50Nanos,
          planP99Nanos,
          planMaxNanos,
          baselineP50Nanos,
          baselineP99Nanos,
          baselineMaxNanos,
          p50Ratio(),
          p99Ratio());
    }
  }

  /**
   * Plans {@code warmupIterations + iterations} random synchronized moves of {@code axes}
   * trapezoidal axes (random limits per axis, random start and target within them, full velocity),
   * and records the last {@code iterations}. The same seed gives the same moves.
   */
  public static Result run(int axes, int warmupIterations, int iterations, long seed) {
    if (axes < 1 || warmupIterations < 0 || iterations < 1) {
      throw new IllegalArgumentException(
          "axes "
              + axes
              + " and iterations "
              + iterations
              + " must be at least 1, warm-up "
              + warmupIterations
              + " at least 0");
    }
    SplittableRandom random = new SplittableRandom(seed);
    AxisLimits[] limits = new AxisLimits[axes];
    for (int i = 0; i < axes; i++) {
      double range = random.nextDouble(50, 500);
      limits[i] =
          AxisLimits.trapezoidal(
              random.nextDouble(20, 400),
              random.nextDouble(100, 5000),
              random.nextDouble(100, 5000),
              -range,
              range);
    }
    double[] start = new double[axes];
    double[] target = new double[axes];
    long[] plan = new long[iterations];
    long[] baseline = new long[iterations];
    double total = 0;
    for (int k = 0; k < warmupIterations + iterations; k++) {
      for (int i = 0; i < axes; i++) {
        start[i] = random.nextDouble(limits[i].minPosition(), limits[i].maxPosition());
        target[i] = random.nextDouble(limits[i].minPosition(), limits[i].maxPosition());
      }
      long t0 = System.nanoTime();
      SynchronizedPlan synchronizedPlan = planOrFail(start, target, limits);
      long t1 = System.nanoTime();
      double alone = 0;
      for (int i = 0; i < axes; i++) {
        alone += AxisProfile.fastest(start[i], target[i], limits[i]).duration();
      }
      long t2 = System.nanoTime();
      total += synchronizedPlan.duration() + alone;
      if (k >= warmupIterations) {
        plan[k - warmupIterations] = t1 - t0;
        baseline[k - warmupIterations] = t2 - t1;
      }
    }
    sink = total;
    Arrays.sort(plan);
    Arrays.sort(baseline);
    return new Result(
        axes,
        iterations,
        percentile(plan, 0.50),
        percentile(plan, 0.99),
        plan[iterations - 1],
        percentile(baseline, 0.50),
        percentile(baseline, 0.99),
        baseline[iterations - 1]);
  }

  private static SynchronizedPlan planOrFail(double[] start, double[] target, AxisLimits[] limits) {
    try {
      return GroupPlanner.planSynchronized(start, target, limits, 1.0);
    } catch (PlanException e) {
      throw new IllegalStateException("benchmark generated a move outside the limits", e);
    }
  }

  /** Nearest-rank percentile of sorted samples. */
  private static long percentile(long[] sorted, double fraction) {
    int rank = (int) Math.ceil(fraction * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
