package io.motionua.tools.client;

import io.motionua.tools.HelpCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code motionua history}: the recorded history of a MotionUA (or any OPC UA) server. */
@Command(
    name = "history",
    header = "Read recorded history from a MotionUA server.",
    mixinStandardHelpOptions = true,
    description = {
      "Read recorded history through OPC UA HistoryRead (docs/history.md). Takes the same",
      "connection options as motionua client."
    },
    subcommands = {HistoryExportCommand.class, HelpCommand.class},
    footer = {
      "",
      "Examples:",
      "  motionua history export --node DemoArm/MotionDevices/Arm/Axes/J1/ParameterSet/ActualPosition \\",
      "      --from 2026-12-06T05:00:00Z --to 2026-12-06T06:00:00Z --csv"
    })
public final class HistoryCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: export");
  }
}
