package io.motionua.server.group;

import io.motionua.server.axis.AxisController;
import io.motionua.server.group.GroupMotion.Phase;
import java.util.List;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The machine's SpeedOverride as an {@link AxisGroup} takes it: a move about to start is planned
 * with it, and a running move follows its changes ({@link OverrideFollower}). One override for the
 * machine: every member hears the same write, the first suffices.
 */
final class GroupSpeedOverride {

  // The group's lines keep one logger name, whichever of its parts writes them.
  private static final Logger logger = LoggerFactory.getLogger(AxisGroup.class);

  private final String group;
  private final List<AxisController> members;
  private final boolean interpolated;
  private final GroupExecution execution;
  private final Object lock;

  /**
   * @param interpolated the group streams setpoints from its interpolation loop
   * @param lock the group's lock
   */
  GroupSpeedOverride(
      String group,
      List<AxisController> members,
      boolean interpolated,
      GroupExecution execution,
      Object lock) {
    this.group = group;
    this.members = members;
    this.interpolated = interpolated;
    this.execution = execution;
    this.lock = lock;
  }

  /**
   * The override a move is planned with: interpolated moves are planned at 100 % and time-scaled by
   * the override (PathClock), drive-side profiles are planned at it.
   */
  double planned() throws UaException {
    double override = forMove();
    return interpolated ? 1 : override;
  }

  /**
   * The machine's SpeedOverride as a fraction, for a group move about to start; 0 (all motion held)
   * refuses the move. A running move follows later changes ({@link #changed}).
   */
  private double forMove() throws UaException {
    double percent = members.get(0).speedOverride();
    if (!(percent > 0)) {
      throw new UaException(
          StatusCodes.Bad_InvalidState,
          "group %s: SpeedOverride is %s %%, no move may start".formatted(group, percent));
    }
    return percent / 100;
  }

  /** The machine's SpeedOverride changed (an operator's write): a running move follows it. */
  void changed(double percent) {
    synchronized (lock) {
      GroupMotion m = execution.motion();
      if (m != null && m.phase == Phase.MOVE && m.follower != null) {
        logger.info("group {}: SpeedOverride {} % during {}", group, percent, m.command);
        m.follower.overrideChanged(percent / 100);
      }
    }
  }
}
