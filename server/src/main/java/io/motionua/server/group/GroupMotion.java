package io.motionua.server.group;

import java.util.Arrays;

/**
 * One thing the group's axes are doing: a move to targets, a stop to standstill, the way to the
 * safe pose, or homing. Tracks which axes take part, which have their final command (armed) and
 * which stand at its end (arrived; for homing: homed). Guarded by the owning {@link AxisGroup}.
 */
final class GroupMotion {

  enum Phase {
    MOVE,
    STOP,
    SAFE_POSE,
    HOME
  }

  final String command;
  final Phase phase;
  final boolean[] axes;
  final GroupPath path;
  final boolean[] armed;
  final boolean[] arrived;

  /** After this stop: go to the safe pose. */
  final boolean thenSafePose;

  /** A drive-profiles move's model for SpeedOverride changes; null otherwise. */
  ProfileRetiming retiming;

  /** A move that follows the SpeedOverride while it runs; null for stops, safe pose, homing. */
  OverrideFollower follower;

  /** A coupled group's move: keeps the members together; null otherwise. */
  CoupledPairWatch pairs;

  GroupMotion(String command, Phase phase, boolean[] axes, GroupPath path, boolean thenSafePose) {
    this.command = command;
    this.phase = phase;
    this.axes = axes.clone();
    this.path = path;
    this.armed = new boolean[axes.length];
    this.arrived = new boolean[axes.length];
    this.thenSafePose = thenSafePose;
  }

  /** The axis no longer takes part (it failed). */
  void drop(int axis) {
    axes[axis] = false;
  }

  boolean done() {
    for (int i = 0; i < axes.length; i++) {
      if (axes[i] && !arrived[i]) {
        return false;
      }
    }
    return true;
  }

  /** The first taking part that has not arrived, or -1. */
  int firstPending() {
    for (int i = 0; i < axes.length; i++) {
      if (axes[i] && !arrived[i]) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public String toString() {
    return command + " " + phase + " axes " + Arrays.toString(axes);
  }
}
