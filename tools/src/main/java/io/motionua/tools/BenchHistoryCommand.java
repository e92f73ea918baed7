package io.motionua.tools;

import io.motionua.server.history.HistoryBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "history",
    header = "Benchmark the embedded history store: writing, raw pages, aggregates.",
    mixinStandardHelpOptions = true,
    description = {
      "The embedded history store (QuestDB, docs/history.md) in a temporary directory:",
      "write throughput of --variables variables every --period-ms for --seconds of",
      "machine time (commits once per machine second; the time lies across two hours that",
      "closed two hours ago), beside a plain buffered file of the same 24-byte records;",
      "the disk per value before and after the closed hours are converted to Parquet, as",
      "the writer thread does; raw pages of --page values of one variable with the store's",
      "compiled queries, beside the same read compiled for each call (as before), over",
      "native and over Parquet partitions, alternating; then 1,000 one-minute averages of",
      "one variable recorded every 10 ms for a day (SAMPLE BY, as ReadProcessed runs them)",
      "before and after its hours are converted, the former single GROUP BY with CASE",
      "expressions, and 1,000 one-minute TimeAverages. Prints the figures and their ratios."
    },
    footer = {
      "",
      "Examples:",
      "  motionua bench history",
      "  motionua bench history --seconds 600"
    })
final class BenchHistoryCommand implements Callable<Integer> {

  @Option(names = "--variables", defaultValue = "1000", description = "Default ${DEFAULT-VALUE}.")
  int variables;

  @Option(names = "--period-ms", defaultValue = "10", description = "Default ${DEFAULT-VALUE}.")
  int periodMs;

  @Option(names = "--seconds", defaultValue = "60", description = "Default ${DEFAULT-VALUE}.")
  int seconds;

  @Option(names = "--page", defaultValue = "10000", description = "Default ${DEFAULT-VALUE}.")
  int page;

  @Option(names = "--reads", defaultValue = "50", description = "Default ${DEFAULT-VALUE}.")
  int reads;

  @Override
  public Integer call() throws Exception {
    if (variables < 1 || periodMs < 1 || periodMs > 1000 || seconds < 1 || page < 1 || reads < 1) {
      System.err.println(
          "motionua: --variables, --seconds, --page and --reads must be positive, --period-ms 1"
              + " to 1000");
      return Main.EXIT_BAD_INPUT;
    }
    Path dir = Files.createTempDirectory("motionua-bench-history");
    try {
      HistoryBenchmark.Result r =
          HistoryBenchmark.run(dir, variables, periodMs, seconds, page, reads);
      double rate = variables * 1000.0 / periodMs;
      System.out.printf(
          "write: %,d values in %.2f s = %,.0f values/s (plain file %.2f s, ratio %.1f);"
              + " writer CPU at %,.0f values/s: %.1f%% of a core%n",
          r.values(),
          r.storeWriteNanos() / 1e9,
          r.valuesPerSecond(),
          r.fileWriteNanos() / 1e9,
          r.writeRatio(),
          rate,
          100 * r.coreShareAt(rate));
      System.out.printf(
          "disk: %.1f bytes/value after converting %d closed partition(s) to Parquet in %.1f s"
              + " (native, before: %.1f bytes/value, ratio %.2f)%n",
          r.bytesPerValue(),
          r.converted(),
          r.convertNanos() / 1e9,
          r.nativeBytesPerValue(),
          r.bytesPerValue() / r.nativeBytesPerValue());
      page("Parquet", r.page(), r.pageNanos(), r.uncachedPageNanos());
      page("native", r.page(), r.nativePageNanos(), r.nativeUncachedPageNanos());
      System.out.printf(
          "read: one value (compiled query kept), Parquet, p50 %.1f ms%n",
          HistoryBenchmark.Result.p(r.oneValueNanos(), 0.5) / 1e6);
      System.out.printf(
          "processed: 1,000 one-minute averages before the day's hours are converted p50 %.0f ms,"
              + " max %.0f ms%n",
          HistoryBenchmark.Result.p(r.nativeProcessedNanos(), 0.5) / 1e6,
          r.nativeProcessedNanos()[r.nativeProcessedNanos().length - 1] / 1e6);
      long processed50 = HistoryBenchmark.Result.p(r.processedNanos(), 0.5);
      long case50 = HistoryBenchmark.Result.p(r.caseNanos(), 0.5);
      System.out.printf(
          "processed: 1,000 one-minute averages of one variable recorded every 10 ms for a day"
              + " (%,d values, Parquet): p50 %.0f ms, max %.0f ms (former GROUP BY with CASE p50 %.0f ms,"
              + " ratio %.2f); 1,000 one-minute TimeAverages p50 %.0f ms%n",
          r.dayValues(),
          processed50 / 1e6,
          r.processedNanos()[r.processedNanos().length - 1] / 1e6,
          case50 / 1e6,
          (double) processed50 / Math.max(1, case50),
          HistoryBenchmark.Result.p(r.timeAverageNanos(), 0.5) / 1e6);
      return 0;
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void page(String format, int page, long[] kept, long[] compiled) {
    long p50 = HistoryBenchmark.Result.p(kept, 0.5);
    long p99 = HistoryBenchmark.Result.p(kept, 0.99);
    long c50 = HistoryBenchmark.Result.p(compiled, 0.5);
    long c99 = HistoryBenchmark.Result.p(compiled, 0.99);
    System.out.printf(
        "read: page of %,d values, %s: compiled query kept p50 %.1f ms, p99 %.1f ms; compiled"
            + " for each read (before) p50 %.1f ms, p99 %.1f ms; ratio p99 %.2f%n",
        page, format, p50 / 1e6, p99 / 1e6, c50 / 1e6, c99 / 1e6, (double) p99 / Math.max(1, c99));
  }
}
