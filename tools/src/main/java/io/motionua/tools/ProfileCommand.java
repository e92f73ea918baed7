package io.motionua.tools;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code motionua profile ...}: work with drive profile files. */
@Command(
    name = "profile",
    header = "Work with drive profile files.",
    mixinStandardHelpOptions = true,
    footer = {"", "Examples:", "  motionua profile check my-drive.yaml"},
    description = "Work with drive profile files (docs/drive-profiles.md).",
    subcommands = {ProfileCheckCommand.class})
final class ProfileCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a command: check");
  }
}
