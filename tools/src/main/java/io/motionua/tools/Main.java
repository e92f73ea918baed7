package io.motionua.tools;

import io.motionua.tools.client.ClientCommand;
import io.motionua.tools.client.HistoryCommand;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code motionua} command. Exit codes: 0 done, 1 failed while running, 2 bad input. */
@Command(
    name = "motionua",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "MotionUA: an OPC UA server for machines built from servo axes.",
    subcommands = {
      ServeCommand.class,
      SimCommand.class,
      CheckCommand.class,
      NodesetCommand.class,
      BenchCommand.class,
      PasswdCommand.class,
      ScanCommand.class,
      ProfileCommand.class,
      ClientCommand.class,
      HistoryCommand.class,
      HelpCommand.class
    },
    footer = {
      "",
      "Examples:",
      "  motionua serve                          run the built-in demo arm on opc.tcp://localhost:4840",
      "  motionua serve --config machine.yaml    run a machine described in a file",
      "  motionua sim --config machine.yaml      serve that file's simulated drives (tcp ports, ptys)",
      "  motionua check --config machine.yaml    list every problem of a machine file",
      "  motionua scan --serial /dev/ttyUSB0 --baud 115200 --parity none   find the drives on a line",
      "  motionua client read DemoArm/MotionDevices/Arm/Axes/J1/ParameterSet/ActualPosition",
      "  motionua history export --node DemoArm/MotionDevices/Arm/Axes/J1/ParameterSet/ActualPosition \\",
      "      --from 2026-12-06T05:00:00Z --to 2026-12-06T06:00:00Z"
    })
public final class Main implements Runnable {

  /** Columns of --help output: the examples of each command fit on their lines. */
  static final int USAGE_WIDTH = 110;

  /** Exit code for a user's mistake: a bad file, option or argument. */
  static final int EXIT_BAD_INPUT = 2;

  /** Exit code for a failure while running (a port in use, a device unreachable at start). */
  static final int EXIT_FAILED = 1;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "name a command: serve, sim or check");
  }

  public static void main(String[] args) {
    Optional<String> logProblem = LogSetup.configurationError();
    if (logProblem.isPresent()) {
      System.err.println("motionua: " + logProblem.get());
      System.exit(EXIT_BAD_INPUT);
    }
    int code =
        new CommandLine(new Main())
            .setUsageHelpWidth(USAGE_WIDTH)
            .setExitCodeExceptionMapper(e -> EXIT_FAILED)
            .setParameterExceptionHandler(
                (e, a) -> {
                  e.getCommandLine().getErr().println("motionua: " + e.getMessage());
                  e.getCommandLine().usage(e.getCommandLine().getErr());
                  return EXIT_BAD_INPUT;
                })
            .execute(args);
    System.exit(code);
  }
}
