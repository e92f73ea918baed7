package io.motionua.server.group;

/**
 * One ramp from standstill to {@code peak}, evaluated at time {@code tau} into it: jerk up for
 * {@code jerkTime}, constant acceleration, jerk down for {@code jerkTime} (a trapezoid ramp has
 * jerkTime 0). The last segment is written backwards from the ramp's end, by its symmetry.
 */
final class Ramp {
  final double peak;
  final double jerk;
  final double jerkTime;
  final double accel;
  final double time;
  final double distance;

  Ramp(double peak, double accelLimit, double jerk) {
    this.peak = peak;
    this.jerk = jerk;
    this.time = PeakVelocity.rampTime(peak, accelLimit, jerk);
    if (jerk == 0) {
      this.jerkTime = 0;
      this.accel = accelLimit;
    } else if (peak * jerk >= accelLimit * accelLimit) {
      this.jerkTime = accelLimit / jerk;
      this.accel = accelLimit;
    } else {
      this.jerkTime = time / 2;
      this.accel = jerk * jerkTime;
    }
    this.distance = peak * time / 2;
  }

  double position(double tau) {
    if (tau < jerkTime) {
      return jerk * tau * tau * tau / 6;
    }
    if (tau <= time - jerkTime) {
      double s = tau - jerkTime;
      return accel * jerkTime * jerkTime / 6 + accel * jerkTime / 2 * s + accel * s * s / 2;
    }
    double r = time - tau;
    return distance - peak * r + jerk * r * r * r / 6;
  }

  double velocity(double tau) {
    if (tau < jerkTime) {
      return jerk * tau * tau / 2;
    }
    if (tau <= time - jerkTime) {
      return accel * jerkTime / 2 + accel * (tau - jerkTime);
    }
    double r = time - tau;
    return peak - jerk * r * r / 2;
  }

  double acceleration(double tau) {
    if (tau < jerkTime) {
      return jerk * tau;
    }
    if (tau <= time - jerkTime) {
      return accel;
    }
    return jerk * (time - tau);
  }
}
