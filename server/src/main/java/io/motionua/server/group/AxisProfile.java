package io.motionua.server.group;

/**
 * A point-to-point move of one axis from standstill at {@code start} to standstill at {@code
 * target}: ramp up, cruise at the peak velocity, ramp down. Trapezoidal without a jerk limit
 * (triangular when the move is too short to reach the velocity limit); with a jerk limit each ramp
 * is an S-curve, so the whole move has the classic seven segments (fewer when the move is too short
 * to reach the acceleration or velocity limit).
 *
 * <p>Immutable. Position, velocity and acceleration are evaluated in closed form (no integration,
 * no accumulated error) for {@code t} in seconds from the start of the move; times before 0 or
 * after {@link #duration()} are clamped, and at the end the position is {@code target} exactly.
 * Units are the caller's load-side units.
 */
public final class AxisProfile {

  private final double start;
  private final double target;

  /** +1 or -1: the profile is computed as a positive distance and mirrored. */
  private final double sign;

  private final double distance;
  private final double velocityLimit;
  private final double accelerationLimit;
  private final double decelerationLimit;

  /** 0 for trapezoidal profiles. */
  private final double jerk;

  private final double peakVelocity;
  private final double duration;
  private final Ramp up;
  private final Ramp down;

  /** Time at which the ramp down begins. */
  private final double cruiseEnd;

  private AxisProfile(
      double start,
      double target,
      double velocityLimit,
      double accelerationLimit,
      double decelerationLimit,
      double jerk,
      double peakVelocity,
      double duration) {
    this.start = start;
    this.target = target;
    this.sign = target < start ? -1 : 1;
    this.distance = Math.abs(target - start);
    this.velocityLimit = velocityLimit;
    this.accelerationLimit = accelerationLimit;
    this.decelerationLimit = decelerationLimit;
    this.jerk = jerk;
    this.peakVelocity = peakVelocity;
    this.duration = duration;
    this.up = new Ramp(peakVelocity, accelerationLimit, jerk);
    this.down = new Ramp(peakVelocity, decelerationLimit, jerk);
    this.cruiseEnd = duration - down.time;
  }

  /** The shortest move from {@code start} to {@code target} within {@code limits}. */
  public static AxisProfile fastest(double start, double target, AxisLimits limits) {
    requireFinite(start, target);
    return fastest(
        start,
        target,
        limits.velocity(),
        limits.acceleration(),
        limits.deceleration(),
        limits.jerkOrZero());
  }

  /** The shortest move over {@code distance} (negative moves backwards), starting at 0. */
  public static AxisProfile forDistance(double distance, AxisLimits limits) {
    return fastest(0, distance, limits);
  }

  /**
   * The move from {@code start} to {@code target} that lasts exactly {@code duration} seconds: the
   * same ramps' limits, a lower peak velocity.
   *
   * @throws IllegalArgumentException if {@code duration} is shorter than the fastest move
   */
  public static AxisProfile withDuration(
      double start, double target, AxisLimits limits, double duration) {
    requireFinite(start, target);
    return withDuration(
        start,
        target,
        limits.velocity(),
        limits.acceleration(),
        limits.deceleration(),
        limits.jerkOrZero(),
        duration);
  }

  /** A profile that stays at {@code position} for {@code duration} seconds. */
  public static AxisProfile standstill(double position, double duration) {
    requireFinite(position, duration);
    if (duration < 0) {
      throw new IllegalArgumentException("duration " + duration + " s must not be negative");
    }
    return new AxisProfile(position, position, 1, 1, 1, 0, 0, duration);
  }

  /**
   * This move stretched to {@code duration} seconds with the same limits (those this profile was
   * planned with, including any velocity scaling).
   *
   * @throws IllegalArgumentException if {@code duration} is shorter than the fastest move
   */
  public AxisProfile stretchedTo(double duration) {
    return withDuration(
        start, target, velocityLimit, accelerationLimit, decelerationLimit, jerk, duration);
  }

  static AxisProfile fastest(
      double start, double target, double velocity, double accel, double decel, double jerk) {
    double distance = Math.abs(target - start);
    double peak = PeakVelocity.fastest(distance, velocity, accel, decel, jerk);
    double duration = PeakVelocity.duration(distance, peak, accel, decel, jerk);
    return new AxisProfile(start, target, velocity, accel, decel, jerk, peak, duration);
  }

