package io.motionua.server.group;

import io.motionua.server.group.PlanException.Reason;

/**
 * Plans the moves of an axis group (PLCopen Part 4): time-synchronized point-to-point moves and
 * straight-line moves in axis space. Pure math on the caller's arrays: no I/O, no shared state,
 * safe from any thread. Planning allocates only the plan itself; array {@code i} of every argument
 * describes axis {@code i}.
 */
public final class GroupPlanner {

  private GroupPlanner() {}

  /**
   * {@link #planSynchronized(double[], double[], AxisLimits[], String[], double)} with axes named
   * by index.
   */
  public static SynchronizedPlan planSynchronized(
      double[] start, double[] target, AxisLimits[] limits, double velocityScale)
      throws PlanException {
    return planSynchronized(start, target, limits, null, velocityScale);
  }

  /**
   * A move in which every axis starts together and finishes together. The axis whose fastest move
   * at {@code velocityScale} times its velocity limit takes longest sets the duration; every other
   * axis gets a lower peak velocity (same acceleration, deceleration and jerk limits) that makes it
   * last exactly as long. Axes that do not move get a standstill profile of that duration.
   *
   * @param names axis names for messages, or null to name axes by index
   * @param velocityScale fraction of each axis's velocity limit, in (0, 1]
   * @throws PlanException if a target is outside its axis's software limits or the request is
   *     malformed; the message names the axis
   */
  public static SynchronizedPlan planSynchronized(
      double[] start, double[] target, AxisLimits[] limits, String[] names, double velocityScale)
      throws PlanException {
    checkRequest(start, target, limits, names);
    if (!(velocityScale > 0 && velocityScale <= 1)) {
      throw new PlanException(
          Reason.INVALID_REQUEST, -1, "velocity scale " + velocityScale + " is outside (0, 1]");
    }
    int n = start.length;
    double duration = 0;
    int slowest = -1;
    for (int i = 0; i < n; i++) {
      AxisLimits l = limits[i];
      double axisDuration =
          AxisProfile.fastestDuration(
              Math.abs(target[i] - start[i]),
              l.velocity() * velocityScale,
              l.acceleration(),
              l.deceleration(),
              l.jerkOrZero());
      if (axisDuration > duration) {
        duration = axisDuration;
        slowest = i;
      }
    }
    AxisProfile[] profiles = new AxisProfile[n];
    for (int i = 0; i < n; i++) {
      AxisLimits l = limits[i];
      if (start[i] == target[i]) {
        profiles[i] = AxisProfile.standstill(start[i], duration);
      } else if (i == slowest) {
        // Its own fastest profile, whose duration is `duration` bit for bit.
        profiles[i] =
            AxisProfile.fastest(
                start[i],
                target[i],
                l.velocity() * velocityScale,
                l.acceleration(),
                l.deceleration(),
                l.jerkOrZero());
      } else {
        profiles[i] =
            AxisProfile.stretchedUnchecked(
                start[i],
                target[i],
                l.velocity() * velocityScale,
                l.acceleration(),
                l.deceleration(),
                l.jerkOrZero(),
                duration);
      }
    }
    return new SynchronizedPlan(profiles, duration, slowest);
  }

  /**
   * {@link #planLinear(double[], double[], AxisLimits[], String[], double, double)} with axes named
   * by index.
   */
  public static LinearPlan planLinear(
      double[] start, double[] target, AxisLimits[] limits, double velocity, double acceleration)
      throws PlanException {
    return planLinear(start, target, limits, null, velocity, acceleration);
  }

  /**
   * A straight-line move in axis space at up to {@code velocity} and {@code acceleration} along the
   * path. Each axis moves at the path's rate times its share of the line ({@code |target - start| /
   * length}), so the path velocity, acceleration, deceleration and (if any axis has one) jerk are
   * lowered until every axis stays within its own limits.
   *
   * @param names axis names for messages, or null to name axes by index
   * @param velocity requested path velocity, > 0
   * @param acceleration requested path acceleration and deceleration, > 0
   * @throws PlanException if a target is outside its axis's software limits or the request is
   *     malformed; the message names the axis
   */
  public static LinearPlan planLinear(
      double[] start,
      double[] target,
      AxisLimits[] limits,
      String[] names,
      double velocity,
      double acceleration)
      throws PlanException {
    checkRequest(start, target, limits, names);
    if (!(velocity > 0) || !Double.isFinite(velocity)) {
      throw new PlanException(
          Reason.INVALID_REQUEST, -1, "path velocity " + velocity + " must be positive and finite");
    }
    if (!(acceleration > 0) || !Double.isFinite(acceleration)) {
      throw new PlanException(
          Reason.INVALID_REQUEST,
          -1,
          "path acceleration " + acceleration + " must be positive and finite");
    }
    int n = start.length;
    double[] from = start.clone();
    double[] to = target.clone();
    double[] delta = new double[n];
    double sumOfSquares = 0;
    for (int i = 0; i < n; i++) {
      delta[i] = to[i] - from[i];
      sumOfSquares += delta[i] * delta[i];
    }
    double length = Math.sqrt(sumOfSquares);
    if (length == 0) {
      return new LinearPlan(from, to, delta, 0, AxisProfile.standstill(0, 0));
    }
    double pathVelocity = velocity;
    double pathAccel = acceleration;
    double pathDecel = acceleration;
    double pathJerk = Double.POSITIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      double share = Math.abs(delta[i]) / length;
      if (share == 0) {
        continue;
      }
      AxisLimits l = limits[i];
      pathVelocity = Math.min(pathVelocity, l.velocity() / share);
      pathAccel = Math.min(pathAccel, l.acceleration() / share);
      pathDecel = Math.min(pathDecel, l.deceleration() / share);
      if (l.jerk().isPresent()) {
        pathJerk = Math.min(pathJerk, l.jerk().getAsDouble() / share);
      }
    }
    AxisProfile path =
        AxisProfile.fastest(
            0,
            length,
            pathVelocity,
            pathAccel,
            pathDecel,
            pathJerk == Double.POSITIVE_INFINITY ? 0 : pathJerk);
    return new LinearPlan(from, to, delta, length, path);
  }

  private static void checkRequest(
      double[] start, double[] target, AxisLimits[] limits, String[] names) throws PlanException {
    int n = limits.length;
    checkCount("start positions", start.length, n);
    checkCount("target positions", target.length, n);
    if (names != null) {
      checkCount("axis names", names.length, n);
    }
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(start[i])) {
        throw new PlanException(
            Reason.INVALID_REQUEST,
            i,
            "axis " + name(names, i) + ": start position " + start[i] + " is not finite");
      }
      double t = target[i];
      if (!Double.isFinite(t)) {
        throw new PlanException(
            Reason.INVALID_REQUEST,
            i,
            "axis " + name(names, i) + ": target " + t + " is not finite");
      }
      AxisLimits l = limits[i];
      if (!l.contains(t)) {
        throw new PlanException(
            Reason.OUTSIDE_SOFTWARE_LIMITS,
            i,
            "axis "
                + name(names, i)
                + ": target "
                + t
                + " is outside the software limits ["
                + l.minPosition()
                + ", "
                + l.maxPosition()
                + "]");
      }
    }
  }

  private static void checkCount(String what, int actual, int axes) throws PlanException {
    if (actual != axes) {
      throw new PlanException(
          Reason.INVALID_REQUEST,
          -1,
          "expected " + axes + " " + what + " (one per axis), got " + actual);
    }
  }

  private static String name(String[] names, int axis) {
    return names == null ? Integer.toString(axis) : names[axis];
  }
}
