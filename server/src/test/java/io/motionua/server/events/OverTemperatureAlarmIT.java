package io.motionua.server.events;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motionua.server.MotionUa;
import io.motionua.server.axis.AxisState;
import java.util.List;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseDirection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The over-temperature alarm of J4's motor (limit 31 °C on the bench): raised by heating the motor
 * with MoveVelocity, acknowledged through Acknowledge, replayed by ConditionRefresh. The steps
 * build on each other, hence the order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OverTemperatureAlarmIT {

  private MotionUa motionUa;
  private EventClient client;
  private NodeId machine;
  private NodeId j4;
  private NodeId motor;
  private EventClient.Recorder onMotor;
  private EventClient.Recorder onServer;
  private EventClient.Recorder onJ1;
  private ReceivedEvent raised;

  @BeforeAll
  void start() throws Exception {
    motionUa = TestMachine.start();
    client = EventClient.connect(TestMachine.endpoint(motionUa));
    machine = client.path(NodeIds.ObjectsFolder, TestMachine.NAME);
    NodeId device = client.path(machine, "MotionDevices", "Arm");
    j4 = client.path(device, "Axes", "J4");
    motor = client.path(device, "PowerTrains", "J4-PowerTrain", "Motor");
    onMotor = client.subscribe(motor);
    onServer = client.subscribe(NodeIds.Server);
    onJ1 = client.subscribe(client.path(device, "Axes", "J1"));
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

  private static boolean isAlarm(ReceivedEvent e) {
    return NodeIds.NonExclusiveLevelAlarmType.equals(e.eventType());
  }

  @Test
  @Order(1)
  void theMotorHasAnOverTemperatureConditionReferencedByHasCondition() throws Exception {
    var conditions = client.references(motor, BrowseDirection.Forward, NodeIds.HasCondition);
    assertEquals(1, conditions.size(), "HasCondition references of J4's motor");
    assertEquals("OverTemperature", conditions.get(0).getBrowseName().name());
    NodeId alarm = client.path(motor, "OverTemperature");
    assertEquals(
        31.0,
        ((Number) client.read(client.path(alarm, "HighLimit")).value().value()).doubleValue());
    assertEquals(
        Boolean.FALSE, client.read(client.path(alarm, "ActiveState", "Id")).value().value());
  }

  @Test
  @Order(2)
  void heatingTheMotorAboveItsLimitRaisesTheAlarm() throws Exception {
    long deadline = System.nanoTime() + EventClient.WAIT.toNanos();
    while (motionUa.axes().get("J4").snapshot().state() != AxisState.Standstill
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    long status =
        client
            .call(j4, client.path(j4, "MoveVelocity"), 180.0, 0.0, 0.0)
            .getStatusCode()
            .getValue();
    assertEquals(StatusCodes.Good, status);

    raised = onMotor.await("an active OverTemperature alarm", e -> isAlarm(e) && e.active());
    assertEquals("J4-motor", raised.sourceName());
    assertEquals(700, raised.severity());
    assertFalse(raised.acked(), "a new alarm is unacknowledged");
    assertTrue(raised.retain(), "an active alarm is retained");
    assertTrue(raised.message().contains("over temperature"), raised.message());
    assertEquals(client.path(motor, "OverTemperature"), raised.conditionId());
    onServer.await("the alarm on the Server object", e -> isAlarm(e) && e.active());
    assertTrue(onJ1.events().stream().noneMatch(OverTemperatureAlarmIT::isAlarm), "J1 heard J4");
    client.call(j4, client.path(j4, "Stop"), 0.0);
  }

  @Test
  @Order(3)
  void acknowledgeSetsAckedStateAndFiresAnEvent() throws Exception {
    NodeId alarm = raised.conditionId();
    LocalizedText comment = LocalizedText.english("fan checked");
    long status =
        client
            .call(
                alarm, NodeIds.AcknowledgeableConditionType_Acknowledge, raised.eventId(), comment)
            .getStatusCode()
            .getValue();
    assertEquals(StatusCodes.Good, status);

    ReceivedEvent acked = onMotor.await("an acknowledged alarm", e -> isAlarm(e) && e.acked());
    assertTrue(acked.active(), "still active after Acknowledge");
    assertFalse(acked.eventId().equals(raised.eventId()), "a new EventId");
    assertEquals(Boolean.TRUE, client.read(client.path(alarm, "AckedState", "Id")).value().value());
    assertEquals(comment, client.read(client.path(alarm, "Comment")).value().value());

    long again =
        client
            .call(alarm, NodeIds.AcknowledgeableConditionType_Acknowledge, acked.eventId(), comment)
            .getStatusCode()
            .getValue();
    assertEquals(StatusCodes.Bad_ConditionBranchAlreadyAcked, again);
    long stale =
        client
            .call(
                alarm, NodeIds.AcknowledgeableConditionType_Acknowledge, raised.eventId(), comment)
            .getStatusCode()
            .getValue();
    assertEquals(StatusCodes.Bad_EventIdUnknown, stale);
  }

  @Test
  @Order(4)
  void conditionRefreshReplaysTheActiveAlarmBetweenRefreshStartAndEnd() throws Exception {
    int before = onMotor.events().size();
    long status =
        client
            .call(
                NodeIds.ConditionType,
                NodeIds.ConditionType_ConditionRefresh,
                uint(client.subscriptionId()))
            .getStatusCode()
            .getValue();
    assertEquals(StatusCodes.Good, status);

    onMotor.await("RefreshEndEvent", e -> NodeIds.RefreshEndEventType.equals(e.eventType()));
    List<ReceivedEvent> refresh = onMotor.events().subList(before, onMotor.events().size());
    List<NodeId> types = refresh.stream().map(ReceivedEvent::eventType).toList();
    assertEquals(
        List.of(
            NodeIds.RefreshStartEventType,
            NodeIds.NonExclusiveLevelAlarmType,
            NodeIds.RefreshEndEventType),
        types,
        "events of the refresh: " + refresh);
    assertTrue(refresh.get(1).active() && refresh.get(1).acked(), "replayed as it is now");
    onJ1.await("RefreshEndEvent on J1", e -> NodeIds.RefreshEndEventType.equals(e.eventType()));
    assertTrue(
        onJ1.events().stream().noneMatch(OverTemperatureAlarmIT::isAlarm),
        "J1's item got J4's alarm in the refresh");
  }

  @Test
  @Order(5)
  void confirmAfterAcknowledgeSetsConfirmedStateAndTheActiveAlarmStaysRetained() throws Exception {
    NodeId alarm = raised.conditionId();
    ReceivedEvent latest =
        onMotor.events().stream()
            .filter(OverTemperatureAlarmIT::isAlarm)
            .reduce((a, b) -> b)
            .orElseThrow();
    long status =
        client
            .call(
                alarm,
                NodeIds.AcknowledgeableConditionType_Confirm,
                latest.eventId(),
                LocalizedText.english("fan replaced"))
            .getStatusCode()
            .getValue();
    assertEquals(StatusCodes.Good, status);

    ReceivedEvent confirmed =
        onMotor.await("a confirmed alarm", e -> isAlarm(e) && e.message().contains("confirmed"));
    assertTrue(confirmed.retain(), "an active alarm stays retained after Confirm");
    assertEquals(
        Boolean.TRUE, client.read(client.path(alarm, "ConfirmedState", "Id")).value().value());
  }
}
