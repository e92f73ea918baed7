package io.motionua.server.events;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ubyte;

import io.motionua.server.axis.AxisController;
import io.motionua.server.group.AxisGroup;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNodeContext;
import org.eclipse.milo.opcua.sdk.server.nodes.UaObjectNode;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UByte;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;

/**
 * Events and alarms of one machine: axis events published from the axis controllers, group fault
 * events from the axis groups, one over-temperature alarm per motor, three alarms per axis (drive
 * fault, communication loss, following error), the notifier scopes that route events to
 * subscriptions on the Server object, the machine, a group, an axis or a motor, and
 * ConditionRefresh. The namespace builds the nodes and references and calls in here; see
 * docs/events.md.
 */
public final class MachineEvents {

  /** EventNotifier attribute value SubscribeToEvents. */
  public static final UByte SUBSCRIBE_TO_EVENTS = ubyte(1);

  private final OpcUaServer server;
  private final EventScopes scopes;
  private final List<AlarmCondition> alarms = new CopyOnWriteArrayList<>();

  public MachineEvents(OpcUaServer server) {
    this.server = server;
    this.scopes = new EventScopes(server.getEventNotifier());
  }

  public EventScopes scopes() {
    return scopes;
  }

  /** Every alarm condition of the machine: the motors' and the axes'. */
  public List<AlarmCondition> alarms() {
    return List.copyOf(alarms);
  }

  /** The machine object becomes a notifier; the Server object's notifier covers it anyway. */
  public void addMachine(UaObjectNode machine) {
    machine.setEventNotifier(SUBSCRIBE_TO_EVENTS);
    scopes.cover(machine.getNodeId(), machine.getNodeId());
  }

  /**
   * Publishes the axis's events with the axis as SourceNode; the axis and the machine notifiers
   * cover them.
   *
   * @param typesNs the server's index of the MotionUA model namespace
   * @param link the link of the axis's drive, for the communication events
   */
  public void addAxis(
      NodeId machine, UaObjectNode axis, AxisController controller, String link, UShort typesNs) {
    axis.setEventNotifier(SUBSCRIBE_TO_EVENTS);
    scopes.cover(machine, axis.getNodeId());
    scopes.cover(axis.getNodeId(), axis.getNodeId());
    AxisEventPublisher publisher =
        new AxisEventPublisher(
            server,
            typesNs,
            axis.getNodeId(),
            controller.name(),
            link,
            () -> controller.shownPosition(controller.snapshot().position()));
    controller.addEventListener(publisher::publish);
  }

  /**
   * Publishes the group's faults (GroupFaultEventType) with the group as SourceNode; the group and
   * the machine notifiers cover them, its member axes' notifiers do not. The caller adds the
   * machine's HasNotifier reference to the group.
   *
   * @param members the member axes' objects, in the group's member order
   * @param typesNs the server's index of the MotionUA model namespace
   */
  public void addGroup(
      NodeId machine,
      UaObjectNode group,
      AxisGroup axisGroup,
      List<NodeId> members,
      UShort typesNs) {
    group.setEventNotifier(SUBSCRIBE_TO_EVENTS);
    scopes.cover(machine, group.getNodeId());
    scopes.cover(group.getNodeId(), group.getNodeId());
    GroupEventPublisher publisher =
        new GroupEventPublisher(server, typesNs, group.getNodeId(), axisGroup.name(), members);
    axisGroup.addFaultListener(publisher::publish);
  }

  /**
   * Creates the motor's over-temperature alarm (its SourceNode is the motor) and evaluates it after
   * each poll of the axis. The motor, its axis and the machine notifiers cover it. The caller adds
   * the alarm's references (HasComponent and HasCondition from the motor).
   */
  public OverTemperatureAlarm addMotor(
      UaNodeContext context,
      NodeId machine,
      NodeId axis,
      UaObjectNode motor,
      String motorName,
      NodeId temperature,
      double maxTemperature,
      AxisController controller)
      throws UaException {
    motor.setEventNotifier(SUBSCRIBE_TO_EVENTS);
    scopes.cover(machine, motor.getNodeId());
    scopes.cover(axis, motor.getNodeId());
    scopes.cover(motor.getNodeId(), motor.getNodeId());
    OverTemperatureAlarm alarm =
        OverTemperatureAlarm.create(
            context, motor.getNodeId(), motorName, temperature, maxTemperature);
    AlarmMethods.install(alarm.condition());
    alarms.add(alarm.condition());
    controller.addObserver(alarm.observer());
    return alarm;
  }

  /**
   * Creates the axis's DriveFault, CommunicationLoss and FollowingErrorExceeded alarms (SourceNode:
   * the axis, which {@link #addAxis} made a notifier) and evaluates them after each poll. The
   * caller adds their references (HasComponent and HasCondition from the axis).
   */
  public AxisAlarms addAxisAlarms(
      UaNodeContext context,
      NodeId axis,
      AxisController controller,
      double followingErrorLimit,
      NodeId errorCode,
      NodeId communicationStatus,
      NodeId followingError)
      throws UaException {
    AxisAlarms axisAlarms =
        AxisAlarms.create(
            context,
            axis,
            controller.name(),
            followingErrorLimit,
            errorCode,
            communicationStatus,
            followingError);
    for (AlarmCondition condition : axisAlarms.conditions()) {
      AlarmMethods.install(condition);
      alarms.add(condition);
    }
    controller.addObserver(axisAlarms::observe);
    return axisAlarms;
  }

  /**
   * Makes the Server object a notifier (Milo leaves its EventNotifier at 0) and takes over
   * ConditionRefresh. Call once all alarms exist.
   */
  public void start() {
    server
        .getAddressSpaceManager()
        .getManagedNode(NodeIds.Server)
        .filter(UaObjectNode.class::isInstance)
        .map(UaObjectNode.class::cast)
        .ifPresent(s -> s.setEventNotifier(SUBSCRIBE_TO_EVENTS));
    new ConditionRefresh(server, scopes, alarms).install();
  }
}
