package io.motionua.tools;

import io.motionua.server.security.PasswordHash;
import io.motionua.server.security.Role;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "passwd",
    header = "Print a bcrypt hash of a password for a user's passwordHash in the machine file.",
    mixinStandardHelpOptions = true,
    description = {
      "Print a bcrypt hash of a password, for a user's passwordHash in the machine file.",
      "On a terminal the password is asked twice and not shown; otherwise the first line of",
      "standard input is the password. The password itself is never written anywhere.",
      "With --user and --role the output is a whole entry for server.users."
    },
    footer = {
      "",
      "Examples:",
      "  motionua passwd",
      "  motionua passwd --user olga --role operator",
      "      - {name: olga, passwordHash: '$2b$10$...', role: operator}",
      "  printf '%%s\\n' \"$PW\" | motionua passwd    (from a script; no echo, no history)",
      "",
      "Roles: viewer (browse, read, subscribe), operator (+ setpoints, motion commands),",
      "engineer (+ limits, tuning values), admin (everything). See docs/security.md."
    })
final class PasswdCommand implements Callable<Integer> {

  @Option(
      names = "--user",
      paramLabel = "NAME",
      description = "Print a server.users entry for this user instead of the hash alone.")
  String user;

  @Option(
      names = "--role",
      paramLabel = "ROLE",
      description = "The entry's role: viewer, operator, engineer or admin (with --user).")
  String role;

  @Override
  public Integer call() {
    if ((user == null) != (role == null)) {
      System.err.println("motionua: passwd: --user and --role go together");
      return Main.EXIT_BAD_INPUT;
    }
    if (role != null && Role.fromConfigName(role).isEmpty()) {
      System.err.println(
          "motionua: passwd: unknown role '" + role + "' (known: " + Role.configNames() + ")");
      return Main.EXIT_BAD_INPUT;
    }
    char[] password;
    try {
      password = readPassword();
    } catch (IOException | IllegalArgumentException e) {
      System.err.println("motionua: passwd: " + e.getMessage());
      return Main.EXIT_BAD_INPUT;
    }
    try {
      PasswordHash.checkUsable(password);
      String hash = PasswordHash.hash(password);
      System.out.println(
          user == null
              ? hash
              : "- {name: " + user + ", passwordHash: '" + hash + "', role: " + role + "}");
      return 0;
    } catch (IllegalArgumentException e) {
      System.err.println("motionua: passwd: " + e.getMessage());
      return Main.EXIT_BAD_INPUT;
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /** From the terminal without echo, twice; else the first line of standard input. */
  private static char[] readPassword() throws IOException {
    Console console = System.console();
    if (console != null) {
      char[] first = console.readPassword("Password: ");
      char[] second = console.readPassword("Again: ");
      if (first == null || second == null) {
        throw new IOException("no password given");
      }
      boolean same = Arrays.equals(first, second);
      Arrays.fill(second, '\0');
      if (!same) {
        Arrays.fill(first, '\0');
        throw new IllegalArgumentException("the two passwords differ");
      }
      return first;
    }
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line = in.readLine();
    if (line == null) {
      throw new IOException("no password on standard input");
    }
    return line.toCharArray();
  }
}
