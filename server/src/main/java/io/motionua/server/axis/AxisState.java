package io.motionua.server.axis;

/**
 * PLCopen single-axis states. The ordinal is the value of our AxisStateEnumeration in the model
 * (MotionUA.NodeSet2.xml), so it must not be reordered.
 */
public enum AxisState {
  Disabled,
  Standstill,
  Homing,
  DiscreteMotion,
  ContinuousMotion,
  SynchronizedMotion,
  Stopping,
  ErrorStop
}
