package io.motionua.drivers.profile;

/**
 * A drive profile file that does not parse or contradicts itself. The message starts with {@code
 * file:line:column} and names the signal when one is at fault.
 */
public final class ProfileException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final int column;

  public ProfileException(String file, int line, int column, String message, Throwable cause) {
    super("%s:%d:%d: %s".formatted(file, line, column, message), cause);
    this.file = file;
    this.line = line;
    this.column = column;
  }

  public String file() {
    return file;
  }

  /** 1-based line of the offending node. */
  public int line() {
    return line;
  }

  /** 1-based column of the offending node. */
  public int column() {
    return column;
  }
}
