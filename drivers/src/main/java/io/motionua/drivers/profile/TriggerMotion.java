package io.motionua.drivers.profile;

import java.util.Map;
import java.util.Optional;

/**
 * How a drive that does not speak CiA 402 is commanded and read, as its profile's {@code motion:}
 * section declares it (docs/drive-profiles.md): writes that enable, start, stop, home and reset it,
 * and status bits that say what it does. Optional parts are null.
 *
 * @param enable the write that enables the drive
 * @param disable the write that removes power
 * @param move a positioning move: target, speed (acc, dec), then the trigger
 * @param velocityMove a velocity move, or null when the drive has none
 * @param halt the write that decelerates to standstill
 * @param stop the write for MC_Stop, or null: the halt write
 * @param home the write that starts a homing run, or null when the drive cannot home
 * @param reset the write that clears an alarm
 * @param setPosition writes a new actual position, or null when the drive cannot
 * @param enabled status bit: the drive is enabled
 * @param inPosition status bit: the drive is at its target, or null
 * @param moving status bit: a motion runs, or null (then in-position alone says it is over)
 * @param alarm status bit: the drive is in alarm
 * @param homeDone status bit: a homing run has completed, or null
 * @param faultCode the signal holding the alarm code, or null
 * @param faultTexts texts of the alarm codes, from the drive's manual
 * @param confirmWrites whether each value write is read back before the command goes on
 */
public record TriggerMotion(
    SignalWrite enable,
    SignalWrite disable,
    MotionCommand move,
    MotionCommand velocityMove,
    SignalWrite halt,
    SignalWrite stop,
    SignalWrite home,
    SignalWrite reset,
    MotionCommand setPosition,
    StatusBit enabled,
    StatusBit inPosition,
    StatusBit moving,
    StatusBit alarm,
    StatusBit homeDone,
    String faultCode,
    Map<Integer, String> faultTexts,
    boolean confirmWrites) {

  public TriggerMotion {
    faultTexts = Map.copyOf(faultTexts);
  }

  /** The text of an alarm code, if the profile has one. */
  public Optional<String> faultText(int code) {
    return Optional.ofNullable(faultTexts.get(code));
  }
}
