package io.motionua.server.group;

/**
 * PLCopen Part 4 group states, in the order of the model's GroupStateEnumeration (the ordinal is
 * the value clients read).
 */
public enum GroupState {
  GroupDisabled,
  GroupStandby,
  GroupMoving,
  GroupHoming,
  GroupStopping,
  GroupErrorStop
}
