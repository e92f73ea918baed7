package io.motionua.tools;

import io.motionua.drivers.modbus.SerialSettings;
import io.motionua.tools.bench.Latencies;
import io.motionua.tools.bench.ModbusBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "modbus",
    header = "Benchmark the Modbus links against the simulator (reads, poll cycles, RTU rate).",
    mixinStandardHelpOptions = true,
    description = {
      "The Modbus links against the drive simulator on loopback, each",
      "figure beside a baseline from the same run:",
      "- link.read of the status block (28 registers, one FC03) against a",
      "  raw-socket FC03 (target: p50 at most 3x);",
      "- poll-cycle time of 12 drives behind one TCP gateway and on 12",
      "  connections;",
      "- RTU polls per second with the simulator emulating the wire time",
      "  of a 115200 baud line (8N1 unless --parity), against the wire-time",
      "  limit (target: at least 90%%); --rtu-only: this part alone.",
      "A default run takes about 25 s."
    },
    footer = {
      "",
      "Examples:",
      "  motionua bench modbus --requests 20000 --seconds 3",
      "  motionua bench modbus --requests 5000 --seconds 1 --warmup-seconds 0.5",
      "  motionua bench modbus --rtu-only --parity EVEN"
    })
final class BenchModbusCommand implements Callable<Integer> {

  @Option(
      names = "--requests",
      defaultValue = "20000",
      description = "Measured link reads, and as many raw requests (default ${DEFAULT-VALUE}).")
  int requests;

  @Option(
      names = "--warmup",
      defaultValue = "5000",
      description = "Link reads and raw requests before measuring (default ${DEFAULT-VALUE}).")
  int warmup;

  @Option(
      names = "--seconds",
      defaultValue = "3",
      description = "Measuring window of each poll-rate run (default ${DEFAULT-VALUE}).")
  double seconds;

  @Option(
      names = "--warmup-seconds",
      defaultValue = "1",
      description = "Polling before each window (default ${DEFAULT-VALUE}).")
  double warmupSeconds;

  @Option(
      names = "--drives",
      defaultValue = "12",
      description = "Drives in the poll-cycle runs (default ${DEFAULT-VALUE}).")
  int drives;

  @Option(
      names = "--rtu-drives",
      defaultValue = "3",
      description = "Unit ids on the RTU line (default ${DEFAULT-VALUE}).")
  int rtuDrives;

  @Option(
      names = "--baud",
      defaultValue = "115200",
      description = "Baud rate the RTU runs emulate (default ${DEFAULT-VALUE}).")
  int baud;

  @Option(
      names = "--parity",
      defaultValue = "NONE",
      description =
          "Parity of the emulated RTU line, one of ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE},"
              + " i.e. 8N1).")
  SerialSettings.Parity parity;

  @Option(
      names = "--rtu-only",
      description = "Only the RTU runs (no link latency, no poll cycle of --drives).")
  boolean rtuOnly;

  @Override
  public Integer call() throws Exception {
    if (requests < 100
        || warmup < 0
        || seconds <= 0
        || warmupSeconds < 0
        || drives < 1
        || drives > 247
        || rtuDrives < 1
        || rtuDrives > 247
        || baud < 300) {
      System.err.println(
          "motionua: need --requests >= 100, --warmup >= 0, --seconds > 0, --warmup-seconds >= 0,"
              + " --drives and --rtu-drives in 1..247, --baud >= 300");
      return Main.EXIT_BAD_INPUT;
    }
    Duration window = Duration.ofMillis(Math.round(seconds * 1000));
    Duration warm = Duration.ofMillis(Math.round(warmupSeconds * 1000));
    System.out.printf(
        "modbus (Java %s, %d cores, load average %s)%n",
        Runtime.version(), Runtime.getRuntime().availableProcessors(), loadAverage());

    if (!rtuOnly) {
      latencyAndPollCycle(window, warm);
    }
    System.out.printf(
        "%nRTU, one status-block poll after another over %d unit ids (%s s window):%n",
        rtuDrives, fmt(seconds));
    ModbusBenchmark.Rtu overTcp = ModbusBenchmark.rtuOverTcp(rtuDrives, baud, parity, warm, window);
    printRtu(overTcp);
    ModbusBenchmark.Rtu pty = ModbusBenchmark.rtuOnPty(rtuDrives, baud, parity, warm, window);
    if (pty == null) {
      System.out.println("  RTU on a pty pair: skipped, socat is not installed");
    } else {
      printRtu(pty);
    }
    return 0;
  }

  private void latencyAndPollCycle(Duration window, Duration warm) throws Exception {
    ModbusBenchmark.Latency latency = ModbusBenchmark.latency(warmup, requests, 1000);
    System.out.printf(
        "%nFC03 of %d registers to the simulator, one at a time, %d each in alternating blocks:%n",
        ModbusBenchmark.STATUS_REGISTERS, requests);
    System.out.printf("  raw socket  %s, %.0f/s%n", latency.raw(), latency.rawPerSecond());
    System.out.printf("  link.read   %s, %.0f/s%n", latency.link(), latency.linkPerSecond());
    System.out.printf(
        "  ratio p50 %.2f, p99 %.2f; target p50 <= 3x: %s%n",
        latency.ratioP50(), latency.ratioP99(), latency.ratioP50() <= 3 ? "met" : "NOT met");

    double rawP50 = latency.raw().p50();
    System.out.printf(
        "%nPoll cycle of %d drives, each polled as fast as the links allow (%s s window);"
            + " baseline %d raw round trips at p50 = %s:%n",
        drives, fmt(seconds), drives, Latencies.format(drives * rawP50));
    for (ModbusBenchmark.PollCycle cycle :
        new ModbusBenchmark.PollCycle[] {
          ModbusBenchmark.gateway(drives, warm, window),
          ModbusBenchmark.connections(drives, warm, window)
        }) {
      System.out.printf(
          "  %-38s cycle %s; %.0f polls/s; p50 %.2fx baseline%n",
          cycle.what(),
          cycle.cycles(),
          cycle.pollsPerSecond(),
          cycle.cycles().p50() / (drives * rawP50));
    }
  }

  private static void printRtu(ModbusBenchmark.Rtu rtu) {
    double overheadMicros = 1e6 / rtu.pollsPerSecond() - 1e6 / rtu.wireLimitPerSecond();
    System.out.printf(
        "  %s:%n    %.1f polls/s, wire-time limit %.1f/s, %.1f%% (%.0f µs per poll above the wire"
            + " time); target >= 90%%: %s%n",
        rtu.what(),
        rtu.pollsPerSecond(),
        rtu.wireLimitPerSecond(),
        100 * rtu.ratio(),
        overheadMicros,
        rtu.ratio() >= 0.9 ? "met" : "NOT met");
  }

  private static String fmt(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }

  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (Exception e) {
      return "unknown";
    }
  }
}
