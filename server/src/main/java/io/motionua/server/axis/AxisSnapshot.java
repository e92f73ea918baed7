package io.motionua.server.axis;

import io.motionua.drivers.SignalStatus;
import java.time.Instant;

/**
 * An axis as the last poll of its drive saw it, in load-side units.
 *
 * @param status trust in the polled values (the worst of position and statusword)
 * @param sourceTime when the drive delivered the values
 */
public record AxisSnapshot(
    double position,
    double speed,
    double commandedPosition,
    double followingError,
    double motorTemperature,
    int statusword,
    int controlword,
    int errorCode,
    AxisState state,
    boolean homed,
    SignalStatus status,
    Instant sourceTime) {

  AxisSnapshot withState(AxisState newState, boolean isHomed) {
    return new AxisSnapshot(
        position,
        speed,
        commandedPosition,
        followingError,
        motorTemperature,
        statusword,
        controlword,
        errorCode,
        newState,
        isHomed,
        status,
        sourceTime);
  }

  /** True when the values come from the last poll. */
  public boolean isOnline() {
    return status.isGood();
  }

  static AxisSnapshot initial() {
    return new AxisSnapshot(
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        AxisState.Disabled,
        false,
        SignalStatus.BAD_WAITING_FOR_INITIAL_DATA,
        Instant.EPOCH);
  }
}
