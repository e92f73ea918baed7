package io.motionua.tools;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code motionua bench ...}: benchmarks. They measure, they do not test: each prints its figures
 * beside a baseline measured in the same run, because the machines are shared and absolute times
 * drift. Results are recorded in docs/benchmarks.md.
 */
@Command(
    name = "bench",
    header = "Benchmarks: figures beside a baseline measured in the same run.",
    mixinStandardHelpOptions = true,
    footer = {
      "",
      "Examples:",
      "  motionua bench modbus",
      "  motionua bench opcua --calls 300",
      "  motionua bench motion --parts planning,start",
      "  motionua bench plant --instances 5"
    },
    description = {
      "Benchmarks: figures beside a baseline measured in the same run (docs/benchmarks.md)."
    },
    subcommands = {
      BenchMotionCommand.class,
      BenchModbusCommand.class,
      BenchOpcuaCommand.class,
      BenchHttpCommand.class,
      BenchStartupCommand.class,
      BenchHistoryCommand.class,
      BenchRecordingCommand.class,
      BenchSparkplugCommand.class,
      BenchPlantCommand.class,
      BenchHistoryExternalCommand.class
    })
final class BenchCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "name a benchmark: " + String.join(", ", spec.subcommands().keySet()));
  }
}
