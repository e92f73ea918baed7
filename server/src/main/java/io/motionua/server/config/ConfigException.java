package io.motionua.server.config;

/**
 * A configuration file that cannot be used. The message alone says where and what: {@code
 * file:line:column: field: problem}. The command line prints it without a stack trace.
 */
public final class ConfigException extends Exception {

  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
