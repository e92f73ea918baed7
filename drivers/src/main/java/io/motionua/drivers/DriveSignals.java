package io.motionua.drivers;

/**
 * Names of the standard drive signals. A drive profile maps each name it supports to registers; the
 * names follow the CiA 402 objects they mirror (see docs/drive-registers.md).
 */
public final class DriveSignals {

  /** 0x6040, the CiA 402 command word. */
  public static final String CONTROLWORD = "controlword";

  /** 0x6041, the CiA 402 state word. */
  public static final String STATUSWORD = "statusword";

  /** 0x6060, the requested mode of operation. */
  public static final String MODES_OF_OPERATION = "modesOfOperation";

  /** 0x6061, the mode the drive actually runs. */
  public static final String MODES_OF_OPERATION_DISPLAY = "modesOfOperationDisplay";

  /** 0x607A, increments. */
  public static final String TARGET_POSITION = "targetPosition";

  /** 0x6081, increments per second. */
  public static final String PROFILE_VELOCITY = "profileVelocity";

  /** 0x6083, increments per second squared. */
  public static final String PROFILE_ACCELERATION = "profileAcceleration";

  /** 0x6084, increments per second squared. */
  public static final String PROFILE_DECELERATION = "profileDeceleration";

  /** 0x60FF, increments per second. */
  public static final String TARGET_VELOCITY = "targetVelocity";

  /** 0x607C, increments: the position a homing run (method 35) leaves the axis at. */
  public static final String HOME_OFFSET = "homeOffset";

  /** 0x6098. */
  public static final String HOMING_METHOD = "homingMethod";

  /** 0x6064, increments. */
  public static final String POSITION_ACTUAL = "positionActual";

  /** 0x606C, increments per second. */
  public static final String VELOCITY_ACTUAL = "velocityActual";

  /** 0x6077, per mille of rated torque. */
  public static final String TORQUE_ACTUAL = "torqueActual";

  /** Degrees Celsius after the profile's scale. */
  public static final String MOTOR_TEMPERATURE = "motorTemperature";

  /** 0x603F, the last fault's code; 0 when there is none. */
  public static final String ERROR_CODE = "errorCode";

  /** 0x6062, increments: where the profile generator wants the axis to be now. */
  public static final String POSITION_DEMAND = "positionDemand";

  /** 0x60F4, increments: demand minus actual. */
  public static final String FOLLOWING_ERROR = "followingError";

  private DriveSignals() {}
}
