package io.motionua.server.group;

import io.motionua.server.axis.AxisController;
import io.motionua.server.axis.AxisState;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an {@link AxisGroup} shows its clients: its PLCopen state and LastError, and the listeners
 * that hear every change. Some states wait for the members' polls ({@link #settle}). Guarded by the
 * group's lock: every method but {@link #addListener} is called holding it.
 */
final class GroupStatus {

  // The group's lines keep one logger name, whichever of its parts writes them.
  private static final Logger logger = LoggerFactory.getLogger(AxisGroup.class);

  private final AxisGroup group;
  private final String name;
  private final List<AxisController> members;
  private final List<Consumer<AxisGroup>> listeners = new CopyOnWriteArrayList<>();

  private GroupState state = GroupState.GroupDisabled;
  private String lastError = "";

  /** A member failed since the last GroupReset: a further failure is appended to LastError. */
  private boolean errored;

  /** The state to show once the members' polls agree (a motion ended); null when none waits. */
  private GroupState afterRelease;

  GroupStatus(AxisGroup group, String name, List<AxisController> members) {
    this.group = group;
    this.name = name;
    this.members = members;
  }

  GroupState state() {
    return state;
  }

  String lastError() {
    return lastError;
  }

  boolean errored() {
    return errored;
  }

  /** Listeners are told with the group; they must be quick. */
  void addListener(Consumer<AxisGroup> listener) {
    listeners.add(listener);
  }

  void set(GroupState next) {
    state = next;
    for (Consumer<AxisGroup> listener : listeners) {
      try {
        listener.accept(group);
      } catch (RuntimeException e) {
        logger.warn("group {}: listener failed", name, e);
      }
    }
  }

  /**
   * Goes to {@code next} once the members' polls agree (GroupStandby: every member in Standstill,
   * which the axis shows from its first poll after a power-up or reset).
   */
  void settle(GroupState next) {
    afterRelease = next;
    released();
  }

  /** A member's poll: a state waiting for the members may now show. */
  void polled() {
    if (afterRelease != null) {
      released();
    }
  }

  /**
   * A GroupReset began: released members show Standstill from their next poll; the reset decides.
   */
  void resetting() {
    afterRelease = null;
  }

  /**
   * A GroupReset reset the members: the next failure starts LastError anew, and the group goes to
   * GroupStandby if every member is powered, else to GroupDisabled.
   */
  void reset() {
    errored = false;
    boolean powered =
        members.stream()
            .map(m -> m.snapshot().state())
            .allMatch(a -> a == AxisState.Standstill || a == AxisState.SynchronizedMotion);
    settle(powered ? GroupState.GroupStandby : GroupState.GroupDisabled);
  }

  /**
   * Shows the state after a motion once every member's poll shows it out of SynchronizedMotion, so
   * that a client seeing GroupStandby may command at once.
   */
  private void released() {
    for (AxisController member : members) {
      AxisState a = member.snapshot().state();
      if (a == AxisState.SynchronizedMotion
          || (afterRelease == GroupState.GroupStandby && a != AxisState.Standstill)) {
        return;
      }
    }
    GroupState next = afterRelease;
    afterRelease = null;
    set(next);
  }

  /** A member failed ({@code text}: the axis, the cause, the command): LastError tells it. */
  void failure(String text) {
    boolean first = !errored;
    errored = true;
    if (first) {
      lastError = "group " + name + ": " + text;
    } else {
      lastError = lastError + "; then " + text;
    }
  }

  /** Adds {@code more} to LastError as it stands. */
  void append(String more) {
    lastError = lastError + more;
  }

  /** Refuses {@code command} in the present state (naming LastError in GroupErrorStop). */
  <T> CompletableFuture<T> refused(String command) {
    return CompletableFuture.failedFuture(
        new UaException(
            StatusCodes.Bad_InvalidState,
            "group %s is %s: %s is not allowed%s"
                .formatted(
                    name,
                    state,
                    command,
                    state == GroupState.GroupErrorStop
                        ? " (" + lastError + "; GroupReset first)"
                        : "")));
  }
}
