package io.motionua.drivers;

/**
 * How far a signal's value can be trusted. The server maps each to an OPC UA StatusCode (see
 * docs/status-codes.md); drivers never speak OPC UA themselves.
 */
public enum SignalStatus {
  /** Read in the last poll. */
  GOOD,
  /** The device stopped answering; the value is the last one read (its source time says when). */
  UNCERTAIN_LAST_USABLE,
  /** No value has been read since start. */
  BAD_WAITING_FOR_INITIAL_DATA,
  /** The link is down or the last value is too old to use. */
  BAD_NO_COMMUNICATION,
  /** A request timed out. */
  BAD_TIMEOUT,
  /** Modbus exception 1: illegal function. */
  BAD_NOT_SUPPORTED,
  /** Modbus exception 2: illegal data address (a register the device lacks). */
  BAD_CONFIGURATION_ERROR,
  /** Modbus exception 3: illegal data value. */
  BAD_OUT_OF_RANGE,
  /** Modbus exception 4, 6 or another code. */
  BAD_DEVICE_FAILURE;

  public boolean isGood() {
    return this == GOOD;
  }
}
