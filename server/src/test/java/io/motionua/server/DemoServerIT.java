package io.motionua.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseDirection;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodResult;
import org.eclipse.milo.opcua.stack.core.types.structured.ReferenceDescription;
import org.junit.jupiter.api.Test;

/**
 * The demo machine end to end in one process: simulated drives over real Modbus TCP on loopback,
 * the OPC UA server on an ephemeral port, and Milo's client.
 */
class DemoServerIT extends DemoServerTestBase {

  @Test
  void everyAxisHasAPowerTrainWithMotorGearAndDrive() throws Exception {
    NodeId axesFolder = client.path(arm, "Axes");
    List<ReferenceDescription> axes = client.children(axesFolder);
    assertEquals(
        List.of("J1", "J2", "J3", "J4", "J5", "J6"),
        axes.stream().map(r -> r.getBrowseName().name()).toList());
    for (ReferenceDescription axis : axes) {
      NodeId axisId = client.toNodeId(axis);
      List<ReferenceDescription> movedBy =
          client.references(axisId, BrowseDirection.Inverse, NodeIds.References).stream()
              .filter(
                  r -> r.getBrowseName().name().equals(axis.getBrowseName().name() + "-PowerTrain"))
              .toList();
      assertFalse(movedBy.isEmpty(), "no power train moves " + axis.getBrowseName().name());
      NodeId train = client.toNodeId(movedBy.get(0));
      for (String part : List.of("Motor", "Gear", "Drive")) {
        assertTrue(client.child(train, part).isPresent(), part + " of " + axis.getBrowseName());
      }
    }
  }

  @Test
  void actualPositionsTurnGoodOncePolled() throws Exception {
    for (String axis : List.of("J1", "J2", "J3", "J4", "J5", "J6")) {
      NodeId position = client.path(arm, "Axes", axis, "ParameterSet", "ActualPosition");
      DataValue value = awaitGood(position);
      assertTrue(value.statusCode().isGood(), axis + ": " + value.statusCode());
      assertEquals(0.0, (Double) value.value().value(), 0.01, axis);
    }
  }

