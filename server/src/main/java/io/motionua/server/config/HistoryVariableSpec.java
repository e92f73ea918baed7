package io.motionua.server.config;

/**
 * How one kind of variable (by browse name) is recorded. A value is kept when it differs from the
 * last kept one by more than the deadband, when its StatusCode changes, or when {@code
 * maxIntervalMs} passed since the last kept one.
 *
 * @param record whether the variable is recorded
 * @param deadband absolute deadband in the variable's engineering unit
 * @param deadbandPercent deadband as a percent of the variable's EURange (the range's span)
 * @param maxIntervalMs overrides the section's max interval for this variable
 */
public record HistoryVariableSpec(
    Boolean record, Double deadband, Double deadbandPercent, Integer maxIntervalMs) {

  static final HistoryVariableSpec EMPTY = new HistoryVariableSpec(null, null, null, null);

  HistoryVariableSpec withDefaults(boolean recordedByDefault) {
    return new HistoryVariableSpec(
        record == null ? recordedByDefault : record, deadband, deadbandPercent, maxIntervalMs);
  }

  /** The deadband for a variable whose EURange spans {@code span}; 0 records every change. */
  public double absoluteDeadband(double span) {
    if (deadband != null) {
      return deadband;
    }
    if (deadbandPercent != null && Double.isFinite(span)) {
      return deadbandPercent / 100.0 * Math.abs(span);
    }
    return 0.0;
  }
}
