package io.motionua.server.group;

/**
 * A straight-line move in axis space: one path profile s(t) from 0 to {@link #length()} (the
 * Euclidean length of the move, mixing the axes' units as they are), and every axis at {@code start
 * + (target - start) * s / length}, so at every instant all axes lie on the line, not only at the
 * ends. Immutable; the sampling methods write into a caller's array.
 */
public final class LinearPlan {

  private final double[] start;
  private final double[] target;
  private final double[] delta;
  private final double length;
  private final AxisProfile path;

  LinearPlan(double[] start, double[] target, double[] delta, double length, AxisProfile path) {
    this.start = start;
    this.target = target;
    this.delta = delta;
    this.length = length;
    this.path = path;
  }

  public double duration() {
    return path.duration();
  }

  public int axisCount() {
    return start.length;
  }

  /** Euclidean length of the move in axis space. */
  public double length() {
    return length;
  }

  /**
   * The scalar path profile, from 0 to {@link #length()}, with the path velocity and acceleration
   * already reduced so that no axis exceeds its own limits.
   */
  public AxisProfile path() {
    return path;
  }

  /** Writes every axis's position at {@code t} seconds into {@code out[0..axisCount)}. */
  public void positions(double t, double[] out) {
    checkLength(out);
    double f = length == 0 ? 1 : path.position(t) / length;
    // Interpolate from the nearer end, so both ends are hit exactly.
    if (f <= 0.5) {
      for (int i = 0; i < start.length; i++) {
        out[i] = start[i] + delta[i] * f;
      }
    } else {
      double rest = 1 - f;
      for (int i = 0; i < start.length; i++) {
        out[i] = target[i] - delta[i] * rest;
      }
    }
  }

  /** Writes every axis's velocity at {@code t} seconds into {@code out[0..axisCount)}. */
  public void velocities(double t, double[] out) {
    checkLength(out);
    double rate = length == 0 ? 0 : path.velocity(t) / length;
    for (int i = 0; i < start.length; i++) {
      out[i] = delta[i] * rate;
    }
  }

  /** Writes every axis's acceleration at {@code t} seconds into {@code out[0..axisCount)}. */
  public void accelerations(double t, double[] out) {
    checkLength(out);
    double rate = length == 0 ? 0 : path.acceleration(t) / length;
    for (int i = 0; i < start.length; i++) {
      out[i] = delta[i] * rate;
    }
  }

  private void checkLength(double[] out) {
    if (out.length < start.length) {
      throw new IllegalArgumentException(
          "output holds " + out.length + " values, the plan has " + start.length + " axes");
    }
  }

  @Override
  public String toString() {
    return "linear move of " + start.length + " axes over " + length + " in " + duration() + " s";
  }
}
