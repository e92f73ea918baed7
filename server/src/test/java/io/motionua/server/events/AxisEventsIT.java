package io.motionua.server.events;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ubyte;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motionua.server.MotionUa;
import io.motionua.server.Waits;
import io.motionua.server.axis.AxisState;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseDirection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Axis events through OPC UA subscriptions on the Server object, the machine and single axes of the
 * simulated bench. Each test uses its own axis.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AxisEventsIT {

  private MotionUa motionUa;
  private EventClient client;
  private NodeId machine;
  private NodeId axes;

  @BeforeAll
  void start() throws Exception {
    motionUa = TestMachine.start();
    client = EventClient.connect(TestMachine.endpoint(motionUa));
    machine = client.path(NodeIds.ObjectsFolder, TestMachine.NAME);
    axes = client.path(machine, "MotionDevices", "Arm", "Axes");
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

  private NodeId type(int id) {
    return new NodeId(client.modelNamespace(), id);
  }

  private void awaitState(String axis, AxisState expected) throws Exception {
    Waits.axisState(motionUa, axis, expected, EventClient.WAIT);
  }

  @Test
  void serverMachineAndAxesAreEventNotifiersLinkedByHasNotifier() throws Exception {
    NodeId j1 = client.path(axes, "J1");
    for (NodeId node : List.of(NodeIds.Server, machine, j1)) {
      assertEquals(
          ubyte(5), client.attribute(node, AttributeId.EventNotifier), "EventNotifier of " + node);
    }
    assertTrue(
        notified(NodeIds.Server).contains(machine), "Server -HasNotifier-> " + TestMachine.NAME);
    assertTrue(notified(machine).contains(j1), "machine -HasNotifier-> J1");
  }

  private List<NodeId> notified(NodeId node) throws Exception {
    List<NodeId> targets = new ArrayList<>();
    for (var rd : client.references(node, BrowseDirection.Forward, NodeIds.HasNotifier)) {
      targets.add(rd.getNodeId().toNodeId(null).orElseThrow());
    }
    return targets;
  }

  @Test
  void aDriveFaultArrivesWithItsCodeOnServerMachineAndAxisButNotOnAnotherAxis() throws Exception {
    var onServer = client.subscribe(NodeIds.Server);
    var onMachine = client.subscribe(machine);
    var onJ1 = client.subscribe(client.path(axes, "J1"));
    var onJ2 = client.subscribe(client.path(axes, "J2"));
    awaitState("J1", AxisState.Standstill);

    motionUa.simulator("bench-bus").drive(1).injectFault(0x8611);

    for (var recorder : List.of(onServer, onMachine, onJ1)) {
      ReceivedEvent e =
          recorder.await(
              "AxisFaultEventType of J1",
              ev -> type(1101).equals(ev.eventType()) && "J1".equals(ev.sourceName()));
      assertEquals(0x8611, e.faultCode());
      assertEquals(800, e.severity());
      assertTrue(e.message().contains("following error"), e.message());
    }
    Thread.sleep(300); // J2's item had as long as the others: nothing of J1 may arrive there
    assertTrue(
        onJ2.events().stream().noneMatch(e -> "J1".equals(e.sourceName())),
        "J2's subscription heard J1: " + onJ2.events());
  }

  @Test
  void aDriveThatStopsAnsweringRaisesCommunicationLostAndThenRestored() throws Exception {
    var onJ2 = client.subscribe(client.path(axes, "J2"));
    awaitState("J2", AxisState.Standstill);

    motionUa.simulator("bench-bus").setResponding(2, false);
    ReceivedEvent lost =
        onJ2.await("CommunicationLostEventType", e -> type(1102).equals(e.eventType()));
    assertEquals("J2", lost.sourceName());
    assertEquals(700, lost.severity());

    motionUa.simulator("bench-bus").setResponding(2, true);
    ReceivedEvent restored =
        onJ2.await("CommunicationRestoredEventType", e -> type(1103).equals(e.eventType()));
    assertEquals("J2", restored.sourceName());
    assertEquals(300, restored.severity());
    assertTrue(
        onJ2.events().indexOf(lost) < onJ2.events().indexOf(restored), "lost before restored");
  }

  @Test
  void moveAbsoluteEndsWithAMoveCompletedEventOfThatAxis() throws Exception {
    NodeId j3 = client.path(axes, "J3");
    var onJ3 = client.subscribe(j3);
    awaitState("J3", AxisState.Standstill);

    long status =
        client
            .call(j3, client.path(j3, "MoveAbsolute"), 15.0, 0.0, 0.0, 0.0)
            .getStatusCode()
            .getValue();
    assertEquals(StatusCodes.Good, status);

    ReceivedEvent done =
        onJ3.await("MoveCompletedEventType", e -> type(1104).equals(e.eventType()));
    assertEquals("J3", done.sourceName());
    assertEquals(100, done.severity());
    assertEquals(15.0, motionUa.axes().get("J3").snapshot().position(), 0.01);
  }
}
