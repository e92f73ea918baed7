package io.motionua.drivers.profile;

import java.util.List;

/**
 * A drive profile file that does not parse or contradicts itself. The message starts with {@code
 * file:line:column} and names the signal when one is at fault.
 */
public final class ProfileException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final int column;
  private final List<ProfileException> problems;

  public ProfileException(String file, int line, int column, String message, Throwable cause) {
    super("%s:%d:%d: %s".formatted(file, line, column, message), cause);
    this.file = file;
    this.line = line;
    this.column = column;
    this.problems = List.of(this);
  }

  private ProfileException(List<ProfileException> all) {
    super(
        String.join("\n", all.stream().map(Throwable::getMessage).toList()), all.get(0).getCause());
    ProfileException first = all.get(0);
    this.file = first.file;
    this.line = first.line;
    this.column = first.column;
    this.problems = List.copyOf(all);
  }

  /** One exception for several problems (at least one): its message lists each on a line. */
  public static ProfileException of(List<ProfileException> problems) {
    return problems.size() == 1 ? problems.get(0) : new ProfileException(problems);
  }

  /** Every problem found, in file order; this one alone for a single problem. */
  public List<ProfileException> problems() {
    return problems;
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
