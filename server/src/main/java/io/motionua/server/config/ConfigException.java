package io.motionua.server.config;

import java.util.List;

/**
 * A configuration file that cannot be used. Each problem says where and what: {@code
 * file:line:column: field: problem}; the message is the problems, one per line. The command line
 * prints them without a stack trace.
 */
public final class ConfigException extends Exception {

  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public ConfigException(String message) {
    super(message);
    this.problems = List.of(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
    this.problems = List.of(message);
  }

  /** Every problem found in one pass, in file order of the checks. */
  public ConfigException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  /** The problems, one line each; a single one for files that could not be read or parsed. */
  public List<String> problems() {
    return problems;
  }
}
