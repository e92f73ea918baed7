package io.motionua.server.history;

/**
 * Decides which values of one variable are kept: the first, every change beyond the deadband, every
 * change of StatusCode (a Bad period starts and ends in the record), and a repeat once the max
 * interval passed since the last kept value. Not thread-safe: each variable's values come from one
 * link thread.
 */
final class RecordingFilter {

  private final double deadband;
  private final long maxIntervalMicros;
  private boolean any;
  private double lastValue;
  private long lastStatus;
  private long lastTimeMicros;

  /**
   * @param deadband absolute deadband; a change must exceed it (0: any change)
   * @param maxIntervalMs keep a value at least this often; 0: only on change
   */
  RecordingFilter(double deadband, long maxIntervalMs) {
    this.deadband = deadband;
    this.maxIntervalMicros = maxIntervalMs * 1000;
  }

  /** Whether to keep this value; if so it becomes the reference for the next ones. */
  boolean accept(double value, long status, long timeMicros) {
    boolean keep =
        !any
            || status != lastStatus
            || changed(value)
            || (maxIntervalMicros > 0 && timeMicros - lastTimeMicros >= maxIntervalMicros);
    if (keep) {
      any = true;
      lastValue = value;
      lastStatus = status;
      lastTimeMicros = timeMicros;
    }
    return keep;
  }

  private boolean changed(double value) {
    if (Double.isNaN(value) || Double.isNaN(lastValue)) {
      return Double.isNaN(value) != Double.isNaN(lastValue);
    }
    double delta = Math.abs(value - lastValue);
    return deadband == 0 ? delta > 0 : delta > deadband;
  }
}
