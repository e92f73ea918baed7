package io.motionua.server.events;

import io.motionua.drivers.SignalStatus;
import io.motionua.server.axis.AxisSnapshot;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNodeContext;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;

/**
 * The alarms of one axis, each an AlarmConditionType condition under the axis (its SourceNode),
 * acknowledgeable and retained while active or unacknowledged (docs/events.md):
 *
 * <ul>
 *   <li>{@code DriveFault} (severity 800): active while the drive reports a fault; returns to
 *       normal once Reset has cleared it.
 *   <li>{@code CommunicationLoss} (700): active while the drive's values are Bad (no answer, link
 *       down; not before the first poll).
 *   <li>{@code FollowingErrorExceeded} (600): active while |FollowingError| exceeds the axis's
 *       {@code followingErrorLimit}, back to normal at or below 80 % of it.
 * </ul>
 *
 * {@link #observe} runs on the link thread after each poll and does nothing unless a state changes;
 * an Uncertain snapshot (the drive missed an answer, its last values are kept) changes no alarm.
 */
public final class AxisAlarms {

  static final int FAULT_SEVERITY = 800;
  static final int COMMUNICATION_SEVERITY = 700;
  static final int FOLLOWING_ERROR_SEVERITY = 600;
  static final int NORMAL_SEVERITY = 200;

  /** Below this share of the limit a following-error alarm returns to normal. */
  static final double FOLLOWING_ERROR_CLEAR = 0.8;

  private static final Consumer<org.eclipse.milo.opcua.stack.core.types.builtin.DateTime> NONE =
      now -> {};

  private final String axis;
  private final double followingErrorLimit;
  private final AlarmCondition fault;
  private final AlarmCondition communication;
  private final AlarmCondition followingError;

  private AxisAlarms(
      String axis,
      double followingErrorLimit,
      AlarmCondition fault,
      AlarmCondition communication,
      AlarmCondition followingError) {
    this.axis = axis;
    this.followingErrorLimit = followingErrorLimit;
    this.fault = fault;
    this.communication = communication;
    this.followingError = followingError;
  }

  /**
   * Creates the three conditions ({@code <axis id>/DriveFault}, ...); the caller links them under
   * the axis (HasComponent and HasCondition).
   *
   * @param errorCode the drive's ErrorCode variable (DriveFault's InputNode)
   * @param communicationStatus the drive's CommunicationStatus (CommunicationLoss's InputNode)
   * @param followingErrorNode the axis's FollowingError (FollowingErrorExceeded's InputNode)
   */
  public static AxisAlarms create(
      UaNodeContext context,
      NodeId axisNode,
      String axis,
      double followingErrorLimit,
      NodeId errorCode,
      NodeId communicationStatus,
      NodeId followingErrorNode)
      throws UaException {
    return new AxisAlarms(
        axis,
        followingErrorLimit,
        condition(
            context,
            axisNode,
            axis,
            "DriveFault",
            NodeIds.SystemConditionClassType,
            "System",
            errorCode,
            "axis " + axis + ": no drive fault"),
        condition(
            context,
            axisNode,
            axis,
            "CommunicationLoss",
            NodeIds.SystemConditionClassType,
            "System",
            communicationStatus,
            "axis " + axis + ": drive answering"),
        condition(
            context,
            axisNode,
            axis,
            "FollowingErrorExceeded",
            NodeIds.ProcessConditionClassType,
            "Process",
            followingErrorNode,
            "axis " + axis + ": following error within its limit"));
  }

  private static AlarmCondition condition(
      UaNodeContext context,
      NodeId axisNode,
      String axis,
      String name,
      NodeId conditionClass,
      String className,
      NodeId input,
      String normal)
      throws UaException {
    return AlarmCondition.create(
        context,
        axisNode,
        axis,
        name,
        NodeIds.AlarmConditionType,
        Set.of(),
        conditionClass,
        className,
        input,
        NORMAL_SEVERITY,
        normal);
  }

  /** The three conditions, for ConditionRefresh and the methods. */
  public List<AlarmCondition> conditions() {
    return List.of(fault, communication, followingError);
  }

  /** An axis observer. */
  public void observe(AxisSnapshot s) {
    if (s.status() == SignalStatus.BAD_WAITING_FOR_INITIAL_DATA) {
      return;
    }
    if (s.status() == SignalStatus.UNCERTAIN_LAST_USABLE) {
      // The drive missed an answer: its last values are kept, not read again. Neither a fault nor
      // a following error is judged (raised or cleared) from them, and the drive is not lost yet.
      return;
    }
    if (!s.isOnline()) {
      communication.raise(
          COMMUNICATION_SEVERITY,
          "axis %s: drive not answering (%s)".formatted(axis, s.status()),
          NONE);
      return; // the other values are stale: leave their alarms as they are
    }
    communication.clear("axis %s: drive answering again".formatted(axis), NONE);
    if (s.drive().fault()) {
      fault.raise(
          FAULT_SEVERITY,
          "axis %s: %s; call Reset".formatted(axis, s.drive().describeFault()),
          NONE);
    } else {
      fault.clear("axis %s: drive fault cleared".formatted(axis), NONE);
    }
    double error = Math.abs(s.followingError());
    if (error > followingErrorLimit) {
      followingError.raise(
          FOLLOWING_ERROR_SEVERITY,
          "axis %s: following error %.3f exceeds the limit %.3f"
              .formatted(axis, error, followingErrorLimit),
          NONE);
    } else if (error <= followingErrorLimit * FOLLOWING_ERROR_CLEAR) {
      followingError.clear(
          "axis %s: following error back within its limit: %.3f".formatted(axis, error), NONE);
    }
  }
}
