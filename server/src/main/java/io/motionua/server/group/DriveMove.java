package io.motionua.server.group;

/**
 * A profile-position move as a CiA 402 drive plans it when it takes a set-point (linear ramps, the
 * simulator's and most drives' trapezoid): from its position and velocity at that instant to
 * standstill on the target, changing speed to the profile velocity (speeding up with the profile
 * acceleration, slowing down with the profile deceleration), cruising, and braking with the profile
 * deceleration. With "change set immediately" a drive re-plans a running move this way, so this is
 * the server's model of what each drive runs during a drive-profiles group move, and of where it is
 * when the SpeedOverride changes.
 *
 * <p>Immutable; closed form, like {@link AxisProfile}. The initial velocity must point at the
 * target and leave room to brake ({@code u² / 2D ≤ distance}): a drive would otherwise overshoot
 * and come back, which no group move asks for.
 */
final class DriveMove {

  private final double start;
  private final double target;
  private final double sign;
  private final double initialSpeed;
  private final double profileVelocity;
  private final double accel;
  private final double decel;

  /** The speed the move cruises at (the profile velocity, or a triangle's lower peak). */
  private final double cruise;

  /** Signed rate (along the move) of the first phase, from the initial speed to the cruise. */
  private final double firstRate;

  private final double firstTime;
  private final double cruiseTime;
  private final double brakeTime;

  /**
   * @param velocity signed initial velocity; its magnitude toward the target is the initial speed
   * @param profileVelocity, accel, decel magnitudes, > 0
   */
  DriveMove(
      double start,
      double target,
      double velocity,
      double profileVelocity,
      double accel,
      double decel) {
    this.start = start;
    this.target = target;
    this.sign = target < start ? -1 : 1;
    double d = Math.abs(target - start);
    double u = d == 0 ? 0 : Math.max(0, sign * velocity);
    this.initialSpeed = u;
    this.profileVelocity = profileVelocity;
    this.accel = accel;
    this.decel = decel;
    if (d == 0) {
      cruise = 0;
      firstRate = 0;
      firstTime = 0;
      cruiseTime = 0;
      brakeTime = 0;
    } else if (u > profileVelocity) {
      // Down to the profile velocity, cruise, brake: both slow phases cover u²/2D together.
      cruise = profileVelocity;
      firstRate = -decel;
      firstTime = (u - profileVelocity) / decel;
      cruiseTime = Math.max(0, d - u * u / (2 * decel)) / profileVelocity;
      brakeTime = profileVelocity / decel;
    } else {
      double peak = Math.sqrt((2 * accel * decel * d + decel * u * u) / (accel + decel));
      cruise = Math.max(u, Math.min(peak, profileVelocity)); // peak >= u but for rounding
      firstRate = accel;
      firstTime = (cruise - u) / accel;
      double covered = (cruise * cruise - u * u) / (2 * accel) + cruise * cruise / (2 * decel);
      cruiseTime = Math.max(0, d - covered) / cruise;
      brakeTime = cruise / decel;
    }
  }

  /** The move a drive runs from standstill: the planner's trapezoid with this peak. */
  static DriveMove fromStandstill(double start, double target, double peak, double a, double d) {
    return new DriveMove(start, target, 0, peak, a, d);
  }

  /** A halt: braking from {@code velocity} with {@code decel} to standstill. */
  static DriveMove halt(double position, double velocity, double decel) {
    double stop = position + Math.signum(velocity) * velocity * velocity / (2 * decel);
    return new DriveMove(position, stop, velocity, Math.abs(velocity), decel, decel);
  }

  /**
   * The profile velocity that makes a drive at {@code speed} (toward the target, ≥ 0) take exactly
   * {@code seconds} for the remaining {@code distance}, with ramps {@code accel} and {@code decel}.
   * The duration falls as the profile velocity rises (up to the triangle's peak), so each duration
   * has one answer: below the initial speed {@code T = u/D + (distance - u²/2D)/v}; above it {@code
   * T = v/2A + v/2D - u/A + (distance + u²/2A)/v}, whose smaller root is taken.
   *
   * @return the profile velocity, or NaN if no profile velocity gives that duration (the drive is
   *     braking already, or {@code seconds} is shorter than its fastest remaining move)
   */
  static double profileVelocityFor(
      double distance, double speed, double accel, double decel, double seconds) {
    if (distance <= 0) {
      return Double.NaN;
    }
    double u = speed;
    double room = distance - u * u / (2 * decel);
    if (room < 0) {
      return Double.NaN;
    }
    double atInitialSpeed = u > 0 ? u / decel + room / u : Double.POSITIVE_INFINITY;
    if (seconds > atInitialSpeed) {
      double v = room / (seconds - u / decel);
      return v > 0 ? v : Double.NaN;
    }
    double k = 1 / (2 * accel) + 1 / (2 * decel);
    double b = seconds + u / accel;
    double c = distance + u * u / (2 * accel);
    double disc = b * b - 4 * k * c;
    if (disc < 0) {
      return Double.NaN;
    }
    return 2 * c / (b + Math.sqrt(disc));
  }

  /** Seconds from the set-point to standstill on the target. */
  double duration() {
    return firstTime + cruiseTime + brakeTime;
  }

  double start() {
    return start;
  }

  double target() {
    return target;
  }

  double profileVelocity() {
    return profileVelocity;
  }

  double acceleration() {
    return accel;
  }

  double deceleration() {
    return decel;
  }

  /** Position at {@code t} seconds after the set-point. */
  double position(double t) {
    return t >= duration() ? target : start + sign * along(t);
  }

  /** Velocity (signed) at {@code t} seconds after the set-point. */
  double velocity(double t) {
    return sign * speed(t);
  }

  private double speed(double t) {
    if (!(t > 0)) {
      return initialSpeed;
    }
    if (t < firstTime) {
      return initialSpeed + firstRate * t;
    }
    double s = t - firstTime;
    if (s < cruiseTime) {
      return cruise;
    }
    s -= cruiseTime;
    return s < brakeTime ? cruise - decel * s : 0;
  }

  private double along(double t) {
    if (!(t > 0)) {
      return 0;
    }
    if (t >= duration()) {
      return Math.abs(target - start);
    }
    if (t < firstTime) {
      return initialSpeed * t + firstRate * t * t / 2;
    }
    double p = initialSpeed * firstTime + firstRate * firstTime * firstTime / 2;
    double s = t - firstTime;
    if (s < cruiseTime) {
      return p + cruise * s;
    }
    p += cruise * cruiseTime;
    s -= cruiseTime;
    return p + cruise * s - decel * s * s / 2;
  }

  @Override
  public String toString() {
    return "drive move "
        + start
        + " -> "
        + target
        + " from "
        + sign * initialSpeed
        + " in "
        + duration()
        + " s, profile velocity "
        + profileVelocity;
  }
}
