package io.motionua.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command's --help is complete: a one-line summary, examples, nothing cut or wrapped. */
class HelpTest {

  private static CommandLine root() {
    return Main.commandLine();
  }

  private static List<CommandLine> allCommands(CommandLine command) {
    List<CommandLine> all = new ArrayList<>(List.of(command));
    for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
      all.addAll(allCommands(sub.getValue()));
    }
    return all;
  }

  private static String usage(CommandLine command) {
    StringWriter text = new StringWriter();
    command.usage(new PrintWriter(text), CommandLine.Help.Ansi.OFF);
    return text.toString();
  }

  @Test
  void everyCommandHasASummaryLineAndExamples() {
    List<CommandLine> commands = allCommands(root());
    assertTrue(commands.size() > 20, commands.size() + " commands");
    for (CommandLine command : commands) {
      String name = command.getCommandSpec().qualifiedName();
      String[] header = command.getCommandSpec().usageMessage().header();
      String[] description = command.getCommandSpec().usageMessage().description();
      String summary = header.length > 0 ? header[0] : description[0];
      assertTrue(
          !summary.isBlank() && summary.endsWith("."), "summary of " + name + ": " + summary);
      String footer = String.join("\n", command.getCommandSpec().usageMessage().footer());
      assertTrue(
          footer.contains("Examples:") && footer.contains("motionua "),
          "examples in the help of " + name + ": " + footer);
    }
  }

  @Test
  void noHelpLineIsWiderThanTheHelpWidth() {
    for (CommandLine command : allCommands(root())) {
      for (String line : usage(command).split("\n")) {
        assertTrue(
            line.length() <= Main.USAGE_WIDTH,
            "line of " + command.getCommandSpec().qualifiedName() + ": " + line);
      }
    }
  }

  @Test
  void everyHelpTextFormatsWithoutPicocliWarnings() {
    java.io.PrintStream err = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      for (CommandLine command : allCommands(root())) {
        usage(command); // a lone % in a description is a format error, warned on stderr
      }
    } finally {
      System.setErr(err);
    }
    String warnings = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(!warnings.contains("picocli WARN"), warnings);
  }

  @Test
  void examplesAreNotWrapped() {
    for (CommandLine command : allCommands(root())) {
      for (String line : command.getCommandSpec().usageMessage().footer()) {
        assertTrue(
            line.length() <= Main.USAGE_WIDTH,
            "example line of " + command.getCommandSpec().qualifiedName() + ": " + line);
      }
    }
  }

  @Test
  void helpFindsNestedCommands() {
    StringWriter out = new StringWriter();
    CommandLine root = root();
    root.setOut(new PrintWriter(out));
    int code = root.execute("help", "nodeset", "export");
    assertEquals(0, code);
    assertTrue(out.toString().contains("Usage: motionua nodeset export"), out.toString());
  }

  @Test
  void helpNamesTheKnownCommandsWhenOneIsUnknown() {
    StringWriter err = new StringWriter();
    CommandLine root = root();
    root.setErr(new PrintWriter(err));
    int code = root.execute("help", "client", "nope");
    assertNotEquals(0, code);
    assertTrue(
        err.toString().contains("unknown command 'nope' under 'client'")
            && err.toString().contains("watch"),
        err.toString());
  }
}
