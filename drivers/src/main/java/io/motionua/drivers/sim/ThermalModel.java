package io.motionua.drivers.sim;

import java.util.function.LongToDoubleFunction;

/**
 * The motor's temperature as a first-order model: it approaches ambient plus a rise proportional to
 * speed (40 °C at 1,000,000 inc/s, at most 1.5 times that) with a 30 s time constant.
 */
final class ThermalModel {

  static final double AMBIENT_CELSIUS = 30.0;
  static final double WARNING_CELSIUS = 80.0;

  private static final double RATED_VELOCITY = 1_000_000;
  private static final double RATED_RISE = 40;
  private static final double TIME_CONSTANT_S = 30;
  private static final long STEP_NANOS = 100_000_000;

  private double celsius = AMBIENT_CELSIUS;
  private long nanos;

  ThermalModel(long startNanos) {
    this.nanos = startNanos;
  }

  /** Integrates up to {@code now} in steps of at most 100 ms, with the velocity at each step. */
  void advance(long now, LongToDoubleFunction velocityAt) {
    while (nanos < now) {
      long dt = Math.min(STEP_NANOS, now - nanos);
      nanos += dt;
      double speed = Math.abs(velocityAt.applyAsDouble(nanos)) / RATED_VELOCITY;
      double steady = AMBIENT_CELSIUS + RATED_RISE * Math.min(speed, 1.5);
      celsius += (steady - celsius) * (1 - Math.exp(-dt / 1e9 / TIME_CONSTANT_S));
    }
  }

  double celsius() {
    return celsius;
  }
}
