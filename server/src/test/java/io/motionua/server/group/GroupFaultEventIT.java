package io.motionua.server.group;

import static io.motionua.server.group.GroupTestMachine.AXES;
import static io.motionua.server.group.GroupTestMachine.drive;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ubyte;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motionua.server.axis.AxisState;
import io.motionua.server.group.GroupEventSubscription.Event;
import io.motionua.server.group.GroupEventSubscription.Recorder;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseDirection;
import org.eclipse.milo.opcua.stack.core.types.structured.ReferenceDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * GroupFaultEventType events of group {@code all} (fault reaction stop, drive-profiles) on
 * subscriptions on the group, the machine and the Server object, and not on axes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GroupFaultEventIT extends GroupCellFixture {

  private GroupEventSubscription events;
  private NodeId group;
  private NodeId machine;

  @Override
  String groupOptions() {
    return "faultReaction: stop, mode: drive-profiles";
  }

  @BeforeAll
  void subscribe() throws Exception {
    events = GroupEventSubscription.connect(cell);
    group = events.node("Cell/Groups/all");
    machine = events.node("Cell");
  }

  @AfterAll
  void unsubscribe() throws Exception {
    if (events != null) {
      events.close();
    }
  }

  @BeforeEach
  void standby() throws Exception {
    client.toStandby();
  }

  private NodeId axis(int k) {
    return events.node("Cell/MotionDevices/Robot/Axes/A" + k);
  }

  private NodeId type(int id) {
    return new NodeId(events.modelNamespace(), id);
  }

  private Predicate<Event> groupFault() {
    return e -> type(GroupEventSubscription.GROUP_FAULT).equals(e.eventType());
  }

  private Predicate<Event> groupFaultOf(int k) {
    return groupFault().and(e -> ("A" + k).equals(e.axisName()));
  }

  private Predicate<Event> axisFaultOf(int k) {
    return e ->
        type(GroupEventSubscription.AXIS_FAULT).equals(e.eventType())
            && ("A" + k).equals(e.sourceName());
  }

  @Test
  @Order(1)
  void theGroupIsANotifierUnderTheMachineAndTheEventTypeBrowsesWithItsProperties()
      throws Exception {
    assertEquals(
        ubyte(5),
        events.attribute(group, AttributeId.EventNotifier),
        "SubscribeToEvents and HistoryRead");
    assertTrue(
        events.targets(machine, NodeIds.HasNotifier).contains(group), "machine -HasNotifier-> all");

    NodeId type = type(GroupEventSubscription.GROUP_FAULT);
    assertEquals(
        List.of(NodeIds.BaseEventType),
        events.references(type, BrowseDirection.Inverse, NodeIds.HasSubtype).stream()
            .map(r -> r.getNodeId().toNodeId(null).orElseThrow())
            .toList());
    List<ReferenceDescription> properties =
        events.references(type, BrowseDirection.Forward, NodeIds.HasProperty);
    assertEquals(
        List.of("Axis", "AxisName", "Cause", "Command", "FaultReaction"),
        properties.stream().map(r -> r.getBrowseName().name()).sorted().toList());
    for (ReferenceDescription p : properties) {
      NodeId property = p.getNodeId().toNodeId(null).orElseThrow();
      assertEquals(
          p.getBrowseName().name().equals("Axis") ? NodeIds.NodeId : NodeIds.String,
          events.attribute(property, AttributeId.DataType),
          p.getBrowseName().name());
      assertEquals(
          List.of(NodeIds.ModellingRule_Mandatory),
          events.targets(property, NodeIds.HasModellingRule),
          p.getBrowseName().name());
    }
  }

  @Test
  @Order(2)
  void aFaultMidMoveRaisesOneGroupFaultOnTheGroupMachineAndServerAndNoneOnAxes() throws Exception {
    Recorder onGroup = events.subscribe(group);
    Recorder onServer = events.subscribe(NodeIds.Server);
    Recorder onMachine = events.subscribe(machine);
    Recorder onA4 = events.subscribe(axis(4));
    Recorder onA7 = events.subscribe(axis(7));

    double[] from = GroupTestMachine.positions(cell);
    Double[] target = new Double[AXES];
    for (int k = 0; k < AXES; k++) {
      target[k] = from[k] > 0 ? -150.0 : 150.0;
    }
    assertEquals(StatusCodes.Good, client.call("MoveSynchronized", target, 0.5));
    awaitMoved(4, from[3], 2.0);
    long t0 = System.nanoTime();
    drive(cell, 4).injectFault(0x7500);

    Event first = onGroup.await("GroupFaultEventType of A4 on the group", groupFaultOf(4));
    Event viaServer = onServer.await("GroupFaultEventType on the Server", groupFaultOf(4));
    Event viaMachine = onMachine.await("GroupFaultEventType on the machine", groupFaultOf(4));
    System.out.printf(
        "fault injected on A4 -> GroupFault received on the group %.1f ms, Server %.1f ms,"
            + " machine %.1f ms (publishing interval 50 ms, poll 20 ms)%n",
        (first.receivedNanos() - t0) / 1e6,
        (viaServer.receivedNanos() - t0) / 1e6,
        (viaMachine.receivedNanos() - t0) / 1e6);
    client.awaitState(GroupState.GroupErrorStop, 1000);
    String lastError = client.lastError();
    assertEquals("group all: axis A4: drive fault 0x7500 during MoveSynchronized", lastError);
    NodeId[] members = (NodeId[]) client.read("Members");
    for (Event e : List.of(first, viaServer, viaMachine)) {
      assertEquals(group, e.sourceNode());
      assertEquals("all", e.sourceName());
      assertEquals(lastError, e.message());
      assertEquals(700, e.severity());
      assertEquals(axis(4), e.axis());
      assertEquals(members[3], e.axis());
      assertEquals("A4", e.axisName());
      assertTrue(e.cause().contains("0x7500"), e.cause());
      assertEquals("MoveSynchronized", e.command());
      assertEquals("stop", e.faultReaction());
    }

    flushAfterTheMove();
    assertEquals(1, onGroup.events().size(), "on the group: " + onGroup.events());
    assertEquals(1, onServer.events(groupFault()).size(), "on the Server: " + onServer.events());
    assertEquals(1, onMachine.events(groupFault()).size(), "on the machine: " + onMachine.events());
    assertEquals(List.of(), onA7.events(groupFault()), "A7's subscription heard the group");
    assertEquals(List.of(), onA4.events(groupFault()), "A4's subscription heard the group");
    assertEquals(1, onA4.events(axisFaultOf(4)).size(), "A4's own AxisFault: " + onA4.events());
  }

  @Test
  @Order(3)
  void aSecondFailureInTheSameMoveRaisesASecondEventNamingThatAxis() throws Exception {
    Recorder onGroup = events.subscribe(group);
    Recorder onServer = events.subscribe(NodeIds.Server);

    // A12 goes at least 160 deg and sets the pace, so it cruises at its full 180 deg/s and needs
    // 0.33 s to stop; the others go 20 deg.
    double[] from = GroupTestMachine.positions(cell);
    Double[] target = new Double[AXES];
    for (int k = 0; k < AXES; k++) {
      target[k] = k == AXES - 1 ? (from[k] > 0 ? -160 : 160) : from[k] + (from[k] > 0 ? -20 : 20);
    }
    assertEquals(StatusCodes.Good, client.call("MoveSynchronized", target, 1.0));
    awaitMoved(12, from[11], 100.0);
    drive(cell, 4).injectFault(0x7500);
    awaitGroupState(GroupState.GroupErrorStop);
    assertEquals(
        0, drive(cell, 12).statusword() & 0x0400, "A12 stood before its fault could be injected");
    long t0 = System.nanoTime();
    drive(cell, 12).injectFault(0x2310);

    Event second = onGroup.await("GroupFaultEventType of A12", groupFaultOf(12));
    System.out.printf(
        "second fault injected on A12 -> its GroupFault received on the group %.1f ms%n",
        (second.receivedNanos() - t0) / 1e6);
    Event first = onGroup.events().get(0);
    assertEquals("A4", first.axisName());
    assertEquals("MoveSynchronized", first.command());
    assertEquals(axis(12), second.axis());
    assertTrue(second.cause().contains("0x2310"), second.cause());
    assertEquals("fault reaction stop", second.command());
    assertEquals("stop", second.faultReaction());
    assertEquals(
        "group all: axis A12: drive fault 0x2310 during fault reaction stop", second.message());
    client.awaitState(GroupState.GroupErrorStop, 1000);
    assertEquals(
        first.message() + "; then axis A12: drive fault 0x2310 during fault reaction stop",
        client.lastError());

    flushAfterTheMove();
    assertEquals(
        List.of("A4", "A12"), onGroup.events().stream().map(Event::axisName).toList(), "group");
    assertEquals(
        List.of("A4", "A12"),
        onServer.events(groupFault()).stream().map(Event::axisName).toList(),
        "Server");
  }

  /** Waits (bounded) until axis k's drive is at least {@code degrees} away from {@code from}. */
  private void awaitMoved(int k, double from, double degrees) {
    long deadline = System.nanoTime() + 5_000_000_000L;
    double at = from;
    while (Math.abs(at - from) < degrees && System.nanoTime() < deadline) {
      LockSupport.parkNanos(200_000);
      at = drive(cell, k).positionActual() / GroupTestMachine.incrementsPerDegree();
    }
    assertTrue(Math.abs(at - from) >= degrees, "A" + k + " moved only " + (at - from) + " deg");
  }

  /** Waits (bounded, in process) for the group's state; no client round trip in the way. */
  private void awaitGroupState(GroupState expected) {
    AxisGroup g = cell.groups().get("all");
    long deadline = System.nanoTime() + 2_000_000_000L;
    while (g.state() != expected && System.nanoTime() < deadline) {
      LockSupport.parkNanos(100_000);
    }
    assertEquals(expected, g.state(), "group all (LastError: " + g.lastError() + ")");
  }

  /**
   * Waits until the fault reaction has ended (no member in SynchronizedMotion: the group no longer
   * watches them), then faults A7 as a marker and waits for its AxisFault on a Server item: from
   * then on every event fired before, on every item of the subscription, has been recorded.
   */
  private void flushAfterTheMove() throws Exception {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (System.nanoTime() < deadline && anyInSynchronizedMotion()) {
      Thread.sleep(5);
    }
    assertTrue(!anyInSynchronizedMotion(), "the fault reaction did not end");
    Recorder marker = events.subscribe(NodeIds.Server);
    drive(cell, 7).injectFault(0x2310);
    assertNotNull(marker.await("AxisFaultEventType of A7 (marker)", axisFaultOf(7)));
  }

  private boolean anyInSynchronizedMotion() {
    return cell.axes().values().stream()
        .anyMatch(a -> a.snapshot().state() == AxisState.SynchronizedMotion);
  }
}
