package io.motionua.tools;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code motionua nodeset ...}: work with NodeSet2 files. */
@Command(
    name = "nodeset",
    header = "Work with NodeSet2 XML files of the information model.",
    mixinStandardHelpOptions = true,
    footer = {
      "",
      "Examples:",
      "  motionua nodeset export --types-only -o MotionUA.NodeSet2.xml",
      "  motionua nodeset export --config machine.yaml -o machine.NodeSet2.xml"
    },
    description = "Work with NodeSet2 XML files of the information model.",
    subcommands = {NodesetExportCommand.class})
final class NodesetCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a command: export");
  }
}
