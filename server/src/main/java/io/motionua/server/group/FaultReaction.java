package io.motionua.server.group;

import io.motionua.server.config.GroupSpec;
import io.motionua.server.group.GroupMotion.Phase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an {@link AxisGroup} does when a member fails during a motion: the group goes to
 * GroupErrorStop, LastError names the axis and the cause, the other axes react as configured (stop,
 * safe pose or continue), and the fault listeners hear a {@link GroupFault}.
 *
 * <p>Guarded by the group's lock ({@code lock}, the {@link AxisGroup}): {@link #fail} is called
 * holding it, {@link #failFirstPending} takes it.
 */
final class FaultReaction {

  // The group's lines keep one logger name, whichever of its parts writes them.
  private static final Logger logger = LoggerFactory.getLogger(AxisGroup.class);

  private final GroupSpec spec;
  private final String[] names;
  private final GroupExecution execution;
  private final GroupStatus status;
  private final Object lock;
  private final List<Consumer<GroupFault>> listeners = new CopyOnWriteArrayList<>();

  FaultReaction(
      GroupSpec spec, String[] names, GroupExecution execution, GroupStatus status, Object lock) {
    this.spec = spec;
    this.names = names;
    this.execution = execution;
    this.status = status;
    this.lock = lock;
  }

  /** See {@link AxisGroup#addFaultListener}. */
  void addListener(Consumer<GroupFault> listener) {
    listeners.add(listener);
  }

  /**
   * Fails the first axis of {@code m} that has not arrived, if {@code m} is still the group's
   * motion: a drive did not take its part, or the motion did not finish in time.
   */
  void failFirstPending(GroupMotion m, String cause) {
    synchronized (lock) {
      int i = m.firstPending();
      if (execution.motion() == m && i >= 0) {
        fail(i, cause, true);
      }
    }
  }

  /**
   * A member failed: the group goes to GroupErrorStop and the others react as configured. Holds the
   * lock.
   *
   * @param reachable the failed axis still takes commands (following error, a late finish): it is
   *     stopped with the others, but kept out of the way to the safe pose
   */
  void fail(int i, String cause, boolean reachable) {
    GroupMotion m = execution.motion();
    execution.drop(i, reachable);
    boolean[] toStop = m.axes.clone();
    toStop[i] = reachable;
    String text = "axis " + names[i] + ": " + cause + " during " + m.command;
    status.failure(text);
    // A failure during a stop changes nothing: that stop (and a safe pose after it) goes on.
    String reaction =
        switch (m.phase) {
          case MOVE -> spec.faultReaction();
          case STOP -> m.thenSafePose ? GroupSpec.SAFE_POSE : GroupSpec.STOP;
          case SAFE_POSE, HOME -> GroupSpec.STOP;
        };
    logger.warn("group {}: {}; fault reaction {}", spec.name(), text, reaction);
    status.set(GroupState.GroupErrorStop);
    if (m.phase == Phase.SAFE_POSE) {
      execution.stopAxes("stop on the way to the safe pose", toStop, false);
    } else if (m.phase == Phase.HOME) {
      execution.stopAxes("stop homing", toStop, false);
    } else if (m.phase == Phase.MOVE && !spec.faultReaction().equals(GroupSpec.CONTINUE)) {
      execution.stopAxes(
          "fault reaction " + spec.faultReaction(),
          toStop,
          spec.faultReaction().equals(GroupSpec.SAFE_POSE));
    } else if (m.done()) {
      execution.finished(m);
    }
    tellListeners(
        new GroupFault(
            spec.name(),
            i,
            names[i],
            cause,
            m.command,
            reaction,
            "group " + spec.name() + ": " + text));
  }

  private void tellListeners(GroupFault fault) {
    for (Consumer<GroupFault> listener : listeners) {
      try {
        listener.accept(fault);
      } catch (RuntimeException e) {
        logger.warn("group {}: fault listener failed", spec.name(), e);
      }
    }
  }
}
