package io.motionua.drivers.modbus;

import io.motionua.drivers.SignalStatus;

/** The one place that maps Modbus exception codes to signal statuses (domain.md's table). */
public final class ExceptionCodes {

  static final int ILLEGAL_FUNCTION = 0x01;
  static final int ILLEGAL_DATA_ADDRESS = 0x02;
  static final int ILLEGAL_DATA_VALUE = 0x03;
  static final int GATEWAY_PATH_UNAVAILABLE = 0x0A;
  static final int GATEWAY_TARGET_FAILED = 0x0B;

  private ExceptionCodes() {}

  static SignalStatus status(int exceptionCode) {
    return switch (exceptionCode) {
      case ILLEGAL_FUNCTION -> SignalStatus.BAD_NOT_SUPPORTED;
      case ILLEGAL_DATA_ADDRESS -> SignalStatus.BAD_CONFIGURATION_ERROR;
      case ILLEGAL_DATA_VALUE -> SignalStatus.BAD_OUT_OF_RANGE;
      // The gateway could not reach the device: as good as no answer from it.
      case GATEWAY_PATH_UNAVAILABLE, GATEWAY_TARGET_FAILED -> SignalStatus.BAD_NO_COMMUNICATION;
      default -> SignalStatus.BAD_DEVICE_FAILURE;
    };
  }

  /** True when the code means the device itself never saw or answered the request. */
  public static boolean isUnreachable(int exceptionCode) {
    return exceptionCode == GATEWAY_PATH_UNAVAILABLE || exceptionCode == GATEWAY_TARGET_FAILED;
  }

  /** {@code exception 02 illegal data address}: the code and its name from the Modbus spec. */
  public static String describe(int exceptionCode) {
    return switch (exceptionCode) {
      case 0x01 -> "exception 01 illegal function";
      case 0x02 -> "exception 02 illegal data address";
      case 0x03 -> "exception 03 illegal data value";
      case 0x04 -> "exception 04 server device failure";
      case 0x05 -> "exception 05 acknowledge";
      case 0x06 -> "exception 06 server device busy";
      case 0x0A -> "exception 0A gateway path unavailable";
      case 0x0B -> "exception 0B gateway target device failed to respond";
      default -> "exception %02X".formatted(exceptionCode);
    };
  }
}
