package io.motionua.drivers.profile;

/**
 * Order of the bytes of a multi-register value on the wire, named after the value {@code
 * 0xAABBCCDD} (for 64-bit values the pattern extends to eight bytes). Modbus itself only fixes the
 * byte order inside one register (high byte first); the order of the registers varies by vendor.
 */
public enum WordOrder {
  /** High word first, high byte first: AA BB CC DD. Modbus's own convention. */
  BIG_ENDIAN,
  /** Low word first, high byte first inside each word: CC DD AA BB. */
  WORD_SWAPPED,
  /** High word first, low byte first inside each word: BB AA DD CC. */
  BYTE_SWAPPED,
  /** Low word first, low byte first: DD CC BB AA. */
  LITTLE_ENDIAN;

  boolean swapsWords() {
    return this == WORD_SWAPPED || this == LITTLE_ENDIAN;
  }

  boolean swapsBytes() {
    return this == BYTE_SWAPPED || this == LITTLE_ENDIAN;
  }
}
