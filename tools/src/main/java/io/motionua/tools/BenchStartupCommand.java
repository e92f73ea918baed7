package io.motionua.tools;

import io.motionua.tools.bench.StartupBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "startup",
    header = "Benchmark start-up: spawn to ready of the demo, with the companion NodeSets.",
    mixinStandardHelpOptions = true,
    description = {
      "Start-up of the demo machine with the official companion NodeSets (DI,",
      "Machinery, Robotics) that MotionUA's types derive from: each start a fresh",
      "process (java -jar of this jar, serve), timed from spawn to its 'MotionUA",
      "ready' line, and the companion loading within it. Target: at most 3 s.",
      "First one training start makes a class-data archive as the launchers do;",
      "then starts alternate the launchers' way (the archive and the start-up JIT",
      "thresholds; MOTIONUA_JIT=default: without them) and a plain java -jar (the",
      "baseline). Prints medians, ranges, the ratio of the two, and the",
      "ratio of MotionUA's own start to the same minus the companion loading."
    },
    footer = {"", "Examples:", "  motionua bench startup", "  motionua bench startup --rounds 9"})
final class BenchStartupCommand implements Callable<Integer> {

  @Option(
      names = "--rounds",
      defaultValue = "5",
      description = "Measured starts (default ${DEFAULT-VALUE}).")
  int rounds;

  @Option(
      names = "--server-heap",
      defaultValue = "256m",
      description = "-Xmx of the server processes (default ${DEFAULT-VALUE}).")
  String serverHeap;

  @Override
  public Integer call() throws Exception {
    if (rounds < 1 || rounds > 100) {
      System.err.println("motionua: --rounds must be between 1 and 100, not " + rounds);
      return Main.EXIT_BAD_INPUT;
    }
    Path jar;
    try {
      jar =
          Path.of(
              BenchStartupCommand.class
                  .getProtectionDomain()
                  .getCodeSource()
                  .getLocation()
                  .toURI());
    } catch (Exception e) {
      jar = null;
    }
    if (jar == null || !Files.isRegularFile(jar) || !jar.toString().endsWith(".jar")) {
      System.err.println(
          "motionua: bench startup starts the server with java -jar and must itself run from"
              + " the jar (java -jar motionua.jar bench startup), not from "
              + jar);
      return Main.EXIT_FAILED;
    }
    StartupBenchmark.run(new StartupBenchmark.Options(jar, serverHeap, rounds), System.out);
    return 0;
  }
}
