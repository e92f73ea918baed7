package io.motionua.server.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motionua.server.MotionUa;
import io.motionua.server.Waits;
import io.motionua.server.axis.AxisState;
import java.util.List;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseDirection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The axes' alarms on the simulated bench: a drive fault raises J3's DriveFault (an
 * AlarmConditionType), an operator acknowledges it through the standard Acknowledge method, and
 * after Reset it returns to normal and is no longer retained; a drive that stops answering raises
 * J2's CommunicationLoss, retained after the drive answers again until acknowledged.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AxisAlarmsIT {

  private MotionUa motionUa;
  private EventClient client;
  private NodeId axes;

  @BeforeAll
  void start() throws Exception {
    motionUa = TestMachine.start();
    client = EventClient.connect(TestMachine.endpoint(motionUa));
    axes = client.path(NodeIds.ObjectsFolder, TestMachine.NAME, "MotionDevices", "Arm", "Axes");
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

  private static boolean isCondition(ReceivedEvent e, String axis) {
    return NodeIds.AlarmConditionType.equals(e.eventType()) && axis.equals(e.sourceName());
  }

  private void awaitState(String axis, AxisState expected) throws Exception {
    Waits.axisState(motionUa, axis, expected, EventClient.WAIT);
  }

  private long acknowledge(ReceivedEvent e) throws Exception {
    return client
        .call(
            e.conditionId(),
            NodeIds.AcknowledgeableConditionType_Acknowledge,
            e.eventId(),
            LocalizedText.english("seen"))
        .getStatusCode()
        .getValue();
  }

  @Test
  void eachAxisHasThreeConditions() throws Exception {
    NodeId j1 = client.path(axes, "J1");
    assertEquals(
        List.of("DriveFault", "CommunicationLoss", "FollowingErrorExceeded"),
        client.references(j1, BrowseDirection.Forward, NodeIds.HasCondition).stream()
            .map(r -> r.getBrowseName().name())
            .toList());
  }

  @Test
  void aDriveFaultIsAcknowledgedAndGoesAwayAfterReset() throws Exception {
    NodeId j3 = client.path(axes, "J3");
    var onJ3 = client.subscribe(j3);
    var onServer = client.subscribe(NodeIds.Server);
    awaitState("J3", AxisState.Standstill);

    motionUa.simulator("bench-bus").drive(3).injectFault(0x7500);
    ReceivedEvent raised =
        onJ3.await("J3's active DriveFault", e -> isCondition(e, "J3") && e.active());
    assertEquals(client.path(j3, "DriveFault"), raised.conditionId());
    assertEquals(800, raised.severity());
    assertFalse(raised.acked());
    assertTrue(raised.retain());
    assertTrue(raised.message().contains("0x7500"), raised.message());
    onServer.await("J3's DriveFault on the Server object", e -> isCondition(e, "J3") && e.active());

    assertEquals(StatusCodes.Good, acknowledge(raised));
    ReceivedEvent acked =
        onJ3.await("the acknowledged DriveFault", e -> isCondition(e, "J3") && e.acked());
    assertTrue(acked.active(), "acknowledged, still active until Reset");
    assertTrue(acked.retain());

    long reset = client.call(j3, client.path(j3, "Reset")).getStatusCode().getValue();
    assertEquals(StatusCodes.Good, reset);
    ReceivedEvent cleared =
        onJ3.await(
            "the DriveFault back to normal", e -> isCondition(e, "J3") && !e.active() && e.acked());
    assertFalse(cleared.retain(), "inactive and acknowledged: no longer retained");
    assertEquals(
        Boolean.FALSE, client.read(client.path(j3, "DriveFault", "Retain")).value().value());
  }

  @Test
  void aDriveThatStopsAnsweringRaisesCommunicationLossRetainedUntilAcknowledged() throws Exception {
    NodeId j2 = client.path(axes, "J2");
    var onJ2 = client.subscribe(j2);
    awaitState("J2", AxisState.Standstill);

    motionUa.simulator("bench-bus").setResponding(2, false);
    ReceivedEvent lost =
        onJ2.await(
            "J2's active CommunicationLoss",
            e -> isCondition(e, "J2") && e.active() && e.severity() == 700);
    assertEquals(client.path(j2, "CommunicationLoss"), lost.conditionId());

    motionUa.simulator("bench-bus").setResponding(2, true);
    ReceivedEvent back =
        onJ2.await(
            "J2's CommunicationLoss back to normal",
            e -> isCondition(e, "J2") && !e.active() && lost.conditionId().equals(e.conditionId()));
    assertTrue(back.retain(), "unacknowledged: still retained");
    assertEquals(StatusCodes.Good, acknowledge(back));
    ReceivedEvent acked =
        onJ2.await(
            "the acknowledged CommunicationLoss",
            e -> isCondition(e, "J2") && e.acked() && lost.conditionId().equals(e.conditionId()));
    assertFalse(acked.retain());
  }
}
