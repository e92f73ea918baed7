package io.motionua.drivers.profile;

/** How a signal's registers encode its value. */
public enum DataType {
  /** A coil or discrete input. */
  BOOL(1, false),
  /** One bit of a holding or input register ({@link SignalSpec#bit()}); read-only. */
  BIT(1, false),
  INT16(1, true),
  UINT16(1, false),
  INT32(2, true),
  UINT32(2, false),
  INT64(4, true),
  FLOAT32(2, true),
  FLOAT64(4, true),
  /** Text, two bytes per register, high byte first, NUL-padded ({@link SignalSpec#length()}). */
  STRING(0, false);

  private final int registers;
  private final boolean signed;

  DataType(int registers, boolean signed) {
    this.registers = registers;
    this.signed = signed;
  }

  /** Number of 16-bit registers (or bits, for BOOL) the value occupies; 0 for STRING. */
  public int registers() {
    return registers;
  }

  public boolean isSigned() {
    return signed;
  }

  public boolean isFloat() {
    return this == FLOAT32 || this == FLOAT64;
  }
}
