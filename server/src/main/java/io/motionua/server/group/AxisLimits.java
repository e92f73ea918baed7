package io.motionua.server.group;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Motion limits of one axis, all in load-side units (for example mm, mm/s, mm/s², mm/s³, or degrees
 * and their rates): the planner never converts units, so the caller converts motor-side limits
 * through the gear first. Without a jerk limit the axis moves on trapezoidal profiles; with one it
 * moves on jerk-limited (S-curve) profiles.
 *
 * @param velocity largest speed, > 0
 * @param acceleration largest rate of speeding up, > 0
 * @param deceleration largest rate of slowing down, > 0
 * @param jerk largest rate of change of acceleration, > 0 when present
 * @param minPosition lower software limit
 * @param maxPosition upper software limit, above {@code minPosition}
 */
public record AxisLimits(
    double velocity,
    double acceleration,
    double deceleration,
    OptionalDouble jerk,
    double minPosition,
    double maxPosition) {

  public AxisLimits {
    requirePositive("velocity", velocity);
    requirePositive("acceleration", acceleration);
    requirePositive("deceleration", deceleration);
    Objects.requireNonNull(jerk, "jerk");
    if (jerk.isPresent()) {
      requirePositive("jerk", jerk.getAsDouble());
    }
    if (!Double.isFinite(minPosition)
        || !Double.isFinite(maxPosition)
        || !(minPosition < maxPosition)) {
      throw new IllegalArgumentException(
          "software limits ["
              + minPosition
              + ", "
              + maxPosition
              + "] must be finite with the minimum below the maximum");
    }
  }

  /** Limits for an axis that moves on trapezoidal profiles (no jerk limit). */
  public static AxisLimits trapezoidal(
      double velocity,
      double acceleration,
      double deceleration,
      double minPosition,
      double maxPosition) {
    return new AxisLimits(
        velocity, acceleration, deceleration, OptionalDouble.empty(), minPosition, maxPosition);
  }

  /** Limits for an axis that moves on jerk-limited (S-curve) profiles. */
  public static AxisLimits jerkLimited(
      double velocity,
      double acceleration,
      double deceleration,
      double jerk,
      double minPosition,
      double maxPosition) {
    return new AxisLimits(
        velocity, acceleration, deceleration, OptionalDouble.of(jerk), minPosition, maxPosition);
  }

  /** Whether {@code position} lies within the software limits (both ends included). */
  public boolean contains(double position) {
    return position >= minPosition && position <= maxPosition;
  }

  /** Every axis's acceleration limit, in axis order. */
  static double[] accelerations(AxisLimits[] limits) {
    double[] out = new double[limits.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = limits[i].acceleration();
    }
    return out;
  }

  /** Every axis's deceleration limit, in axis order. */
  static double[] decelerations(AxisLimits[] limits) {
    double[] out = new double[limits.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = limits[i].deceleration();
    }
    return out;
  }

  /** The jerk limit, or 0 for "none": the profile math reads 0 as trapezoidal. */
  double jerkOrZero() {
    return jerk.isPresent() ? jerk.getAsDouble() : 0;
  }

  private static void requirePositive(String name, double value) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " limit " + value + " must be positive and finite");
    }
  }
}
