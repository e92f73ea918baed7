package io.motionua.tools;

import io.motionua.server.sparkplug.SparkplugBenchmark;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "sparkplug",
    header = "Benchmark Sparkplug B publication: CPU and polling lateness with and without.",
    mixinStandardHelpOptions = true,
    description = {
      "What Sparkplug B publication costs: a fixed-rate thread standing in for the",
      "link threads hands over every metric, all changed, each period; first to",
      "nothing (baseline), then to the edge node publishing into the broker.",
      "Prints the process's CPU share of one core and the lateness of the",
      "fixed-rate thread, both phases in the same run. Target: at most 25 %% of a",
      "core more, p99 lateness at most 1 ms more. Needs a running broker."
    },
    footer = {
      "",
      "Examples:",
      "  mosquitto -p 1883 &  motionua bench sparkplug",
      "  motionua bench sparkplug --broker tcp://127.0.0.1:1884 --seconds 30"
    })
final class BenchSparkplugCommand implements Callable<Integer> {

  @Option(
      names = "--broker",
      defaultValue = "tcp://127.0.0.1:1883",
      description = "Broker URL (default ${DEFAULT-VALUE}).")
  String broker;

  @Option(
      names = "--devices",
      defaultValue = "100",
      description = "Sparkplug devices (default ${DEFAULT-VALUE}).")
  int devices;

  @Option(
      names = "--metrics",
      defaultValue = "10",
      description = "Metrics per device (default ${DEFAULT-VALUE}).")
  int metrics;

  @Option(
      names = "--period-ms",
      defaultValue = "10",
      description = "Period of the changes (default ${DEFAULT-VALUE}).")
  int periodMs;

  @Option(
      names = "--seconds",
      defaultValue = "20",
      description = "Length of each measured phase (default ${DEFAULT-VALUE}).")
  int seconds;

  @Override
  public Integer call() throws Exception {
    if (devices < 1 || metrics < 1 || periodMs < 1 || seconds < 1) {
      System.err.println(
          "motionua: --devices, --metrics, --period-ms and --seconds must be at least 1");
      return Main.EXIT_BAD_INPUT;
    }
    boolean met = SparkplugBenchmark.run(broker, devices, metrics, periodMs, seconds, System.out);
    return met ? 0 : Main.EXIT_FAILED;
  }
}