  @Test
  void moveAbsoluteReachesTheTargetInTheProfileTime() throws Exception {
    NodeId axis = client.path(arm, "Axes", "J1");
    NodeId method = client.path(axis, "MoveAbsolute");
    NodeId position = client.path(axis, "ParameterSet", "ActualPosition");
    awaitState(axis, 1); // Standstill: powered at start
    long t0 = System.nanoTime();
    CallMethodResult result =
        client.call(
            axis,
            method,
            new Variant(45.0),
            new Variant(90.0),
            new Variant(360.0),
            new Variant(360.0));
    assertTrue(result.getStatusCode().isGood(), result.getStatusCode().toString());
    double reached = Double.NaN;
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (System.nanoTime() < deadline) {
      reached = (Double) client.read(position).value().value();
      if (Math.abs(reached - 45.0) <= 0.01) {
        break;
      }
      Thread.sleep(10);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertEquals(45.0, reached, 0.01);
    // 45 deg at 90 deg/s with 360 deg/s^2: 0.25 s up, 0.25 s cruise, 0.25 s down = 0.75 s.
    assertTrue(seconds >= 0.7 && seconds < 1.5, "took " + seconds + " s");
  }

  @Test
  void moveOutsideTheSoftwareLimitIsRefusedWithOutOfRange() throws Exception {
    NodeId axis = client.path(arm, "Axes", "J2");
    CallMethodResult result =
        client.call(
            axis,
            client.path(axis, "MoveAbsolute"),
            new Variant(500.0),
            new Variant(0.0),
            new Variant(0.0),
            new Variant(0.0));
    assertEquals(StatusCodes.Bad_InvalidArgument, result.getStatusCode().getValue());
    assertEquals(StatusCodes.Bad_OutOfRange, result.getInputArgumentResults()[0].getValue());
    assertTrue(result.getInputArgumentResults()[1].isGood());
  }

  @Test
  void positionGoesUncertainThenBadWhenTheDriveStopsAnsweringAndGoodAgain() throws Exception {
    NodeId position = client.path(arm, "Axes", "J6", "ParameterSet", "ActualPosition");
    awaitGood(position);
    motionUa.simulator("arm-bus").setResponding(6, false);
    try {
      DataValue uncertain = awaitStatus(position, StatusCodes.Uncertain_LastUsableValue, 3000);
      assertEquals(StatusCodes.Uncertain_LastUsableValue, uncertain.statusCode().getValue());
      DataValue bad = awaitStatus(position, StatusCodes.Bad_NoCommunication, 5000);
      assertEquals(StatusCodes.Bad_NoCommunication, bad.statusCode().getValue());
      NodeId drive = client.path(arm, "PowerTrains", "J6-PowerTrain", "Drive");
      assertEquals(
          "Bad_NoCommunication", client.read(client.path(drive, "LastError")).value().value());
      assertTrue(client.read(client.path(drive, "LastErrorTime")).value().value() != null);
      // The driver took the dead drive off scan; its counters reach the drive once a second.
      long deadline = System.nanoTime() + 3_000_000_000L;
      Object demotions = null;
      while (System.nanoTime() < deadline) {
        demotions = client.read(client.path(drive, "Demotions")).value().value();
        if (demotions instanceof Number n && n.longValue() >= 1) {
          break;
        }
        Thread.sleep(50);
      }
      assertTrue(demotions instanceof Number n && n.longValue() >= 1, "Demotions " + demotions);
    } finally {
      motionUa.simulator("arm-bus").setResponding(6, true);
    }
    // A drive that failed several polls is taken off scan for a while (demotion), so coming back
    // may take that long.
    assertTrue(awaitStatus(position, StatusCodes.Good, 12_000).statusCode().isGood());
  }

  @Test
  void everyInstanceHasTheMandatoryChildrenItsTypeDeclares() throws Exception {
    NodeId machine = client.path(NodeIds.ObjectsFolder, "DemoArm");
    NodeId train = client.path(arm, "PowerTrains", "J1-PowerTrain");
    List<NodeId> instances =
        List.of(
            machine,
            arm,
            client.path(arm, "Axes", "J1"),
            train,
            client.path(train, "Motor"),
            client.path(train, "Gear"),
            client.path(train, "Drive"),
            client.path(machine, "Links", "arm-bus"));
    int checked = 0;
    List<String> missing = new java.util.ArrayList<>();
    for (NodeId instance : instances) {
      NodeId type = typeDefinition(instance);
      assertEquals(typesNamespace(), type.getNamespaceIndex().intValue(), "type of " + instance);
      checked += assertConforms(instance, type, instance.getIdentifier().toString(), missing);
    }
    assertEquals(List.of(), missing, "mandatory children missing");
    assertTrue(checked >= 20, "checked only " + checked + " mandatory declarations");
  }

  @Test
  void linkCountersArePublishedAndGrow() throws Exception {
    NodeId link = client.path(NodeIds.ObjectsFolder, "DemoArm", "Links", "arm-bus");
    NodeId requests = client.path(link, "Requests");
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!Boolean.TRUE.equals(client.read(client.path(link, "Connected")).value().value())
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(Boolean.TRUE, client.read(client.path(link, "Connected")).value().value());
    long first = ((Number) client.read(requests).value().value()).longValue();
    // The publisher copies the counters once a second: wait for a later copy, bounded.
    long second = first;
    long until = System.nanoTime() + 5_000_000_000L;
    while (second <= first && System.nanoTime() < until) {
      Thread.sleep(50);
      second = ((Number) client.read(requests).value().value()).longValue();
    }
    assertTrue(second > first, "Requests grew from " + first + " to " + second);
    double p99 =
        ((Number) client.read(client.path(link, "P99RoundTrip")).value().value()).doubleValue();
    assertTrue(p99 > 0 && p99 < 1000, "P99RoundTrip " + p99 + " ms");
  }

  @Test
  void serverDiagnosticsAreEnabledAndCountThisSession() throws Exception {
    assertEquals(
        Boolean.TRUE, client.read(NodeIds.Server_ServerDiagnostics_EnabledFlag).value().value());
    Object sessions =
        client
            .read(NodeIds.Server_ServerDiagnostics_ServerDiagnosticsSummary_CurrentSessionCount)
            .value()
            .value();
    assertTrue(((Number) sessions).intValue() >= 1, "CurrentSessionCount " + sessions);
  }

  private int typesNamespace() {
    return client.milo().getNamespaceTable().getIndex("http://motionua.io/UA/").intValue();
  }

  private NodeId typeDefinition(NodeId node) throws Exception {
    return client.references(node, BrowseDirection.Forward, NodeIds.HasTypeDefinition).stream()
        .map(client::toNodeId)
        .findFirst()
        .orElseThrow(() -> new AssertionError(node + " has no type definition"));
  }

  /** Checks that the instance has every Mandatory child of a type or instance declaration. */
  private int assertConforms(NodeId instance, NodeId declaration, String path, List<String> missing)
      throws Exception {
    int checked = 0;
    List<ReferenceDescription> have = client.children(instance);
    for (ReferenceDescription child : client.children(declaration)) {
      NodeId childId = client.toNodeId(child);
      boolean mandatory =
          client.references(childId, BrowseDirection.Forward, NodeIds.HasModellingRule).stream()
              .anyMatch(
                  r ->
                      r.getNodeId()
                          .getIdentifier()
                          .equals(NodeIds.ModellingRule_Mandatory.getIdentifier()));
      if (!mandatory) {
        continue;
      }
      String name = child.getBrowseName().name();
      var match =
          have.stream().filter(h -> h.getBrowseName().equals(child.getBrowseName())).findFirst();
      if (match.isEmpty()) {
        missing.add(path + "/" + name);
        continue;
      }
      checked +=
          1 + assertConforms(client.toNodeId(match.get()), childId, path + "/" + name, missing);
    }
    return checked;
  }

  private DataValue awaitGood(NodeId node) throws Exception {
    return awaitStatus(node, StatusCodes.Good, 5000);
  }

  private DataValue awaitStatus(NodeId node, long status, long millis) throws Exception {
    long deadline = System.nanoTime() + millis * 1_000_000;
    DataValue value = client.read(node);
    while (value.statusCode().getValue() != status && System.nanoTime() < deadline) {
      Thread.sleep(20);
      value = client.read(node);
    }
    return value;
  }

  private void awaitState(NodeId axis, int state) throws Exception {
    NodeId node = client.path(axis, "ParameterSet", "AxisState");
    Waits.until(
        () -> Integer.valueOf(state).equals(client.read(node).value().value()),
        Duration.ofSeconds(5),
        () -> "axis state " + state + ", is " + client.read(node).value().value());
  }
}
