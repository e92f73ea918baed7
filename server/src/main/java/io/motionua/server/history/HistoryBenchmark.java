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
 * same samples as 24-byte records to a plain buffered file (the least any store must do); the disk
 * per value before and after the closed partitions are converted to Parquet (the machine time lies
 * across two closed hours); and reading a raw page of {@code page} values of one variable with the
 * store's compiled queries, against the same read compiled for each call (as before issue 15), both
 * over native and over Parquet partitions, alternating.
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
   * @param nativeBytesPerValue the store's bytes on disk per value after writing (native)
   * @param bytesPerValue the same after converting the closed partitions to Parquet
   * @param convertNanos wall time of converting them (on the writing thread)
   * @param converted partitions converted
   * @param pageNanos sorted times of the raw-page reads (compiled queries kept), over Parquet
   * @param uncachedPageNanos sorted times of the same reads compiled for each call, over Parquet
   * @param nativePageNanos sorted times of the raw-page reads (kept) before the conversion
   * @param nativeUncachedPageNanos the same compiled for each call, before the conversion
   * @param oneValueNanos sorted times of the one-value reads (kept), over Parquet
   * @param dayValues values of the one variable recorded for a day at 10 ms
   * @param nativeProcessedNanos sorted times of 1,000 one-minute averages over that day's variable
   *     before its hours are converted
   * @param processedNanos the same after the conversion (the figures below are after it)
   * @param caseNanos sorted times of the same averages by the former single query (GROUP BY with
   *     CASE expressions), the baseline of the same run
   * @param timeAverageNanos sorted times of 1,000 one-minute TimeAverages over that variable
   */
  public record Result(
      long values,
      long storeWriteNanos,
      long storeCpuNanos,
      long fileWriteNanos,
      double nativeBytesPerValue,
      double bytesPerValue,
      long convertNanos,
      int converted,
      int page,
      long[] pageNanos,
      long[] uncachedPageNanos,
      long[] nativePageNanos,
      long[] nativeUncachedPageNanos,
      long[] oneValueNanos,
      long dayValues,
      long[] nativeProcessedNanos,
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
    // Machine time across the boundary of two hours that closed more than an hour ago, so that
    // both are converted (and the open hour, which stays native, holds none of it).
    long hour = 3_600_000_000L;
    long boundary = (System.currentTimeMillis() * 1000 / hour - 2) * hour;
    long endMicros = boundary + Math.min(seconds / 2, 3000) * 1_000_000L;
    long startMicros = endMicros - seconds * 1_000_000L;
    long values = (long) variables * perSecond * seconds;
    try (HistoryStore store = HistoryStore.open(dir.resolve("history"))) {
      long cpu0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      List<Sample> batch = new ArrayList<>(variables * (int) perSecond);
      for (int s = 0; s < seconds; s++) {
        for (int k = 0; k < perSecond; k++) {
          long micros = startMicros + (s * perSecond + k) * periodMs * 1000L;
          for (int v = 0; v < variables; v++) {
            batch.add(new Sample("v" + v, micros, value(micros, v), 0));
          }
        }
        store.append(batch);
        store.commit();
        batch.clear();
      }
      long writeNanos = System.nanoTime() - t0;
      long cpuNanos = threads.getCurrentThreadCpuTime() - cpu0;
      long fileNanos = writePlainFile(dir.resolve("baseline.bin"), variables, perSecond, seconds);
      double nativeBytesPerValue = (double) store.sizeBytes() / values;
      long end = endMicros;
      long[] nativePageNanos = new long[reads];
      long[] nativeUncachedNanos = new long[reads];
      long[] unusedOne = new long[reads];
      readPages(
          store,
          variables,
          startMicros,
          end,
          page,
          nativePageNanos,
          nativeUncachedNanos,
          unusedOne);
      long nowMicros = System.currentTimeMillis() * 1000;
      // One value in the open hour, as a recording server has: the bench's two hours are then
      // both closed, not the newest partition, and both are converted.
      store.append(List.of(new Sample("v0", nowMicros, 0.0, 0)));
      store.commit();
      long c0 = System.nanoTime();
      int converted = 0;
      for (int n = store.convertClosedPartitions(nowMicros);
          n > 0;
          n = store.convertClosedPartitions(nowMicros)) {
        converted += n;
      }
      long convertNanos = System.nanoTime() - c0;
      if (store.parquetPartitions() < 1) {
        throw new IllegalStateException("no partition was converted to Parquet");
      }
      double bytesPerValue = (double) store.sizeBytes() / values;
      long[] pageNanos = new long[reads];
      long[] uncachedNanos = new long[reads];
      long[] oneNanos = new long[reads];
      readPages(store, variables, startMicros, end, page, pageNanos, uncachedNanos, oneNanos);
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
      long[] nativeProcessedNanos = processed(store, dayStart, Math.max(3, reads / 10));
      for (int n = 1; n > 0; ) {
        n = store.convertClosedPartitions(nowMicros); // each hour of the day, one per call
      }
      long[] processedNanos = processed(store, dayStart, Math.max(3, reads / 10));
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
          nativeBytesPerValue,
          bytesPerValue,
          convertNanos,
          converted,
          page,
          pageNanos,
          uncachedNanos,
          nativePageNanos,
          nativeUncachedNanos,
          oneNanos,
          dayValues,
          nativeProcessedNanos,
          processedNanos,
          caseNanos,
          timeAverageNanos);
    }
  }

  /**
   * A value of variable {@code v} at {@code micros} whose bits do not repeat: a sine of a frequency
   * of its own, so that no store can keep it in fewer than its 8 bytes by a dictionary (the earlier
   * {@code sin(t + v)} repeated across variables, which Parquet's dictionary encoding would have
   * flattered).
   */
  static double value(long micros, int v) {
    return 100 * Math.sin(micros * 1e-6 * (1 + v * 1e-3) + v);
  }

  /**
   * Reads {@code page}-value pages of the variables in turn, each with the store's compiled query
   * and, alternating, compiled for the call; then one value (compiled query kept).
   */
  private static void readPages(
      HistoryStore store,
      int variables,
      long from,
      long to,
      int page,
      long[] cached,
      long[] uncached,
      long[] one)
      throws Exception {
    for (int i = 0; i < cached.length; i++) {
      String node = "v" + (i % variables);
      long a = System.nanoTime();
      int n = store.read(node, from, to, false, 0, page).size();
      cached[i] = System.nanoTime() - a;
      long b = System.nanoTime();
      int m = store.readUncached(node, from, to, false, 0, page).size();
      uncached[i] = System.nanoTime() - b;
      long c = System.nanoTime();
      n += store.read(node, from, to, false, 0, 1).size();
      one[i] = System.nanoTime() - c;
      if (n == 0 || m + 1 != n) {
        throw new IllegalStateException("the two reads of " + node + " differ: " + n + ", " + m);
      }
    }
    Arrays.sort(cached);
    Arrays.sort(uncached);
    Arrays.sort(one);
  }

  private static long[] processed(HistoryStore store, long dayStart, int runs) throws Exception {
    long[] nanos = new long[runs];
    for (int i = 0; i < runs; i++) {
      long a = System.nanoTime();
      var buckets = store.aggregate("day", dayStart, dayStart + 60_000_000_000L, 60_000_000L);
      nanos[i] = System.nanoTime() - a;
      if (buckets.size() != 1000) {
        throw new IllegalStateException("expected 1000 minutes, got " + buckets.size());
      }
    }
    Arrays.sort(nanos);
    return nanos;
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
          out.writeDouble(value(i, v));
          out.writeInt(0);
        }
      }
      out.flush();
      raw.flush();
    }
    return System.nanoTime() - t0;
  }
}
