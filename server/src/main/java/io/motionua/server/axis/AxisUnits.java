package io.motionua.server.axis;

import io.motionua.server.config.AxisSpec;
import io.motionua.server.config.MotorSpec;
import io.motionua.server.config.ReducerSpec;

/**
 * Converts between the drive's motor-side increments and the axis's load-side engineering units.
 *
 * <p>Rotary axes: {@code degrees = increments / incrementsPerRev / ratio * 360}. Linear axes:
 * {@code millimetres = increments / incrementsPerRev / ratio * pitch}. The reducer's ratio (motor
 * revolutions per load revolution) and pitch (mm per load revolution) are real inputs here.
 *
 * @param incrementsPerUnit motor increments per degree or millimetre of load travel
 * @param unit {@code deg} or {@code mm}
 */
public record AxisUnits(double incrementsPerUnit, String unit) {

  public static AxisUnits of(AxisSpec axis, MotorSpec motor, ReducerSpec reducer) {
    double perLoadRev = motor.incrementsPerRev() * reducer.ratio();
    if (axis.isLinear()) {
      return new AxisUnits(perLoadRev / reducer.pitch(), "mm");
    }
    return new AxisUnits(perLoadRev / 360.0, "deg");
  }

  /** A load-side position, speed or acceleration in drive increments, rounded to the nearest. */
  public long toIncrements(double units) {
    return Math.round(units * incrementsPerUnit);
  }

  /** Drive increments (or increments per second, per second squared) in load-side units. */
  public double toUnits(double increments) {
    return increments / incrementsPerUnit;
  }

  public boolean isLinear() {
    return unit.equals("mm");
  }
}
