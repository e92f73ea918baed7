package io.motionua.server.group;

/**
 * What the members of a group follow during one move: positions over time for the interpolation
 * loop, and per-axis profile parameters for drives that run their own profiles. Load-side units.
 */
interface GroupPath {

  double duration();

  /** Every axis's position at {@code t} seconds (clamped to the path) into {@code out}. */
  void positions(double t, double[] out);

  /** Every axis's velocity at {@code t} seconds into {@code out}. */
  void velocities(double t, double[] out);

  /** Every axis's acceleration at {@code t} seconds into {@code out}. */
  void accelerations(double t, double[] out);

  /** Where axis {@code i} ends. */
  double target(int i);

  /** The drive-side profile of axis {@code i}: peak velocity, acceleration, deceleration. */
  double[] profile(int i);

  /** A time-synchronized move: each drive gets its stretched profile's peak and ramps. */
  static GroupPath of(SynchronizedPlan plan) {
    return new GroupPath() {
      @Override
      public double duration() {
        return plan.duration();
      }

      @Override
      public void positions(double t, double[] out) {
        plan.positions(t, out);
      }

      @Override
      public void velocities(double t, double[] out) {
        plan.velocities(t, out);
      }

      @Override
      public void accelerations(double t, double[] out) {
        plan.accelerations(t, out);
      }

      @Override
      public double target(int i) {
        return plan.profile(i).target();
      }

      @Override
      public double[] profile(int i) {
        AxisProfile p = plan.profile(i);
        return new double[] {p.peakVelocity(), p.accelerationLimit(), p.decelerationLimit()};
      }
    };
  }

  /**
   * A straight line: axis {@code i} runs the path profile scaled by its share of the line, so a
   * drive running that trapezoid stays on the line too (jerk-free profiles only).
   */
  static GroupPath of(LinearPlan plan, double[] target) {
    return new GroupPath() {
      @Override
      public double duration() {
        return plan.duration();
      }

      @Override
      public void positions(double t, double[] out) {
        plan.positions(t, out);
      }

      @Override
      public void velocities(double t, double[] out) {
        plan.velocities(t, out);
      }

      @Override
      public void accelerations(double t, double[] out) {
        plan.accelerations(t, out);
      }

      @Override
      public double target(int i) {
        return target[i];
      }

      @Override
      public double[] profile(int i) {
        double[] start = new double[target.length];
        plan.positions(0, start);
        double share = plan.length() == 0 ? 0 : Math.abs(target[i] - start[i]) / plan.length();
        AxisProfile p = plan.path();
        return new double[] {
          p.peakVelocity() * share, p.accelerationLimit() * share, p.decelerationLimit() * share
        };
      }
    };
  }
}
