package io.motionua.tools;

import io.motionua.tools.bench.HttpBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "http",
    header = "Benchmark what /metrics and the status page cost the server under OPC UA load.",
    mixinStandardHelpOptions = true,
    description = {
      "What /metrics and the status page cost the server under OPC UA load: the demo",
      "arm as its own process (java -jar of this jar, serve --http-port) with all six",
      "axes moving and 10 sessions x 1,000 monitored items at 10 ms from a client",
      "process; the server's CPU (/proc) in alternating blocks without HTTP clients",
      "and with them (GET /metrics every second, one status page on the live stream).",
      "The issue's bound: at most 5 %% extra. A default run takes about 2 minutes."
    },
    footer = {
      "",
      "Examples:",
      "  motionua bench http",
      "  motionua bench http --blocks 5 --block-seconds 20 --pages 3"
    })
final class BenchHttpCommand implements Callable<Integer> {

  @Option(names = "--sessions", defaultValue = "10", description = "OPC UA sessions (default 10).")
  int sessions;

  @Option(
      names = "--items",
      defaultValue = "1000",
      description = "Monitored items per session (default ${DEFAULT-VALUE}).")
  int items;

  @Option(
      names = "--sampling-ms",
      defaultValue = "10",
      description = "Sampling interval (default ${DEFAULT-VALUE}).")
  double samplingMs;

  @Option(
      names = "--publishing-ms",
      defaultValue = "50",
      description = "Publishing interval (default ${DEFAULT-VALUE}).")
  double publishingMs;

  @Option(
      names = "--velocity",
      defaultValue = "1",
      description = "MoveVelocity of every axis, deg/s (default 1).")
  double velocity;

  @Option(
      names = "--block-seconds",
      defaultValue = "10",
      description = "Length of each measuring block (default ${DEFAULT-VALUE}).")
  double blockSeconds;

  @Option(
      names = "--blocks",
      defaultValue = "4",
      description = "Pairs of blocks, without and with HTTP clients (default ${DEFAULT-VALUE}).")
  int blocks;

  @Option(
      names = "--scrape-seconds",
      defaultValue = "1",
      description = "Interval of the /metrics scrapes (default ${DEFAULT-VALUE}).")
  double scrapeSeconds;

  @Option(
      names = "--pages",
      defaultValue = "1",
      description = "Status pages open on the live stream, 1 to 8 (default ${DEFAULT-VALUE}).")
  int pages;

  @Option(
      names = "--server-heap",
      defaultValue = "256m",
      description = "-Xmx of the server process (default ${DEFAULT-VALUE}).")
  String serverHeap;

  @Override
  public Integer call() throws Exception {
    if (sessions < 1
        || items < 1
        || samplingMs < 5
        || publishingMs < 5
        || velocity <= 0
        || velocity > 5
        || blockSeconds < 1
        || blocks < 1
        || scrapeSeconds <= 0
        || pages < 1
        || pages > 8) {
      System.err.println(
          "motionua: need positive counts, --sampling-ms and --publishing-ms >= 5,"
              + " 0 < --velocity <= 5, --block-seconds >= 1, --pages 1 to 8");
      return Main.EXIT_BAD_INPUT;
    }
    Path jar;
    try {
      jar =
          Path.of(
              BenchHttpCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (Exception e) {
      jar = null;
    }
    if (jar == null || !Files.isRegularFile(jar) || !jar.toString().endsWith(".jar")) {
      System.err.println(
          "motionua: bench http starts the server with java -jar and must itself run from the"
              + " jar (java -jar motionua.jar bench http), not from "
              + jar);
      return Main.EXIT_FAILED;
    }
    HttpBenchmark.run(
        new HttpBenchmark.Options(
            jar,
            serverHeap,
            sessions,
            items,
            samplingMs,
            publishingMs,
            velocity,
            blockSeconds,
            blocks,
            scrapeSeconds,
            pages),
        System.out);
    return 0;
  }
}
