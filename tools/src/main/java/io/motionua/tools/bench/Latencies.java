package io.motionua.tools.bench;

import java.util.Arrays;

/** Durations measured in one run, in nanoseconds, with the figures a benchmark prints. */
public record Latencies(long[] sortedNanos) {

  /** Sorts a copy of the samples. */
  public static Latencies of(long[] nanos, int count) {
    long[] sorted = Arrays.copyOf(nanos, count);
    Arrays.sort(sorted);
    return new Latencies(sorted);
  }

  public int count() {
    return sortedNanos.length;
  }

  /** The nearest-rank percentile, {@code q} in (0, 1]. */
  public long percentile(double q) {
    if (sortedNanos.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(q * sortedNanos.length);
    return sortedNanos[Math.max(0, Math.min(sortedNanos.length, rank) - 1)];
  }

  public long p50() {
    return percentile(0.5);
  }

  public long p99() {
    return percentile(0.99);
  }

  public long max() {
    return sortedNanos.length == 0 ? 0 : sortedNanos[sortedNanos.length - 1];
  }

  /** A duration for people: {@code 17.5 µs}, {@code 1.23 ms}. */
  public static String format(double nanos) {
    if (nanos < 1_000) {
      return "%.0f ns".formatted(nanos);
    }
    if (nanos < 1_000_000) {
      return "%.1f µs".formatted(nanos / 1e3);
    }
    return "%.2f ms".formatted(nanos / 1e6);
  }

  @Override
  public String toString() {
    return "p50 %s, p99 %s, max %s (%d samples)"
        .formatted(format(p50()), format(p99()), format(max()), count());
  }
}
