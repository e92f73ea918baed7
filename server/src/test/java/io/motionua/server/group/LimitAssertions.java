package io.motionua.server.group;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;

/** Checks one sampled instant of one axis against its limits, with a rounding allowance. */
final class LimitAssertions {

  /** Relative allowance for floating-point rounding, far below any real violation. */
  static final double SLACK = 1 + 1e-9;

  private LimitAssertions() {}

  /**
   * Speed within {@code velocityLimit}; acceleration within the acceleration limit while speeding
   * up and within the deceleration limit while slowing down.
   */
  static void assertWithin(
      String where,
      double velocity,
      double acceleration,
      double velocityLimit,
      double accelerationLimit,
      double decelerationLimit) {
    assertTrue(
        Math.abs(velocity) <= velocityLimit * SLACK,
        where + ": speed " + velocity + " above " + velocityLimit);
    double limit = acceleration * velocity < 0 ? decelerationLimit : accelerationLimit;
    if (velocity == 0) {
      limit = Math.max(accelerationLimit, decelerationLimit);
    }
    assertTrue(
        Math.abs(acceleration) <= limit * SLACK,
        where + ": acceleration " + acceleration + " above " + limit + " at speed " + velocity);
  }

  static void assertWithin(String where, AxisProfile profile, double t, AxisLimits limits) {
    assertWithin(
        where,
        profile.velocity(t),
        profile.acceleration(t),
        limits.velocity(),
        limits.acceleration(),
        limits.deceleration());
  }

  /** Largest change of acceleration per second seen between neighbouring samples. */
  static double largestJerk(AxisProfile profile, int samples) {
    return largestRate(profile::acceleration, profile.duration(), samples);
  }

  /** Largest position step between neighbouring samples, divided by the sample spacing. */
  static double largestStepRate(AxisProfile profile, int samples) {
    return largestRate(profile::position, profile.duration(), samples);
  }

  private static double largestRate(DoubleUnaryOperator f, double duration, int samples) {
    double h = duration / samples;
    double largest = 0;
    double previous = f.applyAsDouble(0);
    for (int k = 1; k <= samples; k++) {
      double value = f.applyAsDouble(k * h);
      largest = Math.max(largest, Math.abs(value - previous) / h);
      previous = value;
    }
    return largest;
  }
}
