package io.motionua.server.group;

/**
 * A group move that cannot be planned as requested. The message names the axis and the value, so it
 * can go to the client as it is; {@link #reason()} lets the caller choose the status code
 * (Bad_OutOfRange for a target outside the software limits, Bad_InvalidArgument otherwise).
 */
public final class PlanException extends Exception {

  /** What was wrong with the request. */
  public enum Reason {
    /** A target lies outside its axis's software limits. */
    OUTSIDE_SOFTWARE_LIMITS,
    /** The request itself is malformed: array lengths, non-finite numbers, scale out of range. */
    INVALID_REQUEST
  }

  private final Reason reason;
  private final int axis;

  PlanException(Reason reason, int axis, String message) {
    super(message);
    this.reason = reason;
    this.axis = axis;
  }

  public Reason reason() {
    return reason;
  }

  /** Index of the offending axis in the request, or -1 when the request as a whole is wrong. */
  public int axis() {
    return axis;
  }
}
