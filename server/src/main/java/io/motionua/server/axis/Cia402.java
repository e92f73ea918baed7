package io.motionua.server.axis;

/**
 * CiA 402 controlword commands and statusword bits (objects 0x6040 and 0x6041), as domain.md lists
 * them.
 */
public final class Cia402 {

  public static final int CW_SHUTDOWN = 0x0006;
  public static final int CW_SWITCH_ON = 0x0007;
  public static final int CW_ENABLE_OPERATION = 0x000F;
  public static final int CW_DISABLE_VOLTAGE = 0x0000;
  public static final int CW_FAULT_RESET = 0x0080;
  public static final int CW_NEW_SET_POINT = 0x0010;
  public static final int CW_CHANGE_IMMEDIATELY = 0x0020;
  public static final int CW_RELATIVE = 0x0040;
  public static final int CW_HALT = 0x0100;

  public static final int SW_READY_TO_SWITCH_ON = 0x0001;
  public static final int SW_SWITCHED_ON = 0x0002;
  public static final int SW_OPERATION_ENABLED = 0x0004;
  public static final int SW_FAULT = 0x0008;
  public static final int SW_SWITCH_ON_DISABLED = 0x0040;
  public static final int SW_TARGET_REACHED = 0x0400;
  public static final int SW_SET_POINT_ACKNOWLEDGE = 0x1000;
  public static final int SW_HOMING_ATTAINED = 0x1000;

  public static final int MODE_PROFILE_POSITION = 1;
  public static final int MODE_PROFILE_VELOCITY = 3;
  public static final int MODE_HOMING = 6;
  public static final int MODE_CYCLIC_SYNC_POSITION = 8;

  private Cia402() {}

  /** Operation enabled: bits 0-3 and 6 read x0111 with switch-on-disabled clear. */
  public static boolean isOperationEnabled(int statusword) {
    return (statusword & 0x006F) == 0x0027;
  }

  public static boolean isReadyToSwitchOn(int statusword) {
    return (statusword & 0x006F) == 0x0021;
  }

  public static boolean isSwitchedOn(int statusword) {
    return (statusword & 0x006F) == 0x0023;
  }

  public static boolean isFault(int statusword) {
    return (statusword & SW_FAULT) != 0;
  }
}
