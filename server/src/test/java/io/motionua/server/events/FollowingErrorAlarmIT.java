package io.motionua.server.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motionua.server.MotionUa;
import io.motionua.server.axis.AxisState;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * FollowingErrorExceeded on the simulated bench: J1's limit is 0.05 deg and the simulated drive
 * trails its demand by 1 ms, so MoveVelocity at 90 deg/s (about 0.09 deg behind) raises the alarm
 * with severity 600, and Halt (the error falls to 0) returns it to normal.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FollowingErrorAlarmIT {

  private MotionUa motionUa;
  private EventClient client;
  private NodeId j1;

  @BeforeAll
  void start() throws Exception {
    motionUa = TestMachine.startWithFollowingErrorLimit(0.05);
    client = EventClient.connect(TestMachine.endpoint(motionUa));
    j1 = client.path(NodeIds.ObjectsFolder, TestMachine.NAME, "MotionDevices", "Arm", "Axes", "J1");
  }

  @AfterAll
  void stop() throws Exception {
    if (client != null) {
      client.close();
    }
    if (motionUa != null) {
      motionUa.close();
    }
  }

  private boolean isFollowingError(ReceivedEvent e) throws Exception {
    return NodeIds.AlarmConditionType.equals(e.eventType())
        && client.path(j1, "FollowingErrorExceeded").equals(e.conditionId());
  }

  @Test
  void aMoveFasterThanTheDriveFollowsRaisesFollowingErrorExceededUntilItStops() throws Exception {
    var onJ1 = client.subscribe(j1);
    awaitStandstill();

    long moving =
        client.call(j1, client.path(j1, "MoveVelocity"), 90.0, 0.0, 0.0).getStatusCode().getValue();
    assertEquals(StatusCodes.Good, moving);
    ReceivedEvent raised =
        onJ1.await(
            "J1's active FollowingErrorExceeded",
            e -> matches(e) && Boolean.TRUE.equals(e.active()));
    assertEquals(600, raised.severity());
    assertEquals(Boolean.TRUE, raised.retain());
    assertTrue(raised.message().contains("J1"), raised.message());

    long halted = client.call(j1, client.path(j1, "Halt"), 0.0).getStatusCode().getValue();
    assertEquals(StatusCodes.Good, halted);
    ReceivedEvent normal =
        onJ1.await(
            "J1's FollowingErrorExceeded back to normal",
            e -> matches(e) && Boolean.FALSE.equals(e.active()));
    assertEquals(Boolean.FALSE, normal.acked(), "not acknowledged yet");
    assertEquals(Boolean.TRUE, normal.retain(), "inactive but unacknowledged: retained");
  }

  /** Waits for J1 to stand powered; a start-up stall on a loaded machine may need a Reset. */
  private void awaitStandstill() throws Exception {
    long deadline = System.nanoTime() + 2 * EventClient.WAIT.toNanos();
    AxisState state = motionUa.axes().get("J1").snapshot().state();
    while (state != AxisState.Standstill && System.nanoTime() < deadline) {
      if (state == AxisState.ErrorStop) {
        client.call(j1, client.path(j1, "Reset"));
        client.call(j1, client.path(j1, "Power"), true);
      }
      Thread.sleep(20);
      state = motionUa.axes().get("J1").snapshot().state();
    }
    assertEquals(AxisState.Standstill, state, "J1 before the move");
  }

  private boolean matches(ReceivedEvent e) {
    try {
      return isFollowingError(e);
    } catch (Exception ex) {
      throw new AssertionError(ex);
    }
  }
}
