package io.motionua.drivers.profile;

/**
 * One bit of a status register of a trigger-scheme drive.
 *
 * @param signal the readable 16-bit signal holding the bit
 * @param bit 0..15
 * @param activeLow true when the bit reads 0 for the condition
 */
public record StatusBit(String signal, int bit, boolean activeLow) {

  /** Whether the condition holds for the register's raw value. */
  public boolean test(long raw) {
    boolean set = ((raw >> bit) & 1) != 0;
    return set != activeLow;
  }
}
