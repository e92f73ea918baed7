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
      "machine time (commits once per machine second), beside a plain buffered file of",
      "the same 24-byte records; then raw pages of --page values of one variable, beside",
      "the same query for one value; then 1,000 one-minute averages of one variable",
      "recorded every 10 ms for a day (SAMPLE BY, as ReadProcessed runs them), beside the",
      "former single GROUP BY with CASE expressions, and 1,000 one-minute TimeAverages.",
      "Prints the figures and their ratios."
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
              + " writer CPU at %,.0f values/s: %.1f%% of a core; %.1f bytes/value on disk%n",
          r.values(),
          r.storeWriteNanos() / 1e9,
          r.valuesPerSecond(),
          r.fileWriteNanos() / 1e9,
          r.writeRatio(),
          rate,
          100 * r.coreShareAt(rate),
          r.bytesPerValue());
      long p50 = HistoryBenchmark.Result.p(r.pageNanos(), 0.5);
      long p99 = HistoryBenchmark.Result.p(r.pageNanos(), 0.99);
      long one50 = HistoryBenchmark.Result.p(r.oneValueNanos(), 0.5);
      System.out.printf(
          "read: page of %,d values p50 %.1f ms, p99 %.1f ms (one value p50 %.1f ms, ratio %.1f)%n",
          r.page(), p50 / 1e6, p99 / 1e6, one50 / 1e6, (double) p50 / Math.max(1, one50));
      long processed50 = HistoryBenchmark.Result.p(r.processedNanos(), 0.5);
      long case50 = HistoryBenchmark.Result.p(r.caseNanos(), 0.5);
      System.out.printf(
          "processed: 1,000 one-minute averages of one variable recorded every 10 ms for a day"
              + " (%,d values): p50 %.0f ms, max %.0f ms (former GROUP BY with CASE p50 %.0f ms,"
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
}
