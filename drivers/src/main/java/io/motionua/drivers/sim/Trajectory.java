package io.motionua.drivers.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * A motion profile as a list of constant-acceleration segments from a start time, evaluated
 * analytically: the position at any instant is exact whatever the rate at which it is asked. After
 * the last segment the axis sits at {@link #endPosition()} (exactly, for position moves) and then
 * moves on at {@link #finalVelocity()}.
 */
final class Trajectory {

  private static final double NANOS = 1e9;

  /** One segment: a duration in seconds and a constant acceleration in increments/s². */
  private record Segment(double seconds, double acceleration) {}

  private final long startNanos;
  private final double startPosition;
  private final double startVelocity;
  private final List<Segment> segments;
  private final double endPosition;
  private final double finalVelocity;
  private final long endNanos;

  private Trajectory(
      long startNanos,
      double startPosition,
      double startVelocity,
      List<Segment> segments,
      Double exactEnd,
      Double finalVelocity) {
    this.startNanos = startNanos;
    this.startPosition = startPosition;
    this.startVelocity = startVelocity;
    this.segments = List.copyOf(segments);
    double p = startPosition;
    double v = startVelocity;
    double seconds = 0;
    for (Segment s : segments) {
      p += v * s.seconds + 0.5 * s.acceleration * s.seconds * s.seconds;
      v += s.acceleration * s.seconds;
      seconds += s.seconds;
    }
    this.endPosition = exactEnd != null ? exactEnd : p;
    this.finalVelocity = finalVelocity != null ? finalVelocity : v;
    this.endNanos = startNanos + Math.round(seconds * NANOS);
  }

  /** Standing still at a position. */
  static Trajectory hold(long nowNanos, double position) {
    return new Trajectory(nowNanos, position, 0, List.of(), position, 0.0);
  }

  /** Decelerating from the given velocity to standstill. */
  static Trajectory stop(long nowNanos, double position, double velocity, double deceleration) {
    List<Segment> segments = new ArrayList<>();
    if (velocity != 0) {
      segments.add(
          new Segment(Math.abs(velocity) / deceleration, -Math.signum(velocity) * deceleration));
    }
    return new Trajectory(nowNanos, position, velocity, segments, null, 0.0);
  }

  /** Ramping to a target velocity and keeping it (profile velocity mode). */
  static Trajectory toVelocity(
      long nowNanos,
      double position,
      double velocity,
      double target,
      double acceleration,
      double deceleration) {
    boolean speedingUp =
        Math.abs(target) > Math.abs(velocity) && Math.signum(target) * Math.signum(velocity) >= 0;
    double rate = speedingUp ? acceleration : deceleration;
    List<Segment> segments = new ArrayList<>();
    if (target != velocity) {
      segments.add(
          new Segment(Math.abs(target - velocity) / rate, Math.signum(target - velocity) * rate));
    }
    return new Trajectory(nowNanos, position, velocity, segments, null, target);
  }

  /** Moving at constant velocity to a position within a given time, then stopping there. */
  static Trajectory linear(long nowNanos, double position, double target, double seconds) {
    if (seconds <= 0 || target == position) {
      return hold(nowNanos, target); // a repeated setpoint: the axis stands (target reached)
    }
    return new Trajectory(
        nowNanos,
        position,
        (target - position) / seconds,
        List.of(new Segment(seconds, 0)),
        target,
        0.0);
  }

  /**
   * A point-to-point move: trapezoidal (triangular when the distance is too short to reach the
   * velocity), ending exactly on the target. If the axis moves away from the target, or too fast to
   * stop in the distance left, it first stops and then moves back.
   */
  static Trajectory toPosition(
      long nowNanos,
      double position,
      double velocity,
      double target,
      double maxVelocity,
      double acceleration,
      double deceleration) {
    List<Segment> segments = new ArrayList<>();
    double distance = target - position;
    double direction = Math.signum(distance);
    double p = position;
    double u = velocity;
    boolean overshoots =
        u != 0 && (Math.signum(u) != direction || u * u / (2 * deceleration) > Math.abs(distance));
    if (overshoots) {
      double stopSeconds = Math.abs(u) / deceleration;
      segments.add(new Segment(stopSeconds, -Math.signum(u) * deceleration));
      p += u * stopSeconds / 2;
      u = 0;
      direction = Math.signum(target - p);
    }
    double d = Math.abs(target - p);
    double speed = Math.abs(u);
    if (d > 0) {
      addApproach(segments, direction, d, speed, maxVelocity, acceleration, deceleration);
    }
    return new Trajectory(nowNanos, position, velocity, segments, target, 0.0);
  }

  /** Segments covering distance d from speed u (both ≥ 0, toward the target) to standstill. */
  private static void addApproach(
      List<Segment> segments,
      double direction,
      double d,
      double u,
      double vmax,
      double a,
      double dec) {
    if (u > vmax) {
      double slowDistance = (u * u - vmax * vmax) / (2 * dec);
      double brakeDistance = vmax * vmax / (2 * dec);
      if (slowDistance + brakeDistance > d) {
        // Too fast for the ramp: brake at the rate that stops exactly on the target.
        double rate = u * u / (2 * d);
        segments.add(new Segment(u / rate, -direction * rate));
        return;
      }
      segments.add(new Segment((u - vmax) / dec, -direction * dec));
      segments.add(new Segment((d - slowDistance - brakeDistance) / vmax, 0));
      segments.add(new Segment(vmax / dec, -direction * dec));
      return;
    }
    // Peak speed of the triangle: (vp² - u²)/(2a) + vp²/(2dec) = d.
    double peak = Math.sqrt((2 * a * dec * d + dec * u * u) / (a + dec));
    if (peak <= vmax) {
      segments.add(new Segment((peak - u) / a, direction * a));
      segments.add(new Segment(peak / dec, -direction * dec));
      return;
    }
    double accelDistance = (vmax * vmax - u * u) / (2 * a);
    double brakeDistance = vmax * vmax / (2 * dec);
    segments.add(new Segment((vmax - u) / a, direction * a));
    segments.add(new Segment((d - accelDistance - brakeDistance) / vmax, 0));
    segments.add(new Segment(vmax / dec, -direction * dec));
  }

  double position(long nanos) {
    return evaluate(nanos)[0];
  }

  double velocity(long nanos) {
    return evaluate(nanos)[1];
  }

  double acceleration(long nanos) {
    return evaluate(nanos)[2];
  }

  /** Position, velocity and acceleration at an instant. */
  private double[] evaluate(long nanos) {
    if (nanos >= endNanos) {
      double after = (nanos - endNanos) / NANOS;
      return new double[] {endPosition + finalVelocity * after, finalVelocity, 0};
    }
    double t = (nanos - startNanos) / NANOS;
    if (t <= 0) {
      // Before the start (a lagging observer): extrapolate the initial motion backwards.
      return new double[] {startPosition + startVelocity * t, startVelocity, 0};
    }
    double p = startPosition;
    double v = startVelocity;
    for (Segment s : segments) {
      double dt = Math.min(t, s.seconds);
      p += v * dt + 0.5 * s.acceleration * dt * dt;
      v += s.acceleration * dt;
      t -= dt;
      if (t <= 0) {
        return new double[] {p, v, s.acceleration};
      }
    }
    return new double[] {p, v, 0};
  }

  long startNanos() {
    return startNanos;
  }

  /** When the segments end; the axis is at {@link #endPosition()} from then on. */
  long endNanos() {
    return endNanos;
  }

  double endPosition() {
    return endPosition;
  }

  double finalVelocity() {
    return finalVelocity;
  }
}
