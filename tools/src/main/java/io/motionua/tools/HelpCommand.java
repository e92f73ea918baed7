package io.motionua.tools;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Parameters;

/**
 * {@code motionua help [COMMAND [SUBCOMMAND ...]]}: the help of any command, however deep.
 * Picocli's own help command looks up only the first name, so {@code help nodeset export} printed
 * the help of {@code nodeset}.
 */
@Command(
    name = "help",
    header = "Show the help of a command, e.g. motionua help nodeset export.",
    helpCommand = true,
    footer = {"", "Examples:", "  motionua help serve", "  motionua help client watch"})
public final class HelpCommand implements CommandLine.IHelpCommandInitializable2, Runnable {

  @Parameters(paramLabel = "COMMAND", description = "The command, and its subcommands in order.")
  List<String> path = List.of();

  private CommandLine self;
  private PrintWriter out;
  private Help.ColorScheme colors;

  @Override
  public void init(
      CommandLine helpCommandLine,
      Help.ColorScheme colorScheme,
      PrintWriter outWriter,
      PrintWriter errWriter) {
    this.self = helpCommandLine;
    this.colors = colorScheme;
    this.out = outWriter;
  }

  @Override
  public void run() {
    CommandLine command = self.getParent();
    for (String name : path) {
      CommandLine sub = command.getSubcommands().get(name);
      if (sub == null) {
        throw new CommandLine.ParameterException(
            self,
            "unknown command '%s' under '%s' (known: %s)"
                .formatted(
                    name,
                    command.getCommandName(),
                    String.join(", ", command.getSubcommands().keySet())));
      }
      command = sub;
    }
    command.usage(out, colors);
  }
}
