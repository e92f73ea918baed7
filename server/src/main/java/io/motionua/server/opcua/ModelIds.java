package io.motionua.server.opcua;

/**
 * Numeric ids of the types in MotionUA.NodeSet2.xml (namespace {@link #TYPES_URI}) that the server
 * instantiates. The file is the source of truth; docs/model.md lists the same table.
 */
final class ModelIds {

  static final String TYPES_URI = "http://motionua.io/UA/";

  static final long MACHINE_TYPE = 1001;
  static final long MOTION_DEVICE_TYPE = 1002;
  static final long AXIS_TYPE = 1003;
  static final long POWER_TRAIN_TYPE = 1004;
  static final long MOTOR_TYPE = 1005;
  static final long GEAR_TYPE = 1006;
  static final long DRIVE_TYPE = 1007;
  static final long LINK_TYPE = 1009;

  static final long AXIS_STATE_ENUMERATION = 3001;
  static final long AXIS_MOTION_PROFILE_ENUMERATION = 3003;

  static final long MOVES = 4001;
  static final long IS_CONNECTED_TO = 4002;
  static final long IS_DRIVEN_BY = 4003;

  private ModelIds() {}
}
