package io.motionua.tools.client;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code motionua history}: the recorded history of a MotionUA (or any OPC UA) server. */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description = {
      "Read recorded history through OPC UA HistoryRead (docs/history.md). Takes the same",
      "connection options as motionua client."
    },
    subcommands = {HistoryExportCommand.class, CommandLine.HelpCommand.class})
public final class HistoryCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: export");
  }
}
