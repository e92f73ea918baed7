package io.motionua.drivers.sim;

/** A register access the simulated drive refuses, with the Modbus exception code to answer. */
public final class RegisterAccessException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Exception 02: the address is not in the device's map (or not writable). */
  public static final int ILLEGAL_DATA_ADDRESS = 2;

  /** Exception 03: the value is not acceptable. */
  public static final int ILLEGAL_DATA_VALUE = 3;

  private final int exceptionCode;

  public RegisterAccessException(int exceptionCode, String message) {
    super(message);
    this.exceptionCode = exceptionCode;
  }

  public int exceptionCode() {
    return exceptionCode;
  }
}
