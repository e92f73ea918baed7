package io.motionua.tools;

import ch.qos.logback.classic.Level;
import io.motionua.tools.bench.PlantBenchmark;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "plant",
    header = "Benchmark a plant: many cells publishing Sparkplug B into one broker.",
    mixinStandardHelpOptions = true,
    description = {
      "A simulated plant: --instances MotionUA cells of --axes axes each (each its",
      "own server, OPC UA port, Modbus TCP simulator on loopback and Sparkplug edge",
      "node), all in this JVM, publishing into one Mosquitto (started here unless",
      "--broker names one). Drive position registers are changed one after another,",
      "each drive every --change-ms; prints the latency from a register change to a",
      "subscriber receiving the DDATA that carries it (p50, p99, max), beside a",
      "baseline from the same phase: plain MQTT publish to subscribe through the same",
      "broker with a payload of the DDATAs' size. Target: p99 at most 50 ms.",
      "A default run takes about 1.5 minutes."
    },
    footer = {
      "",
      "Examples:",
      "  motionua bench plant",
      "  motionua bench plant --instances 5 --axes 6 --seconds 10",
      "  motionua bench plant --broker tcp://127.0.0.1:1883 --poll-ms 10"
    })
final class BenchPlantCommand implements Callable<Integer> {

  @Option(
      names = "--broker",
      description = "Broker URL (default: a Mosquitto started for the run on a free port).")
  String broker;

  @Option(
      names = "--instances",
      defaultValue = "20",
      description = "MotionUA cells (default ${DEFAULT-VALUE}).")
  int instances;

  @Option(
      names = "--axes",
      defaultValue = "12",
      description = "Axes per cell, 1 to 247 (default ${DEFAULT-VALUE}).")
  int axes;

  @Option(
      names = "--poll-ms",
      defaultValue = "20",
      description = "Each cell's poll period, as the demo's (default ${DEFAULT-VALUE}).")
  int pollMs;

  @Option(
      names = "--change-ms",
      defaultValue = "200",
      description = "How often each drive's position changes (default ${DEFAULT-VALUE}).")
  int changeMs;

  @Option(
      names = "--warmup",
      defaultValue = "5",
      description = "Seconds of changes before measuring (default ${DEFAULT-VALUE}).")
  int warmup;

  @Option(
      names = "--seconds",
      defaultValue = "30",
      description = "Length of the measured phase (default ${DEFAULT-VALUE}).")
  int seconds;

  @Override
  public Integer call() throws Exception {
    if (instances < 1
        || axes < 1
        || axes > 247
        || pollMs < 1
        || changeMs < 1
        || seconds < 1
        || warmup < 0) {
      System.err.println(
          "motionua: bench plant: --instances, --poll-ms, --change-ms and --seconds must be at"
              + " least 1, --axes 1 to 247, --warmup 0 or more");
      return Main.EXIT_BAD_INPUT;
    }
    // Twenty servers' start-up lines would bury the figures.
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.motionua")).setLevel(Level.WARN);
    boolean met =
        PlantBenchmark.run(
            new PlantBenchmark.Options(broker, instances, axes, pollMs, changeMs, warmup, seconds),
            System.out);
    return met ? 0 : Main.EXIT_FAILED;
  }
}
