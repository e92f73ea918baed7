package io.motionua.tools;

import io.motionua.tools.client.ClientCommand;
import io.motionua.tools.client.HistoryCommand;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code motionua} command. Exit codes: 0 done, 1 failed while running, 2 bad input. */
@Command(
    name = "motionua",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "MotionUA: an OPC UA server for machines built from servo axes.",
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

  /** Longest the start waits for the logging set-up running beside the command line's parse. */
  private static final long LOG_SETUP_WAIT_S = 30;

  /**
   * The subcommands, in the order of --help. Picocli builds a command's model by reflection when it
   * is added, so only the command named on the line is added (all of them for --help, help and any
   * other first word): a start of {@code serve} does not build the other ten.
   */
  private static final Map<String, Supplier<Object>> COMMANDS = commands();

  private static Map<String, Supplier<Object>> commands() {
    Map<String, Supplier<Object>> c = new LinkedHashMap<>();
    c.put("serve", ServeCommand::new);
    c.put("sim", SimCommand::new);
    c.put("check", CheckCommand::new);
    c.put("nodeset", NodesetCommand::new);
    c.put("bench", BenchCommand::new);
    c.put("passwd", PasswdCommand::new);
    c.put("scan", ScanCommand::new);
    c.put("profile", ProfileCommand::new);
    c.put("client", ClientCommand::new);
    c.put("history", HistoryCommand::new);
    c.put("help", HelpCommand::new);
    return c;
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "name a command: serve, sim or check");
  }

  /** The whole command line: every subcommand (what --help, help and the tests see). */
  static CommandLine commandLine() {
    return commandLine(new String[0]);
  }

  /** The command line for these arguments: only the subcommand they name, when they name one. */
  static CommandLine commandLine(String[] args) {
    CommandLine line = new CommandLine(new Main());
    String first = args.length == 0 ? "" : args[0];
    boolean one = COMMANDS.containsKey(first) && !first.equals("help");
    for (Map.Entry<String, Supplier<Object>> c : COMMANDS.entrySet()) {
      if (!one || c.getKey().equals(first)) {
        line.addSubcommand(c.getKey(), c.getValue().get());
      }
    }
    // After the subcommands: picocli passes the width on to those it already has.
    return line.setUsageHelpWidth(USAGE_WIDTH);
  }

  public static void main(String[] args) {
    // Logback reads its configuration on a thread of its own while picocli builds the model.
    CompletableFuture<Optional<String>> logging =
        CompletableFuture.supplyAsync(
            LogSetup::configurationError,
            r -> {
              Thread t = new Thread(r, "log-setup");
              t.setDaemon(true);
              t.start();
            });
    CommandLine line =
        commandLine(args)
            .setExitCodeExceptionMapper(e -> EXIT_FAILED)
            .setParameterExceptionHandler(
                (e, a) -> {
                  e.getCommandLine().getErr().println("motionua: " + e.getMessage());
                  e.getCommandLine().usage(e.getCommandLine().getErr());
                  return EXIT_BAD_INPUT;
                });
    Optional<String> logProblem = awaitLogging(logging);
    if (logProblem.isPresent()) {
      System.err.println("motionua: " + logProblem.get());
      System.exit(EXIT_BAD_INPUT);
    }
    System.exit(line.execute(args));
  }

  private static Optional<String> awaitLogging(CompletableFuture<Optional<String>> logging) {
    try {
      return logging.get(LOG_SETUP_WAIT_S, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      return Optional.of("logging set-up failed: " + e.getCause());
    } catch (Exception e) {
      return Optional.of(
          "logging set-up did not finish within %d s: %s".formatted(LOG_SETUP_WAIT_S, e));
    }
  }
}
