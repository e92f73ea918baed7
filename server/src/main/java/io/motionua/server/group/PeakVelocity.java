package io.motionua.server.group;

/**
 * The one unknown of a point-to-point profile: its peak (cruise) velocity. Given the peak, every
 * phase follows in closed form, so this class only solves for it: for the shortest move, and for a
 * move stretched to a longer duration with the same acceleration, deceleration and jerk.
 *
 * <p>A profile is a ramp up from standstill to the peak, a cruise, and a ramp down. A jerk of 0
 * means "no jerk limit": each ramp then runs at constant acceleration (trapezoid). With a jerk
 * limit a ramp is an S-curve: jerk up to the acceleration limit, constant acceleration, jerk down
 * (three segments); when the peak is too low to reach the acceleration limit, the middle segment
 * vanishes and the ramp peaks at {@code sqrt(peak * jerk)}. Every ramp is point-symmetric about its
 * middle, so it covers exactly {@code peak * rampTime / 2}.
 *
 * <p>All inputs are magnitudes: distance >= 0, limits > 0.
 */
final class PeakVelocity {

  /** Newton stops once a step is below this fraction of the estimate (near double precision). */
  private static final double TOLERANCE = 1e-15;

  private static final int MAX_ITERATIONS = 100;

  private PeakVelocity() {}

  /** Duration of one ramp between standstill and {@code peak}. */
  static double rampTime(double peak, double accel, double jerk) {
    if (jerk == 0) {
      return peak / accel;
    }
    if (peak * jerk >= accel * accel) {
      return peak / accel + accel / jerk;
    }
    return 2 * Math.sqrt(peak / jerk);
  }

  /** Derivative of {@link #rampTime} with respect to the peak. */
  private static double rampTimeSlope(double peak, double accel, double jerk) {
    if (jerk == 0 || peak * jerk >= accel * accel) {
      return 1 / accel;
    }
    return 1 / Math.sqrt(peak * jerk);
  }

  /** Distance of the ramp up plus the ramp down, without cruise. Convex and increasing in peak. */
  static double rampDistance(double peak, double accel, double decel, double jerk) {
    return peak * (rampTime(peak, accel, jerk) + rampTime(peak, decel, jerk)) / 2;
  }

  private static double rampDistanceSlope(double peak, double accel, double decel, double jerk) {
    return (rampTime(peak, accel, jerk)
            + rampTime(peak, decel, jerk)
            + peak * (rampTimeSlope(peak, accel, jerk) + rampTimeSlope(peak, decel, jerk)))
        / 2;
  }

  /**
   * Duration of the move over {@code distance} that peaks at {@code peak}. The planner and the
   * profile both call this, so a profile's duration equals the planned one bit for bit.
   */
  static double duration(double distance, double peak, double accel, double decel, double jerk) {
    if (peak == 0) {
      return 0;
    }
    double up = rampTime(peak, accel, jerk);
    double down = rampTime(peak, decel, jerk);
    double cruise = Math.max(0, (distance - peak * (up + down) / 2) / peak);
    return up + cruise + down;
  }

  /** Peak velocity of the shortest move: the velocity limit, or less when the move is too short. */
  static double fastest(double distance, double velocity, double accel, double decel, double jerk) {
    if (distance == 0) {
      return 0;
    }
    if (rampDistance(velocity, accel, decel, jerk) <= distance) {
      return velocity;
    }
    if (jerk == 0) {
      // Triangle: peak²/(2a) + peak²/(2d) = distance.
      return Math.sqrt(2 * distance * accel * decel / (accel + decel));
    }
    double lowKnee = Math.min(accel, decel);
    lowKnee = lowKnee * lowKnee / jerk;
    double highKnee = Math.max(accel, decel);
    highKnee = highKnee * highKnee / jerk;
    // Both ramps reach their acceleration limit: quadratic A p² + B p = distance.
    double a = (1 / accel + 1 / decel) / 2;
    double b = (accel + decel) / (2 * jerk);
    double peak = 2 * distance / (b + Math.sqrt(b * b + 4 * a * distance));
    if (peak >= highKnee) {
      return peak;
    }
    // Neither does: 2 p^1.5 / sqrt(jerk) = distance.
    peak = Math.cbrt(distance * distance * jerk / 4);
    if (peak <= lowKnee) {
      return peak;
    }
    // One does: the root lies between the knees. The ramp distance is convex and increasing, so
    // Newton from the upper knee descends onto the root without overshooting.
    peak = highKnee;
    for (int i = 0; i < MAX_ITERATIONS; i++) {
      double step =
          (rampDistance(peak, accel, decel, jerk) - distance)
              / rampDistanceSlope(peak, accel, decel, jerk);
      peak -= step;
      if (Math.abs(step) <= TOLERANCE * peak) {
        break;
      }
    }
    return Math.min(Math.max(peak, lowKnee), highKnee);
  }

  /**
   * Peak velocity that makes the move over {@code distance} last exactly {@code duration}, with the
   * ramps shaped by the same limits. {@code duration} must not be shorter than the duration at the
   * fastest move; the answer never exceeds {@code peakLimit}: the fastest move's peak, or the
   * velocity limit (never below it, so the clamp only guards against rounding).
   *
   * <p>With peak p the duration is {@code rampTimes/2 + distance/p}, so the root of {@code h(p) = p
   * * duration - rampDistance(p) - distance} is wanted. h is concave, negative at 0 and not
   * negative at the fastest peak: the wanted root is its first, upward crossing.
   */
  static double forDuration(
      double distance, double duration, double peakLimit, double accel, double decel, double jerk) {
    if (distance == 0) {
      return 0;
    }
    if (jerk == 0) {
      // k p² - T p + distance = 0, smaller root in its cancellation-free form.
      double k = (1 / accel + 1 / decel) / 2;
      double disc = Math.max(0, duration * duration - 4 * k * distance);
      return Math.min(peakLimit, 2 * distance / (duration + Math.sqrt(disc)));
    }
    double highKnee = Math.max(accel, decel);
    highKnee = highKnee * highKnee / jerk;
    double a = (1 / accel + 1 / decel) / 2;
    double spare = duration - (accel + decel) / (2 * jerk);
    double disc = spare * spare - 4 * a * distance;
    if (spare > 0 && disc >= 0) {
      // Both ramps reach their acceleration limit: a p² - spare p + distance = 0.
      double peak = 2 * distance / (spare + Math.sqrt(disc));
      if (peak >= highKnee) {
        return Math.min(peakLimit, peak);
      }
    }
    // Newton from below the root (distance / duration is a lower bound): on a concave function
    // every step lands at or below the root, so the iteration rises onto it.
    double peak = distance / duration;
    for (int i = 0; i < MAX_ITERATIONS; i++) {
      double h = peak * duration - rampDistance(peak, accel, decel, jerk) - distance;
      double slope = duration - rampDistanceSlope(peak, accel, decel, jerk);
      if (!(slope > 0)) {
        break;
      }
      double step = -h / slope;
      peak += step;
      if (peak >= peakLimit) {
        return peakLimit;
      }
      if (Math.abs(step) <= TOLERANCE * peak) {
        break;
      }
    }
    return peak;
  }
}
