package io.motionua.server.axis;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;

/**
 * PLCopen single-axis states over any drive scheme. The drive's decoded state ({@link DriveStatus})
 * says whether it is powered, faulted, standing or homed; the command in progress says which motion
 * state the axis is in. Pure logic, no I/O: {@link AxisController} feeds it polls and asks it
 * before every command.
 *
 * <p>One deliberate difference from a PLCopen function block: a method call cannot hold its Execute
 * input high, so Stopping ends when the axis stands still (and motion commands are refused until
 * then).
 */
final class AxisStateMachine {

  /** What the last accepted command asked for. */
  enum Intent {
    NONE,
    DISCRETE,
    CONTINUOUS,
    HOMING,
    STOPPING,
    SYNCHRONIZED
  }

  private final String axis;
  private Intent intent = Intent.NONE;
  private boolean online;
  private boolean everOnline;
  private boolean powered;
  private boolean faultSeen;
  private String latchedError;
  private boolean homed;

  /** A group homes the axis (GroupHome): every single-axis motion command is refused. */
  private boolean groupOwned;

  private AxisState state = AxisState.Disabled;

  AxisStateMachine(String axis) {
    this.axis = axis;
  }

  synchronized AxisState state() {
    return state;
  }

  synchronized boolean homed() {
    return homed;
  }

  /** Why the axis is in ErrorStop, or null. */
  synchronized String error() {
    return latchedError;
  }

  /**
   * Takes one poll and returns the events it causes.
   *
   * @param online whether the poll read the drive (status Good)
   * @param drive the drive's state as its scheme decoded the poll
   */
  synchronized List<AxisEvent> onPoll(boolean online, DriveStatus drive) {
    List<AxisEvent> events = new ArrayList<>(1);
    if (!online) {
      if (this.online) {
        events.add(
            new AxisEvent(
                AxisEvent.Kind.COMMUNICATION_LOST,
                0,
                "axis " + axis + ": drive stopped answering"));
        if (powered) {
          latchedError = "communication lost while powered";
        }
      }
      this.online = false;
      state = latchedError != null ? AxisState.ErrorStop : everOnline ? state : AxisState.Disabled;
      return events;
    }
    if (!this.online && everOnline) {
      events.add(
          new AxisEvent(
              AxisEvent.Kind.COMMUNICATION_RESTORED, 0, "axis " + axis + ": drive answers again"));
    }
    this.online = true;
    everOnline = true;
    boolean fault = drive.fault();
    if (fault && !faultSeen) {
      latchedError = drive.describeFault();
      events.add(
          new AxisEvent(
              AxisEvent.Kind.FAULT,
              drive.faultCode(),
              "axis %s: %s".formatted(axis, latchedError)));
    }
    faultSeen = fault;
    powered = drive.enabled();
    boolean standing = drive.standing();
    if (latchedError != null) {
      intent = Intent.NONE;
      state = AxisState.ErrorStop;
      return events;
    }
    if (!powered) {
      intent = Intent.NONE;
      state = AxisState.Disabled;
      return events;
    }
    switch (intent) {
      case HOMING -> {
        if (drive.homingDone() && standing) {
          homed = true;
          intent = Intent.NONE;
        }
      }
      case STOPPING -> {
        if (standing) {
          intent = Intent.NONE;
        }
      }
      case DISCRETE -> {
        if (standing) {
          intent = Intent.NONE;
          events.add(
              new AxisEvent(AxisEvent.Kind.MOVE_COMPLETED, 0, "axis " + axis + ": move completed"));
        }
      }
      default -> {}
    }
    state =
        switch (intent) {
          case NONE -> AxisState.Standstill;
          case DISCRETE -> AxisState.DiscreteMotion;
          case CONTINUOUS -> AxisState.ContinuousMotion;
          case HOMING -> AxisState.Homing;
          case STOPPING -> AxisState.Stopping;
          case SYNCHRONIZED -> AxisState.SynchronizedMotion;
        };
    return events;
  }

  /** Refuses a command the current state does not allow, with Bad_InvalidState. */
  synchronized void check(AxisCommand command) throws UaException {
    if (groupOwned && command != AxisCommand.POWER_OFF && command != AxisCommand.RESET) {
      throw new UaException(
          StatusCodes.Bad_InvalidState,
          "axis %s is %s: %s is not allowed while its group homes it"
              .formatted(axis, state, command));
    }
    boolean allowed =
        switch (command) {
          case POWER_ON -> state != AxisState.ErrorStop;
          case POWER_OFF -> true;
          case HOME, SET_POSITION -> state == AxisState.Standstill;
          case MOVE, MOVE_VELOCITY ->
              state == AxisState.Standstill
                  || state == AxisState.DiscreteMotion
                  || state == AxisState.ContinuousMotion;
          case STOP ->
              state != AxisState.Disabled
                  && state != AxisState.ErrorStop
                  && state != AxisState.SynchronizedMotion;
          case HALT ->
              state == AxisState.Standstill
                  || state == AxisState.DiscreteMotion
                  || state == AxisState.ContinuousMotion;
          case RESET -> true;
          case SYNCHRONIZED -> state == AxisState.Standstill;
        };
    if (!allowed) {
      String why = state == AxisState.ErrorStop ? " (" + latchedError + "; Reset first)" : "";
      throw new UaException(
          StatusCodes.Bad_InvalidState,
          "axis %s is %s: %s is not allowed%s".formatted(axis, state, command, why));
    }
  }

  /** Records an accepted command; the next polls judge its progress. */
  synchronized void begin(AxisCommand command) {
    switch (command) {
      case HOME -> {
        intent = Intent.HOMING;
        homed = false;
        state = AxisState.Homing;
      }
      case MOVE, HALT -> {
        intent = Intent.DISCRETE;
        state = AxisState.DiscreteMotion;
      }
      case MOVE_VELOCITY -> {
        intent = Intent.CONTINUOUS;
        state = AxisState.ContinuousMotion;
      }
      case STOP -> {
        intent = Intent.STOPPING;
        state = AxisState.Stopping;
      }
      case SYNCHRONIZED -> {
        intent = Intent.SYNCHRONIZED;
        state = AxisState.SynchronizedMotion;
      }
      case RESET -> {
        // The scheme completes Reset once a poll shows the drive without fault: the axis leaves
        // ErrorStop now, so that a Power right after the call is not refused.
        latchedError = null;
        intent = Intent.NONE;
        state = powered ? AxisState.Standstill : AxisState.Disabled;
      }
      case SET_POSITION -> {
        // The scheme completes SetPosition only once the drive took the position.
        homed = true;
        intent = Intent.NONE;
      }
      case POWER_ON, POWER_OFF -> intent = Intent.NONE;
    }
  }

  /** A group homes the axis from now on; its Home follows (see {@link #begin}). */
  synchronized void reserveForGroup() {
    groupOwned = true;
  }

  /**
   * A group move or homing ended (or was aborted): the axis is its own again; a homing the group
   * stopped before it was attained is abandoned.
   */
  synchronized void endSynchronized() {
    if (intent == Intent.SYNCHRONIZED || (groupOwned && intent == Intent.HOMING)) {
      intent = Intent.NONE;
    }
    groupOwned = false;
  }
}
