package io.motionua.server.group;

/**
 * Server-side deceleration for the interpolation loop: each axis goes from its last commanded
 * position and velocity to standstill at its own deceleration, {@code p(t) = p0 + v0 t - sign(v0) d
 * t² / 2} until {@code t = |v0| / d}.
 */
final class StopPath implements GroupPath {

  private final double[] from;
  private final double[] velocity;
  private final double[] deceleration;
  private final double duration;

  StopPath(double[] from, double[] velocity, double[] deceleration) {
    this.from = from.clone();
    this.velocity = velocity.clone();
    this.deceleration = deceleration.clone();
    double longest = 0;
    for (int i = 0; i < from.length; i++) {
      longest = Math.max(longest, stopTime(i));
    }
    this.duration = longest;
  }

  private double stopTime(int i) {
    return Math.abs(velocity[i]) / deceleration[i];
  }

  @Override
  public double duration() {
    return duration;
  }

  @Override
  public void positions(double t, double[] out) {
    for (int i = 0; i < from.length; i++) {
      double s = Math.min(Math.max(t, 0), stopTime(i));
      out[i] = from[i] + velocity[i] * s - Math.signum(velocity[i]) * deceleration[i] * s * s / 2;
    }
  }

  @Override
  public void velocities(double t, double[] out) {
    for (int i = 0; i < from.length; i++) {
      double s = Math.min(Math.max(t, 0), stopTime(i));
      out[i] = velocity[i] - Math.signum(velocity[i]) * deceleration[i] * s;
    }
  }

  @Override
  public void accelerations(double t, double[] out) {
    for (int i = 0; i < from.length; i++) {
      out[i] = t >= 0 && t < stopTime(i) ? -Math.signum(velocity[i]) * deceleration[i] : 0;
    }
  }

  @Override
  public double target(int i) {
    double[] out = new double[from.length];
    positions(duration, out);
    return out[i];
  }

  @Override
  public double[] profile(int i) {
    return new double[] {Math.abs(velocity[i]), deceleration[i], deceleration[i]};
  }
}
