package io.motionua.tools;

import io.motionua.server.history.RecordingBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "recording",
    header = "Benchmark history recording: CPU and polling lateness with and without.",
    mixinStandardHelpOptions = true,
    description = {
      "What recording history costs where the values arrive: a fixed-rate thread",
      "standing in for the link threads sets a new value on each of --variables",
      "variable nodes every --period-ms, as the link threads do after a poll; first",
      "with history disabled (no recorder on the nodes: baseline), then with the",
      "recorder's deadband and max-interval filter, the bounded queue and the writer",
      "thread appending into a real QuestDB store in a temporary directory.",
      "Prints, for both phases of the same run, the process's CPU share of one core",
      "and the fixed-rate thread's lateness; then the values offered, written and",
      "dropped, and the rows found in the store. Target (issue 15): at most 25 %% of a",
      "core more, p99 lateness at most 1 ms more. Exit 1 when the target is not met",
      "or a value is missing from the counts or the store."
    },
    footer = {
      "",
      "Examples:",
      "  motionua bench recording",
      "  motionua bench recording --all-changing --seconds 30"
    })
final class BenchRecordingCommand implements Callable<Integer> {

  @Option(
      names = "--variables",
      defaultValue = "1000",
      description = "Recorded variables, 8 per axis (default ${DEFAULT-VALUE}).")
  int variables;

  @Option(
      names = "--period-ms",
      defaultValue = "10",
      description = "Every variable gets a new value this often (default ${DEFAULT-VALUE}).")
  int periodMs;

  @Option(
      names = "--seconds",
      defaultValue = "20",
      description = "Length of each measured phase (default ${DEFAULT-VALUE}).")
  int seconds;

  @Option(
      names = "--warmup",
      defaultValue = "3",
      description = "Seconds of warm-up before each phase (default ${DEFAULT-VALUE}).")
  int warmup;

  @Option(
      names = "--all-changing",
      description = {
        "Every value changes at every poll, so every one is kept (the worst case).",
        "Default: the axes move (positions, speed, following error change at every",
        "poll), temperature, state, status word and health stay constant."
      })
  boolean allChanging;

  @Override
  public Integer call() throws Exception {
    if (variables < 1 || periodMs < 1 || periodMs > 1000 || seconds < 1 || warmup < 0) {
      System.err.println(
          "motionua: --variables and --seconds must be at least 1, --period-ms 1 to 1000,"
              + " --warmup at least 0");
      return Main.EXIT_BAD_INPUT;
    }
    Path dir = Files.createTempDirectory("motionua-bench-recording");
    try {
      boolean ok =
          RecordingBenchmark.run(
              new RecordingBenchmark.Options(variables, periodMs, seconds, warmup, allChanging),
              dir,
              System.out);
      return ok ? 0 : Main.EXIT_FAILED;
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
