package io.motionua.server.history;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Measures the history store beside baselines from the same run ({@code motionua bench history}):
 * writing {@code variables} variables at {@code periodMs} for {@code seconds} of machine time, in
 * batches committed every second of machine time as the writer thread does, against writing the
 * same samples as 24-byte records to a plain buffered file (the least any store must do); and
 * reading a raw page of {@code page} values of one variable, against the same query returning one
 * value (the fixed cost of a query).
 *
 * <p>A benchmark, not a test: the figures depend on the machine, its load and the JIT.
 */
public final class HistoryBenchmark {

  private HistoryBenchmark() {}

  /**
   * @param values samples written
   * @param storeWriteNanos wall time of the store's appends and commits
   * @param storeCpuNanos CPU time of the writing thread during them
   * @param fileWriteNanos wall time of the plain-file baseline
   * @param bytesPerValue the store's bytes on disk per value afterwards
   * @param pageNanos sorted times of the raw-page reads
   * @param oneValueNanos sorted times of the one-value reads
   * @param dayValues values of the one variable recorded for a day at 10 ms
   * @param processedNanos sorted times of 1,000 one-minute averages over that day's variable
   * @param caseNanos sorted times of the same averages by the former single query (GROUP BY with
   *     CASE expressions), the baseline of the same run
   * @param timeAverageNanos sorted times of 1,000 one-minute TimeAverages over that variable
   */
  public record Result(
      long values,
      long storeWriteNanos,
      long storeCpuNanos,
      long fileWriteNanos,
      double bytesPerValue,
      int page,
      long[] pageNanos,
      long[] oneValueNanos,
      long dayValues,
      long[] processedNanos,
      long[] caseNanos,
      long[] timeAverageNanos) {

    public double valuesPerSecond() {
      return values * 1e9 / storeWriteNanos;
    }

    public double writeRatio() {
      return (double) storeWriteNanos / Math.max(1, fileWriteNanos);
    }

    /** Share of one core the writing takes at {@code rate} values per second. */
    public double coreShareAt(double rate) {
      return rate * storeCpuNanos / values / 1e9;
    }

    public static long p(long[] sorted, double q) {
      return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))];
    }
  }

  public static Result run(Path dir, int variables, int periodMs, int seconds, int page, int reads)
      throws Exception {
    var threads = ManagementFactory.getThreadMXBean();
    long perSecond = 1000L / periodMs;
    long startMicros = System.currentTimeMillis() * 1000 - seconds * 1_000_000L;
    long values = (long) variables * perSecond * seconds;
    try (HistoryStore store = HistoryStore.open(dir.resolve("history"))) {
      long cpu0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      List<Sample> batch = new ArrayList<>(variables * (int) perSecond);
      for (int s = 0; s < seconds; s++) {
        for (int k = 0; k < perSecond; k++) {
          long micros = startMicros + (s * perSecond + k) * periodMs * 1000L;
          for (int v = 0; v < variables; v++) {
            batch.add(new Sample("v" + v, micros, Math.sin(micros * 1e-6 + v), 0));
          }
        }
        store.append(batch);
        store.commit();
        batch.clear();
      }
      long writeNanos = System.nanoTime() - t0;
      long cpuNanos = threads.getCurrentThreadCpuTime() - cpu0;
      long fileNanos = writePlainFile(dir.resolve("baseline.bin"), variables, perSecond, seconds);
      double bytesPerValue = (double) store.sizeBytes() / values;
      long[] pageNanos = new long[reads];
      long[] oneNanos = new long[reads];
      long end = startMicros + seconds * 1_000_000L;
      for (int i = 0; i < reads; i++) {
        String node = "v" + (i % variables);
        long a = System.nanoTime();
        int n = store.read(node, startMicros, end, false, 0, page).size();
        pageNanos[i] = System.nanoTime() - a;
        long b = System.nanoTime();
        n += store.read(node, startMicros, end, false, 0, 1).size();
        oneNanos[i] = System.nanoTime() - b;
        if (n == 0) {
          throw new IllegalStateException("nothing read back for " + node);
        }
      }
      Arrays.sort(pageNanos);
      Arrays.sort(oneNanos);
      // One variable for a whole day at 10 ms, then 1,000 one-minute averages of it.
      long dayStart = startMicros - 86_400_000_000L;
      long dayValues = 8_640_000;
      List<Sample> day = new ArrayList<>(100_000);
      for (long i = 0; i < dayValues; i++) {
        day.add(new Sample("day", dayStart + i * 10_000, Math.sin(i * 1e-4), 0));
        if (day.size() == 100_000) {
          store.append(day);
          store.commit();
          day.clear();
        }
      }
      store.append(day);
      store.commit();
      long[] processedNanos = new long[Math.max(3, reads / 10)];
      for (int i = 0; i < processedNanos.length; i++) {
        long a = System.nanoTime();
        var buckets = store.aggregate("day", dayStart, dayStart + 60_000_000_000L, 60_000_000L);
        processedNanos[i] = System.nanoTime() - a;
        if (buckets.size() != 1000) {
          throw new IllegalStateException("expected 1000 minutes, got " + buckets.size());
        }
      }
      Arrays.sort(processedNanos);
      long[] caseNanos = new long[processedNanos.length];
      for (int i = 0; i < caseNanos.length; i++) {
        long a = System.nanoTime();
        long rows =
            store
                .aggregateInOneQuery("day", dayStart, dayStart + 60_000_000_000L, 60_000_000L)
                .size();
        caseNanos[i] = System.nanoTime() - a;
        if (rows != 1000) {
          throw new IllegalStateException("expected 1000 minutes, got " + rows);
        }
      }
      Arrays.sort(caseNanos);
      RecordedVariable day1 =
          new RecordedVariable(
              org.eclipse.milo.opcua.stack.core.types.builtin.NodeId.NULL_VALUE,
              "day",
              ValueType.DOUBLE,
              0,
              10_000);
      long[] timeAverageNanos = new long[3];
      for (int i = 0; i < timeAverageNanos.length; i++) {
        long a = System.nanoTime();
        int n =
            HistoryProcessedRead.compute(
                    store,
                    day1,
                    HistoryProcessedRead.Aggregate.TIME_AVERAGE,
                    dayStart,
                    dayStart + 60_000_000_000L,
                    60_000_000L)
                .size();
        timeAverageNanos[i] = System.nanoTime() - a;
        if (n != 1000) {
          throw new IllegalStateException("expected 1000 TimeAverages, got " + n);
        }
      }
      Arrays.sort(timeAverageNanos);
      return new Result(
          values,
          writeNanos,
          cpuNanos,
          fileNanos,
          bytesPerValue,
          page,
          pageNanos,
          oneNanos,
          dayValues,
          processedNanos,
          caseNanos,
          timeAverageNanos);
    }
  }

  private static long writePlainFile(Path file, int variables, long perSecond, int seconds)
      throws IOException {
    long t0 = System.nanoTime();
    try (OutputStream raw = Files.newOutputStream(file);
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16))) {
      for (long i = 0; i < perSecond * seconds; i++) {
        for (int v = 0; v < variables; v++) {
          out.writeInt(v);
          out.writeLong(i);
          out.writeDouble(Math.sin(i * 1e-3 + v));
          out.writeInt(0);
        }
      }
      out.flush();
      raw.flush();
    }
    return System.nanoTime() - t0;
  }
}
