package io.motionua.drivers.profile;

/** The four Modbus data tables. */
public enum RegisterTable {
  /** 0x, read with FC01, written with FC05/FC15. */
  COIL,
  /** 1x, read-only, FC02. */
  DISCRETE_INPUT,
  /** 3x, read-only, FC04. */
  INPUT_REGISTER,
  /** 4x, read with FC03, written with FC06/FC16. */
  HOLDING_REGISTER;

  /** True for the tables that hold single bits rather than 16-bit registers. */
  public boolean isBitTable() {
    return this == COIL || this == DISCRETE_INPUT;
  }

  /** True for the tables a master may write. */
  public boolean isWritable() {
    return this == COIL || this == HOLDING_REGISTER;
  }
}
