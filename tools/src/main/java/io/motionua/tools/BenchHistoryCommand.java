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
      "The embedded history store (QuestDB, a block of each variable's values per commit;",
      "docs/history.md) in a temporary directory, beside the layout before session 14 (a row",
      "per value) as the baseline of the same run. Write: --variables variables every",
      "--period-ms for --seconds of machine time, committed every 500 ms of machine time as",
      "the writer thread does, beside a plain buffered file of the same 24-byte records and",
      "the row layout. Disk per value of both, measured closed. Read: pages of --page values",
      "of one variable from both, alternating, after 10 of each not counted; a page deep",
      "into the range (a continuation); one value; the value at or before a time. Processed:",
      "1,000 one-minute averages of one variable recorded every 10 ms for a day, from both",
      "(the row layout by SAMPLE BY), and 1,000 one-minute TimeAverages. Prints the figures",
      "and their ratios."
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
          "write: %,d values in %.2f s = %,.0f values/s (plain file %.2f s, ratio %.1f; row"
              + " layout %.2f s, ratio %.2f); writer CPU at %,.0f values/s: %.1f%% of a core%n",
          r.values(),
          r.storeWriteNanos() / 1e9,
          r.valuesPerSecond(),
          r.fileWriteNanos() / 1e9,
          (double) r.storeWriteNanos() / Math.max(1, r.fileWriteNanos()),
          r.rowsWriteNanos() / 1e9,
          (double) r.storeWriteNanos() / Math.max(1, r.rowsWriteNanos()),
          rate,
          100 * r.coreShareAt(rate));
      System.out.printf(
          "disk: %.1f bytes/value, of which the blocks' encodings %.1f (%,d blocks, %.0f values"
              + " each; row layout %.1f bytes/value, ratio %.2f)%n",
          r.bytesPerValue(),
          r.encodedBytesPerValue(),
          r.blocks(),
          (double) r.values() / Math.max(1, r.blocks()),
          r.rowsBytesPerValue(),
          r.bytesPerValue() / r.rowsBytesPerValue());
      long p50 = HistoryBenchmark.Result.p(r.pageNanos(), 0.5);
      long p99 = HistoryBenchmark.Result.p(r.pageNanos(), 0.99);
      long rows50 = HistoryBenchmark.Result.p(r.rowsPageNanos(), 0.5);
      long rows99 = HistoryBenchmark.Result.p(r.rowsPageNanos(), 0.99);
      System.out.printf(
          "read: page of %,d values p50 %.1f ms, p99 %.1f ms (row layout p50 %.1f ms, p99 %.1f"
              + " ms; ratio p99 %.2f); the last page of the range (skipping) p50 %.1f ms, p99"
              + " %.1f ms; one value p50 %.2f ms; the value at or before a time (backwards) p50"
              + " %.2f ms, p99 %.2f ms%n",
          r.page(),
          p50 / 1e6,
          p99 / 1e6,
          rows50 / 1e6,
          rows99 / 1e6,
          (double) p99 / Math.max(1, rows99),
          HistoryBenchmark.Result.p(r.deepPageNanos(), 0.5) / 1e6,
          HistoryBenchmark.Result.p(r.deepPageNanos(), 0.99) / 1e6,
          HistoryBenchmark.Result.p(r.oneValueNanos(), 0.5) / 1e6,
          HistoryBenchmark.Result.p(r.boundNanos(), 0.5) / 1e6,
          HistoryBenchmark.Result.p(r.boundNanos(), 0.99) / 1e6);
      long processed50 = HistoryBenchmark.Result.p(r.processedNanos(), 0.5);
      long rowsProcessed50 = HistoryBenchmark.Result.p(r.rowsProcessedNanos(), 0.5);
      System.out.printf(
          "processed: 1,000 one-minute averages of one variable recorded every 10 ms for a day"
              + " (%,d values): p50 %.0f ms, max %.0f ms (row layout by SAMPLE BY p50 %.0f ms,"
              + " ratio %.2f); 1,000 one-minute TimeAverages p50 %.0f ms%n",
          r.dayValues(),
          processed50 / 1e6,
          r.processedNanos()[r.processedNanos().length - 1] / 1e6,
          rowsProcessed50 / 1e6,
          (double) processed50 / Math.max(1, rowsProcessed50),
          HistoryBenchmark.Result.p(r.timeAverageNanos(), 0.5) / 1e6);
      return 0;
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
