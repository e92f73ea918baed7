package io.motionua.server.history;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Measures the history store beside baselines from the same run ({@code motionua bench history}):
 * writing {@code variables} variables at {@code periodMs} for {@code seconds} of machine time,
 * committed every {@link HistoryWriter#COMMIT_MS} of machine time as the writer thread does,
 * against the same samples as 24-byte records in a plain buffered file (the least any store must
 * do) and as rows in the layout before session 14 ({@link RowLayoutBaseline}); the disk per value
 * of both; raw pages of {@code page} values of one variable from both, alternating, and a page deep
 * into the range (a continuation); one-minute averages and TimeAverages of one variable recorded
 * every 10 ms for a day, from both.
 *
 * <p>A benchmark, not a test: the figures depend on the machine, its load and the JIT.
 */
public final class HistoryBenchmark {

  private HistoryBenchmark() {}

  /**
   * @param values samples written
   * @param storeWriteNanos wall time of the store's appends and commits
   * @param storeCpuNanos CPU time of the writing thread during them
   * @param rowsWriteNanos wall time of writing the same into the row layout
   * @param fileWriteNanos wall time of the plain-file baseline
   * @param bytesPerValue the store's bytes on disk per value
   * @param rowsBytesPerValue the row layout's
   * @param encodedBytesPerValue of those, the blocks' encodings alone
   * @param blocks blocks the store wrote for the values
   * @param page values per page
   * @param pageNanos sorted times of raw pages from the start of the range
   * @param rowsPageNanos the same pages from the row layout
   * @param deepPageNanos sorted times of raw pages that skip all but the last page of the range
   * @param oneValueNanos sorted times of one-value reads
   * @param boundNanos sorted times of the last value at or before the range's end, searched
   *     backwards without a lower limit (a start bound, ReadAtTime)
   * @param dayValues values of the one variable recorded for a day at 10 ms
   * @param processedNanos sorted times of 1,000 one-minute averages over that day's variable
   * @param rowsProcessedNanos the same from the row layout (SAMPLE BY)
   * @param timeAverageNanos sorted times of 1,000 one-minute TimeAverages over that variable
   */
  public record Result(
      long values,
      long storeWriteNanos,
      long storeCpuNanos,
      long rowsWriteNanos,
      long fileWriteNanos,
      double bytesPerValue,
      double rowsBytesPerValue,
      double encodedBytesPerValue,
      long blocks,
      int page,
      long[] pageNanos,
      long[] rowsPageNanos,
      long[] deepPageNanos,
      long[] oneValueNanos,
      long[] boundNanos,
      long dayValues,
      long[] processedNanos,
      long[] rowsProcessedNanos,
      long[] timeAverageNanos) {

    public double valuesPerSecond() {
      return values * 1e9 / storeWriteNanos;
    }

    /** Share of one core the writing takes at {@code rate} values per second. */
    public double coreShareAt(double rate) {
      return rate * storeCpuNanos / values / 1e9;
    }

    public static long p(long[] sorted, double q) {
      return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))];
    }
  }

  private static final long MINUTE = 60_000_000L;

  /** Page reads of each layout before the measured ones. */
  static final int WARMUP_READS = 10;

  public static Result run(Path dir, int variables, int periodMs, int seconds, int page, int reads)
      throws Exception {
    var threads = ManagementFactory.getThreadMXBean();
    long perSecond = 1000L / periodMs;
    long hour = 3_600_000_000L;
    // Machine time across the boundary of two hours, ending two hours ago.
    long boundary = (System.currentTimeMillis() * 1000 / hour - 2) * hour;
    long endMicros = boundary + Math.min(seconds / 2, 3000) * 1_000_000L;
    long startMicros = endMicros - seconds * 1_000_000L;
    long values = (long) variables * perSecond * seconds;
    String[] names = new String[variables];
    for (int v = 0; v < variables; v++) {
      names[v] = "v" + v;
    }
    long writeNanos;
    long cpuNanos;
    long blocks;
    long encoded;
    long rowsWriteNanos;
    try (HistoryStore store = HistoryStore.open(dir.resolve("history"));
        RowLayoutBaseline rows = new RowLayoutBaseline(dir.resolve("rows"))) {
      long cpu0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      long commitEvery = Math.max(1, perSecond * HistoryWriter.COMMIT_MS / 1000);
      for (int s = 0; s < seconds; s++) {
        for (int k = 0; k < perSecond; k++) {
          long micros = startMicros + (s * perSecond + k) * periodMs * 1000L;
          for (int v = 0; v < variables; v++) {
            store.append(names[v], micros, value(micros, v), 0);
          }
          if ((k + 1) % commitEvery == 0 || k == perSecond - 1) {
            store.commit(); // as the writer thread commits: every COMMIT_MS of machine time
          }
        }
      }
      writeNanos = System.nanoTime() - t0;
      cpuNanos = threads.getCurrentThreadCpuTime() - cpu0;
      blocks = store.blocksWritten();
      encoded = store.encodedBytes();
      long r0 = System.nanoTime();
      for (int s = 0; s < seconds; s++) {
        for (int k = 0; k < perSecond; k++) {
          long micros = startMicros + (s * perSecond + k) * periodMs * 1000L;
          for (int v = 0; v < variables; v++) {
            rows.append(names[v], micros, value(micros, v), 0);
          }
        }
        rows.commit();
      }
      rowsWriteNanos = System.nanoTime() - r0;
    }
    long fileNanos = writePlainFile(dir.resolve("baseline.bin"), variables, perSecond, seconds);
    // Measured closed, as QuestDB leaves its files: an open partition's files are mapped a page
    // ahead of their data (megabytes, which a short run would count per value).
    double bytesPerValue = (double) HistoryStore.directoryBytes(dir.resolve("history")) / values;
    double rowsBytesPerValue = (double) HistoryStore.directoryBytes(dir.resolve("rows")) / values;
    try (HistoryStore store = HistoryStore.open(dir.resolve("history"));
        RowLayoutBaseline rows = new RowLayoutBaseline(dir.resolve("rows"))) {
      // Warm-up reads of both layouts, not counted: the first compile their queries and the JIT.
      for (int i = 0; i < WARMUP_READS; i++) {
        store.read(names[i % variables], startMicros, endMicros, false, 0, page);
        rows.page(names[i % variables], startMicros, endMicros, page);
      }
      long[] pageNanos = new long[reads];
      long[] rowsPageNanos = new long[reads];
      long[] deepNanos = new long[reads];
      long[] oneNanos = new long[reads];
      long[] boundNanos = new long[reads];
      long perVariable = perSecond * seconds;
      for (int i = 0; i < reads; i++) {
        String node = names[i % variables];
        long a = System.nanoTime();
        int n = store.read(node, startMicros, endMicros, false, 0, page).size();
        pageNanos[i] = System.nanoTime() - a;
        long b = System.nanoTime();
        int m = rows.page(node, startMicros, endMicros, page);
        rowsPageNanos[i] = System.nanoTime() - b;
        long skip = Math.max(0, perVariable - page);
        long c = System.nanoTime();
        int deep = store.read(node, startMicros, endMicros, false, skip, page).size();
        deepNanos[i] = System.nanoTime() - c;
        long d = System.nanoTime();
        int one = store.read(node, startMicros, endMicros, false, 0, 1).size();
        oneNanos[i] = System.nanoTime() - d;
        long e = System.nanoTime();
        int bound = store.atOrBefore(node, endMicros).size();
        boundNanos[i] = System.nanoTime() - e;
        if (n != m || n == 0 || deep != perVariable - skip || one != 1 || bound != 1) {
          throw new IllegalStateException(
              "reads of "
                  + node
                  + " differ: pages "
                  + n
                  + ", "
                  + m
                  + ", deep "
                  + deep
                  + ", one "
                  + one
                  + ", bound "
                  + bound);
        }
      }

      // One variable for a whole day at 10 ms, then 1,000 one-minute averages of it.
      long dayStart = startMicros - 86_400_000_000L;
      long dayValues = 8_640_000;
      for (long i = 0; i < dayValues; i++) {
        long t = dayStart + i * 10_000;
        double v = Math.sin(i * 1e-4);
        store.append("day", t, v, 0);
        rows.append("day", t, v, 0);
        if (i % 50 == 49) {
          store.commit(); // 500 ms of values a block, as the writer thread commits
        }
        if (i % 100_000 == 99_999) {
          rows.commit();
        }
      }
      store.commit();
      rows.commit();
      int runs = Math.max(3, reads / 10);
      long[] processedNanos = new long[runs];
      long[] rowsProcessedNanos = new long[runs];
      for (int i = 0; i < runs; i++) {
        long a = System.nanoTime();
        int n = store.aggregate("day", dayStart, dayStart + 1000 * MINUTE, MINUTE).size();
        processedNanos[i] = System.nanoTime() - a;
        long b = System.nanoTime();
        int m = rows.averages("day", dayStart, dayStart + 1000 * MINUTE, MINUTE);
        rowsProcessedNanos[i] = System.nanoTime() - b;
        if (n != 1000 || m != 1000) {
          throw new IllegalStateException("expected 1000 minutes, got " + n + " and " + m);
        }
      }
      RecordedVariable day =
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
                    day,
                    HistoryProcessedRead.Aggregate.TIME_AVERAGE,
                    dayStart,
                    dayStart + 1000 * MINUTE,
                    MINUTE)
                .size();
        timeAverageNanos[i] = System.nanoTime() - a;
        if (n != 1000) {
          throw new IllegalStateException("expected 1000 TimeAverages, got " + n);
        }
      }
      return new Result(
          values,
          writeNanos,
          cpuNanos,
          rowsWriteNanos,
          fileNanos,
          bytesPerValue,
          rowsBytesPerValue,
          (double) encoded / values,
          blocks,
          page,
          sorted(pageNanos),
          sorted(rowsPageNanos),
          sorted(deepNanos),
          sorted(oneNanos),
          sorted(boundNanos),
          dayValues,
          sorted(processedNanos),
          sorted(rowsProcessedNanos),
          sorted(timeAverageNanos));
    }
  }

  private static long[] sorted(long[] nanos) {
    Arrays.sort(nanos);
    return nanos;
  }

  /**
   * A value of variable {@code v} at {@code micros} whose bits do not repeat: a sine of a frequency
   * of its own, so that no store can keep it in fewer bytes by a dictionary or by repeating the
   * previous value (the earlier {@code sin(t + v)} repeated across variables).
   */
  static double value(long micros, int v) {
    return 100 * Math.sin(micros * 1e-6 * (1 + v * 1e-3) + v);
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
