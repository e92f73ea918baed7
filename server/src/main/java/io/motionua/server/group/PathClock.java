package io.motionua.server.group;

/**
 * Path time for the interpolation loop under the machine's SpeedOverride: each cycle the path time
 * τ advances by {@code s · dt} instead of {@code dt}, s being the time scale (the override as a
 * fraction, 0 to 1). Since the axes are sampled on the one path at τ, they stay on it (on the line,
 * or synchronized) whatever s does. A new override is not applied at once: s ramps toward it.
 *
 * <p>The ramp's bound. Axis i is at {@code p_i(τ(t))}, so its velocity is {@code p_i'·s} and its
 * acceleration {@code a_i = p_i''·s² + p_i'·ṡ}. The plan keeps {@code p_i''} within the axis's
 * acceleration limit A_i (speeding up) and deceleration limit D_i (slowing down) at s = 1, so at a
 * steady s ≤ 1 the first term stays within s² of them. The second term is the ramp's own. With σ_i
 * the direction of motion, each cycle takes the largest step toward the override for which, for
 * every moving axis,
 *
 * <ul>
 *   <li>the ramp's own acceleration is within the limits: {@code -D_i ≤ |p_i'|·ṡ ≤ A_i}, and
 *   <li>so is the sum: {@code -D_i ≤ σ_i·p_i''·s² + |p_i'|·ṡ ≤ A_i},
 * </ul>
 *
 * <p>that is {@code ṡ ≤ min_i min(A_i, A_i - σ_i p_i'' s²) / |p_i'|} and {@code ṡ ≥ max_i max(-D_i,
 * -D_i - σ_i p_i'' s²) / |p_i'|}. While every axis cruises (p'' = 0) s ramps at {@code min_i
 * min(A_i, D_i) / |p_i'|} per second: from 1 to 0.5 in 0.1 to 0.17 s on the test cell. At the
 * path's ends (p' = 0) nothing bounds the step. While an axis brakes at its full deceleration at s
 * = 1, s cannot fall: the path ends as planned, which is already the soonest it can stop. The bound
 * is evaluated once per cycle, at the cycle's start.
 *
 * <p>Thread-safe: the loop advances it, the group sets the override.
 */
final class PathClock implements OverrideFollower {

  private final GroupPath path;
  private final double[] accel;
  private final double[] decel;
  private final double[] velocities;
  private final double[] accelerations;

  /** Slowest ramp rate while cruising, per second: bounds the watchdog's estimate of a ramp. */
  private final double cruiseRate;

  private double tau;
  private double scale;
  private double target;
  private long last = Long.MIN_VALUE;
  private long finishedAt = -1;

  /**
   * @param accel each axis's acceleration limit, load-side units
   * @param decel each axis's deceleration limit
   * @param scale the time scale from the start (the override when the move starts)
   */
  PathClock(GroupPath path, double[] accel, double[] decel, double scale) {
    this.path = path;
    this.accel = accel.clone();
    this.decel = decel.clone();
    this.velocities = new double[accel.length];
    this.accelerations = new double[accel.length];
    this.scale = scale;
    this.target = scale;
    double rate = Double.POSITIVE_INFINITY;
    for (int i = 0; i < accel.length; i++) {
      double peak = path.profile(i)[0];
      if (peak > 0) {
        rate = Math.min(rate, Math.min(accel[i], decel[i]) / peak);
      }
    }
    this.cruiseRate = rate;
  }

  /**
   * Advances to {@code nanos} ({@link System#nanoTime()}) and returns the path time. The first call
   * starts the path (τ = 0).
   */
  synchronized double advance(long nanos) {
    if (last == Long.MIN_VALUE) {
      last = nanos;
      return tau;
    }
    double dt = Math.max(0, (nanos - last) / 1e9);
    last = nanos;
    double next = scale;
    if (target != scale && dt > 0) {
      double[] bounds = rateBounds(tau, scale);
      double wanted = (target - scale) / dt;
      next = scale + Math.max(bounds[0], Math.min(bounds[1], wanted)) * dt;
    }
    tau += (scale + next) / 2 * dt;
    scale = next;
    if (tau >= path.duration() && finishedAt < 0) {
      finishedAt = nanos;
    }
    return tau;
  }

  /** The time scale s now: the axes move at s times the planned velocity. */
  synchronized double scale() {
    return scale;
  }

  @Override
  public synchronized void overrideChanged(double fraction) {
    target = Math.max(0, Math.min(1, fraction));
  }

  @Override
  public synchronized long expectedEndNanos() {
    if (finishedAt >= 0) {
      return finishedAt;
    }
    if (target == 0) {
      return Long.MAX_VALUE;
    }
    long now = last == Long.MIN_VALUE ? System.nanoTime() : last;
    double ramp = Double.isInfinite(cruiseRate) ? 0 : Math.abs(target - scale) / cruiseRate;
    double seconds = ramp + Math.max(0, path.duration() - tau) / target;
    return now + Math.round(seconds * 1e9);
  }

  /** The range of ṡ (per second) allowed at path time {@code tau} and scale {@code s}. */
  double[] rateBounds(double tau, double s) {
    path.velocities(tau, velocities);
    path.accelerations(tau, accelerations);
    double low = Double.NEGATIVE_INFINITY;
    double high = Double.POSITIVE_INFINITY;
    for (int i = 0; i < velocities.length; i++) {
      double speed = Math.abs(velocities[i]);
      if (speed < 1e-12) {
        continue;
      }
      double along = Math.signum(velocities[i]) * accelerations[i] * s * s;
      high = Math.min(high, Math.min(accel[i], accel[i] - along) / speed);
      low = Math.max(low, Math.max(-decel[i], -decel[i] - along) / speed);
    }
    // Never forced away from a steady scale (rounding at a full ramp of the plan).
    return new double[] {Math.min(low, 0), Math.max(high, 0)};
  }
}
