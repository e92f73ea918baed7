package io.motionua.server.config;

/**
 * An axis's limits in load-side units (degrees or millimetres, per second, per second squared).
 * Velocity, acceleration and deceleration are both the maxima and the defaults of a move that does
 * not give its own.
 */
public record LimitsSpec(
    Double min, Double max, Double velocity, Double acceleration, Double deceleration) {

  static final LimitsSpec DEFAULT = new LimitsSpec(-180.0, 180.0, 90.0, 360.0, 360.0);

  LimitsSpec withDefaults() {
    return new LimitsSpec(
        min == null ? DEFAULT.min : min,
        max == null ? DEFAULT.max : max,
        velocity == null ? DEFAULT.velocity : velocity,
        acceleration == null ? DEFAULT.acceleration : acceleration,
        deceleration == null
            ? acceleration == null ? DEFAULT.deceleration : acceleration
            : deceleration);
  }
}
