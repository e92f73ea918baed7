package io.motionua.server.axis;

import io.motionua.drivers.SignalStatus;
import java.time.Instant;

/**
 * An axis as the last poll of its drive saw it, in load-side units.
 *
 * @param drive the drive's state as its scheme decoded it
 * @param status trust in the polled values (the worst of position and the drive's status word)
 * @param sourceTime when the drive delivered the values
 */
public record AxisSnapshot(
    double position,
    double speed,
    double commandedPosition,
    double followingError,
    double motorTemperature,
    DriveStatus drive,
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
        drive,
        newState,
        isHomed,
        status,
        sourceTime);
  }

  /** The drive's own status word (CiA 402: the statusword; trigger drives: their status). */
  public int statusword() {
    return drive.statusBits();
  }

  /** The drive's own command word as read (CiA 402: the controlword), or 0. */
  public int controlword() {
    return drive.commandBits();
  }

  /** The drive's fault code, 0 when there is none. */
  public int errorCode() {
    return drive.faultCode();
  }

  /** True when the values come from the last poll. */
  public boolean isOnline() {
    return status.isGood();
  }

  /** Online, and the drive reports the motion it was given over and the motor standing. */
  public boolean isStanding() {
    return isOnline() && drive.standing();
  }

  static AxisSnapshot initial() {
    return new AxisSnapshot(
        0,
        0,
        0,
        0,
        0,
        DriveStatus.unknown(),
        AxisState.Disabled,
        false,
        SignalStatus.BAD_WAITING_FOR_INITIAL_DATA,
        Instant.EPOCH);
  }
}
