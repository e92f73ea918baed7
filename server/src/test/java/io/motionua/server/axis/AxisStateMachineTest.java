package io.motionua.server.axis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motionua.drivers.DriveSignals;
import io.motionua.drivers.SignalStatus;
import io.motionua.drivers.SignalValue;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.junit.jupiter.api.Test;

class AxisStateMachineTest {

  private static final int ENABLED_AT_TARGET = 0x0627; // operation enabled, remote, target reached
  private static final int ENABLED_MOVING = 0x0227;
  private static final int SWITCH_ON_DISABLED = 0x0240;
  private static final int FAULT = 0x0208;

  private final AxisStateMachine machine = new AxisStateMachine("J1");

  private List<AxisEvent> poll(int statusword, double velocity) {
    return onPoll(true, statusword, 1, velocity, 0);
  }

  /** One poll of a CiA 402 drive, decoded as the axis decodes it. */
  private List<AxisEvent> onPoll(
      boolean online, int statusword, int modeDisplay, double velocity, int errorCode) {
    Map<String, SignalValue> values =
        Map.of(
            DriveSignals.STATUSWORD, good(statusword),
            DriveSignals.MODES_OF_OPERATION_DISPLAY, good(modeDisplay),
            DriveSignals.VELOCITY_ACTUAL, good(velocity),
            DriveSignals.ERROR_CODE, good(errorCode));
    return machine.onPoll(online, new Cia402Scheme(null, Set.of()).decode(values));
  }

  private static SignalValue good(Number value) {
    return new SignalValue(value, SignalStatus.GOOD, Instant.EPOCH);
  }

  @Test
  void unpoweredDriveIsDisabledAndRefusesMotion() {
    poll(SWITCH_ON_DISABLED, 0);
    assertEquals(AxisState.Disabled, machine.state());
    UaException e = assertThrows(UaException.class, () -> machine.check(AxisCommand.MOVE));
    assertEquals(StatusCodes.Bad_InvalidState, e.getStatusCode().getValue());
    assertTrue(e.getMessage().contains("axis J1 is Disabled"), e.getMessage());
  }

  @Test
  void moveRunsInDiscreteMotionAndCompletesWithAnEvent() throws UaException {
    poll(ENABLED_AT_TARGET, 0);
    assertEquals(AxisState.Standstill, machine.state());
    machine.check(AxisCommand.MOVE);
    machine.begin(AxisCommand.MOVE);
    assertTrue(poll(ENABLED_MOVING, 1000).isEmpty());
    assertEquals(AxisState.DiscreteMotion, machine.state());
    List<AxisEvent> events = poll(ENABLED_AT_TARGET, 0);
    assertEquals(AxisState.Standstill, machine.state());
    assertEquals(
        List.of(AxisEvent.Kind.MOVE_COMPLETED), events.stream().map(AxisEvent::kind).toList());
  }

  @Test
  void stoppingRefusesMotionUntilStandstill() throws UaException {
    poll(ENABLED_AT_TARGET, 0);
    machine.begin(AxisCommand.MOVE_VELOCITY);
    poll(ENABLED_MOVING, 500);
    assertEquals(AxisState.ContinuousMotion, machine.state());
    machine.check(AxisCommand.STOP);
    machine.begin(AxisCommand.STOP);
    poll(ENABLED_MOVING, 200);
    assertEquals(AxisState.Stopping, machine.state());
    assertThrows(UaException.class, () -> machine.check(AxisCommand.MOVE));
    assertThrows(UaException.class, () -> machine.check(AxisCommand.HALT));
    poll(ENABLED_AT_TARGET, 0);
    assertEquals(AxisState.Standstill, machine.state());
    machine.check(AxisCommand.MOVE);
  }

  @Test
  void anAxisItsGroupHomesRefusesEverySingleAxisMotionCommandUntilTheGroupGivesItBack()
      throws UaException {
    poll(ENABLED_AT_TARGET, 0);
    machine.check(AxisCommand.HOME);
    machine.reserveForGroup();
    machine.begin(AxisCommand.HOME);
    assertEquals(AxisState.Homing, machine.state());
    for (AxisCommand c :
        List.of(AxisCommand.MOVE, AxisCommand.HOME, AxisCommand.STOP, AxisCommand.HALT)) {
      UaException e = assertThrows(UaException.class, () -> machine.check(c), c.toString());
      assertTrue(e.getMessage().contains("while its group homes it"), e.getMessage());
    }
    machine.check(AxisCommand.POWER_OFF);
    // The group stopped the homing before it was attained: the axis is its own again.
    machine.endSynchronized();
    poll(ENABLED_AT_TARGET, 0);
    assertEquals(AxisState.Standstill, machine.state());
    machine.check(AxisCommand.STOP);
  }

  @Test
  void driveFaultLeadsToErrorStopWhichOnlyResetLeaves() throws UaException {
    poll(ENABLED_AT_TARGET, 0);
    machine.begin(AxisCommand.MOVE);
    List<AxisEvent> events = onPoll(true, FAULT, 1, 0, 0x7500);
    assertEquals(AxisState.ErrorStop, machine.state());
    assertEquals(AxisEvent.Kind.FAULT, events.get(0).kind());
    assertEquals(0x7500, events.get(0).code());
    for (AxisCommand c :
        List.of(AxisCommand.MOVE, AxisCommand.HOME, AxisCommand.STOP, AxisCommand.POWER_ON)) {
      assertThrows(UaException.class, () -> machine.check(c), c.toString());
    }
    // The fault clears at the drive, but the axis stays in ErrorStop until Reset.
    poll(SWITCH_ON_DISABLED, 0);
    assertEquals(AxisState.ErrorStop, machine.state());
    machine.check(AxisCommand.RESET);
    machine.begin(AxisCommand.RESET);
    assertEquals(AxisState.Disabled, machine.state(), "out of ErrorStop when Reset returns");
    machine.check(AxisCommand.POWER_ON);
    poll(SWITCH_ON_DISABLED, 0);
    assertEquals(AxisState.Disabled, machine.state());
  }

  @Test
  void communicationLossWhilePoweredIsAnErrorAndReturnIsReported() {
    poll(ENABLED_AT_TARGET, 0);
    List<AxisEvent> lost = onPoll(false, 0, 0, 0, 0);
    assertEquals(AxisEvent.Kind.COMMUNICATION_LOST, lost.get(0).kind());
    assertEquals(AxisState.ErrorStop, machine.state());
    List<AxisEvent> back = poll(ENABLED_AT_TARGET, 0);
    assertEquals(AxisEvent.Kind.COMMUNICATION_RESTORED, back.get(0).kind());
    assertEquals(AxisState.ErrorStop, machine.state());
    assertTrue(machine.error().contains("communication lost"), machine.error());
  }

  @Test
  void homingEndsWhenTheDriveReportsHomingAttained() throws UaException {
    poll(ENABLED_AT_TARGET, 0);
    machine.check(AxisCommand.HOME);
    machine.begin(AxisCommand.HOME);
    onPoll(true, 0x0227, Cia402.MODE_HOMING, 0, 0);
    assertEquals(AxisState.Homing, machine.state());
    onPoll(true, 0x1627, Cia402.MODE_HOMING, 0, 0);
    assertEquals(AxisState.Standstill, machine.state());
    assertTrue(machine.homed());
  }

  @Test
  void homeIsRefusedWhileMoving() {
    poll(ENABLED_AT_TARGET, 0);
    machine.begin(AxisCommand.MOVE_VELOCITY);
    poll(ENABLED_MOVING, 100);
    assertThrows(UaException.class, () -> machine.check(AxisCommand.HOME));
  }
}