  /** Duration of {@link #fastest}, without building the profile. */
  static double fastestDuration(
      double distance, double velocity, double accel, double decel, double jerk) {
    double peak = PeakVelocity.fastest(distance, velocity, accel, decel, jerk);
    return PeakVelocity.duration(distance, peak, accel, decel, jerk);
  }

  static AxisProfile withDuration(
      double start,
      double target,
      double velocity,
      double accel,
      double decel,
      double jerk,
      double duration) {
    double distance = Math.abs(target - start);
    double fastestPeak = PeakVelocity.fastest(distance, velocity, accel, decel, jerk);
    double fastestDuration = PeakVelocity.duration(distance, fastestPeak, accel, decel, jerk);
    if (!(duration >= fastestDuration) || !Double.isFinite(duration)) {
      throw new IllegalArgumentException(
          "duration "
              + duration
              + " s is shorter than the fastest move from "
              + start
              + " to "
              + target
              + " ("
              + fastestDuration
              + " s) or not finite");
    }
    if (duration == fastestDuration) {
      return new AxisProfile(
          start, target, velocity, accel, decel, jerk, fastestPeak, fastestDuration);
    }
    return stretchedUnchecked(start, target, velocity, accel, decel, jerk, duration);
  }

  /**
   * {@link #withDuration} for a caller that knows {@code duration} is not shorter than the fastest
   * move (the group planner, whose duration is the largest fastest duration): skips the check and
   * the second solve it needs.
   */
  static AxisProfile stretchedUnchecked(
      double start,
      double target,
      double velocity,
      double accel,
      double decel,
      double jerk,
      double duration) {
    double distance = Math.abs(target - start);
    double peak = PeakVelocity.forDuration(distance, duration, velocity, accel, decel, jerk);
    return new AxisProfile(start, target, velocity, accel, decel, jerk, peak, duration);
  }

  /** Seconds from start to standstill at the target. */
  public double duration() {
    return duration;
  }

  public double start() {
    return start;
  }

  public double target() {
    return target;
  }

  /** Largest speed reached (magnitude). */
  public double peakVelocity() {
    return peakVelocity;
  }

  /** The acceleration the ramp up uses (the limit this profile was planned with). */
  double accelerationLimit() {
    return accelerationLimit;
  }

  /** The deceleration the ramp down uses. */
  double decelerationLimit() {
    return decelerationLimit;
  }

  /** Whether the ramps are jerk-limited (S-curve) rather than trapezoidal. */
  public boolean isJerkLimited() {
    return jerk != 0;
  }

  /** Position at {@code t} seconds after the start. */
  public double position(double t) {
    if (!(t > 0)) {
      return start;
    }
    if (t >= duration) {
      return target;
    }
    if (t < up.time) {
      return start + sign * up.position(t);
    }
    if (t <= cruiseEnd) {
      return start + sign * (up.distance + peakVelocity * (t - up.time));
    }
    // The ramp down is the ramp up of the reversed move: measured back from the target.
    return target - sign * down.position(duration - t);
  }

  /** Velocity at {@code t} seconds after the start (signed, in the direction of the move). */
  public double velocity(double t) {
    if (!(t > 0) || t >= duration) {
      return 0;
    }
    if (t < up.time) {
      return sign * up.velocity(t);
    }
    if (t <= cruiseEnd) {
      return sign * peakVelocity;
    }
    return sign * down.velocity(duration - t);
  }

  /** Acceleration at {@code t} seconds after the start (signed). */
  public double acceleration(double t) {
    if (!(t > 0) || t >= duration) {
      return 0;
    }
    if (t < up.time) {
      return sign * up.acceleration(t);
    }
    if (t <= cruiseEnd) {
      return 0;
    }
    return -sign * down.acceleration(duration - t);
  }

  @Override
  public String toString() {
    return (jerk == 0 ? "trapezoid " : "s-curve ")
        + start
        + " -> "
        + target
        + " in "
        + duration
        + " s, peak "
        + peakVelocity
        + (distance == 0 ? " (standstill)" : "");
  }

  private static void requireFinite(double a, double b) {
    if (!Double.isFinite(a) || !Double.isFinite(b)) {
      throw new IllegalArgumentException("positions " + a + " and " + b + " must be finite");
    }
  }
}
