package io.motionua.server.axis;

import io.motionua.server.config.AxisSpec;
import io.motionua.server.config.LimitsSpec;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;

/**
 * The limits in force for one axis and the range checks of its command arguments: each refusal is
 * Bad_OutOfRange naming the axis, the argument, its range and the unit.
 */
final class AxisArguments {

  /** An argument check that may refuse. */
  @FunctionalInterface
  interface Check {
    void run() throws UaException;
  }

  private final AxisSpec spec;
  private final AxisUnits units;
  private volatile LimitsSpec limits;

  AxisArguments(AxisSpec spec, AxisUnits units) {
    this.spec = spec;
    this.units = units;
    this.limits = spec.limits();
  }

  LimitsSpec limits() {
    return limits;
  }

  /**
   * Sets one software limit and keeps the other as it is now, in one step: two clients writing the
   * two limits at once cannot undo each other's write.
   *
   * @param positive the upper limit when true, else the lower one
   */
  synchronized LimitsSpec setSoftwareLimit(boolean positive, double value) throws UaException {
    LimitsSpec now = limits;
    setSoftwareLimits(positive ? now.min() : value, positive ? value : now.max());
    return limits;
  }

  synchronized void setSoftwareLimits(double min, double max) throws UaException {
    if (spec.isEndless()) {
      throw new UaException(
          StatusCodes.Bad_NotSupported,
          "axis %s is endless (%s): it has no software limits; its position wraps into [%s, %s) %s"
              .formatted(
                  spec.name(),
                  spec.motionProfile(),
                  spec.limits().min(),
                  spec.limits().max(),
                  units.unit()));
    }
    LimitsSpec configured = spec.limits();
    if (!(min < max) || min < configured.min() || max > configured.max()) {
      throw new UaException(
          StatusCodes.Bad_OutOfRange,
          "axis %s: software limits [%s, %s] must lie within the configured [%s, %s] %s"
              .formatted(spec.name(), min, max, configured.min(), configured.max(), units.unit()));
    }
    LimitsSpec now = limits;
    limits = new LimitsSpec(min, max, now.velocity(), now.acceleration(), now.deceleration());
  }

  void checkAbsolute(double position, double velocity, double acceleration, double deceleration)
      throws UaException {
    checkRange("Position", position, limits.min(), limits.max());
    checkProfile(velocity, acceleration, deceleration);
  }

  void checkRelative(
      double from, double distance, double velocity, double acceleration, double deceleration)
      throws UaException {
    LimitsSpec lim = limits;
    double target = from + distance;
    // An endless axis has no travel limits: any distance goes round.
    if (!spec.isEndless() && !(target >= lim.min() && target <= lim.max())) {
      throw new UaException(
          StatusCodes.Bad_OutOfRange,
          "axis %s: Distance %s from %s ends at %s, outside the software limits [%s, %s] %s"
              .formatted(spec.name(), distance, from, target, lim.min(), lim.max(), units.unit()));
    }
    checkProfile(velocity, acceleration, deceleration);
  }

  void checkVelocity(double velocity, double acceleration, double deceleration) throws UaException {
    LimitsSpec lim = limits;
    checkRange("Velocity", velocity, -lim.velocity(), lim.velocity());
    checkRange("Acceleration", acceleration, 0, lim.acceleration());
    checkRange("Deceleration", deceleration, 0, lim.deceleration());
  }

  private void checkProfile(double velocity, double acceleration, double deceleration)
      throws UaException {
    LimitsSpec lim = limits;
    checkRange("Velocity", velocity, 0, lim.velocity());
    checkRange("Acceleration", acceleration, 0, lim.acceleration());
    checkRange("Deceleration", deceleration, 0, lim.deceleration());
  }

  void checkRange(String argument, double value, double min, double max) throws UaException {
    if (!(value >= min && value <= max)) {
      throw new UaException(
          StatusCodes.Bad_OutOfRange,
          "axis %s: %s %s is out of range [%s, %s] %s"
              .formatted(spec.name(), argument, value, min, max, units.unit()));
    }
  }

  /** 0 means the axis's limit. */
  static double orDefault(double value, double limit) {
    return value == 0 ? limit : value;
  }
}
