package io.motionua.server.group;

/**
 * A time-synchronized point-to-point move: one profile per axis, all starting at t = 0 and all
 * reaching standstill on target at {@link #duration()}. Immutable; the sampling methods write into
 * a caller's array so a cyclic loop allocates nothing.
 */
public final class SynchronizedPlan {

  private final AxisProfile[] profiles;
  private final double duration;
  private final int slowestAxis;

  SynchronizedPlan(AxisProfile[] profiles, double duration, int slowestAxis) {
    this.profiles = profiles;
    this.duration = duration;
    this.slowestAxis = slowestAxis;
  }

  /** Seconds from the common start to the common finish. */
  public double duration() {
    return duration;
  }

  public int axisCount() {
    return profiles.length;
  }

  /** The axis whose own fastest move set the duration, or -1 when no axis moves. */
  public int slowestAxis() {
    return slowestAxis;
  }

  public AxisProfile profile(int axis) {
    return profiles[axis];
  }

  /** Writes every axis's position at {@code t} seconds into {@code out[0..axisCount)}. */
  public void positions(double t, double[] out) {
    checkLength(out);
    for (int i = 0; i < profiles.length; i++) {
      out[i] = profiles[i].position(t);
    }
  }

  /** Writes every axis's velocity at {@code t} seconds into {@code out[0..axisCount)}. */
  public void velocities(double t, double[] out) {
    checkLength(out);
    for (int i = 0; i < profiles.length; i++) {
      out[i] = profiles[i].velocity(t);
    }
  }

  /** Writes every axis's acceleration at {@code t} seconds into {@code out[0..axisCount)}. */
  public void accelerations(double t, double[] out) {
    checkLength(out);
    for (int i = 0; i < profiles.length; i++) {
      out[i] = profiles[i].acceleration(t);
    }
  }

  private void checkLength(double[] out) {
    if (out.length < profiles.length) {
      throw new IllegalArgumentException(
          "output holds " + out.length + " values, the plan has " + profiles.length + " axes");
    }
  }

  @Override
  public String toString() {
    return "synchronized move of "
        + profiles.length
        + " axes in "
        + duration
        + " s, set by axis "
        + slowestAxis;
  }
}
