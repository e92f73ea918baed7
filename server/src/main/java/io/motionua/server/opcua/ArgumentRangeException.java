package io.motionua.server.opcua;

import org.eclipse.milo.opcua.sdk.server.methods.InvalidArgumentException;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;

/**
 * Milo's InvalidArgumentException (one StatusCode per argument) that also says, per refused
 * argument, what was wrong with its value, so that the refusal can be explained to the client.
 */
final class ArgumentRangeException extends InvalidArgumentException {

  private final String[] problems;

  /**
   * @param problems per argument, what was wrong ("1000.0 is outside [-170.0, 170.0]"), or null
   */
  ArgumentRangeException(StatusCode[] results, String[] problems) {
    super(results);
    this.problems = problems.clone();
  }

  /** What was wrong with argument {@code i}, or null when it was accepted. */
  String problem(int i) {
    return i < problems.length ? problems[i] : null;
  }
}
