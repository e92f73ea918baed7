package io.motionua.server.group;

/**
 * How late the runs of a fixed-period task start against their schedule: a histogram with 5 µs
 * buckets up to 50 ms (later runs count in the last bucket, and in the maximum exactly), and the
 * runs that started a whole period late or more (missed cycles: the next run was already due).
 *
 * <p>Recorded by the task's own thread, read by any; the methods are synchronized and never
 * contended for long.
 */
public final class CycleLateness {

  private static final long BUCKET_NANOS = 5_000;
  private static final int BUCKETS = 10_000;

  private final long periodNanos;
  private final long[] buckets = new long[BUCKETS];
  private long runs;
  private long missed;
  private long maxNanos;

  /**
   * Lateness figures of a period.
   *
   * @param runs runs recorded
   * @param missed runs that started at least one period late
   * @param p50Nanos median lateness (bucket upper bound, 5 µs resolution)
   * @param p99Nanos 99th percentile
   * @param p999Nanos 99.9th percentile
   * @param maxNanos the latest run, exact
   */
  public record Snapshot(
      long runs, long missed, long p50Nanos, long p99Nanos, long p999Nanos, long maxNanos) {}

  public CycleLateness(long periodNanos) {
    this.periodNanos = periodNanos;
  }

  /** One run started {@code latenessNanos} after its scheduled time (negative counts as 0). */
  public synchronized void record(long latenessNanos) {
    long late = Math.max(0, latenessNanos);
    runs++;
    if (late >= periodNanos) {
      missed++;
    }
    maxNanos = Math.max(maxNanos, late);
    buckets[(int) Math.min(BUCKETS - 1, late / BUCKET_NANOS)]++;
  }

  /** Forgets everything recorded so far (a benchmark's warm-up). */
  public synchronized void reset() {
    java.util.Arrays.fill(buckets, 0);
    runs = 0;
    missed = 0;
    maxNanos = 0;
  }

  public synchronized Snapshot snapshot() {
    return new Snapshot(
        runs, missed, percentile(0.5), percentile(0.99), percentile(0.999), maxNanos);
  }

  /** The nearest-rank percentile as its bucket's upper bound, capped by the maximum. */
  private long percentile(double q) {
    if (runs == 0) {
      return 0;
    }
    long rank = (long) Math.ceil(q * runs);
    long seen = 0;
    for (int b = 0; b < BUCKETS; b++) {
      seen += buckets[b];
      if (seen >= rank) {
        return Math.min(maxNanos, (b + 1) * BUCKET_NANOS);
      }
    }
    return maxNanos;
  }
}
