package io.motionua.drivers.profile;

/**
 * One write a trigger-scheme drive takes as a command: a value into a register or coil (enable, an
 * opcode), or, with {@code risingEdge}, the value with that bit clear and then with it set.
 *
 * @param signal the writable signal of the profile
 * @param value the value to write, in the signal's units
 * @param risingEdge the bit (0..15) whose rising edge starts the command, or -1 for a plain write
 */
public record SignalWrite(String signal, long value, int risingEdge) {

  public boolean isEdge() {
    return risingEdge >= 0;
  }

  /** The value with the edge bit set (the plain value for a plain write). */
  public long raised() {
    return isEdge() ? value | (1L << risingEdge) : value;
  }

  /** The value with the edge bit clear. */
  public long lowered() {
    return isEdge() ? value & ~(1L << risingEdge) : value;
  }
}
