package io.motionua.server.opcua;

import io.motionua.drivers.Link;
import io.motionua.drivers.SignalValue;
import io.motionua.nodeset.MotionUaModel;
import io.motionua.server.axis.AxisController;
import io.motionua.server.axis.AxisSnapshot;
import io.motionua.server.config.AxisSpec;
import io.motionua.server.config.GroupSpec;
import io.motionua.server.config.MachineConfig;
import io.motionua.server.config.MotorSpec;
import io.motionua.server.events.AlarmCondition;
import io.motionua.server.events.AxisAlarms;
import io.motionua.server.events.EventScopes;
import io.motionua.server.events.MachineEvents;
import io.motionua.server.events.OverTemperatureAlarm;
import io.motionua.server.group.AxisGroup;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.milo.opcua.sdk.server.ManagedNamespaceWithLifecycle;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.items.DataItem;
import org.eclipse.milo.opcua.sdk.server.items.EventItem;
import org.eclipse.milo.opcua.sdk.server.items.MonitoredItem;
import org.eclipse.milo.opcua.sdk.server.nodes.UaObjectNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.sdk.server.util.SubscriptionModel;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;

/**
 * The machine's instances, built from the config by one fragment per part of the model ({@link
 * MotionDeviceSystemFragment} with {@link IdentificationFragment}, {@link AxisFragment}, {@link
 * PowerTrainFragment} with {@link DriveFragment}, {@link GroupFragment}, {@link LinkFragment});
 * this class puts them together and wires events. Values are pushed into the nodes by {@link
 * AxisNodes} observers on the link threads; no callback here does I/O. Events and alarms ({@link
 * MachineEvents}): the Server object, the machine, each axis and each motor are event notifiers
 * (Server -HasNotifier-> machine -HasNotifier-> axis -HasNotifier-> motor -HasCondition->
 * OverTemperature; machine -HasNotifier-> group), and event items on them hear only the events
 * their notifier covers.
 */
public final class MachineNamespace extends ManagedNamespaceWithLifecycle {

  private final MachineConfig config;
  private final Map<String, AxisController> axes;
  private final Map<String, String> drivePaths = new ConcurrentHashMap<>();
  private final Map<String, AxisGroup> groups;
  private final SubscriptionModel subscriptionModel;
  private final MachineEvents events;
  private UShort typesNs;
  private NodeId machineNode;
  private final Map<String, Link> links;
  private volatile IoDeviceNodes ioDevices;
  private volatile String rootPath;

  public MachineNamespace(
      OpcUaServer server, MachineConfig config, Map<String, AxisController> axes) {
    this(server, config, axes, Map.of());
  }

  /** A namespace with the machine's axis groups under Groups, one object per group. */
  public MachineNamespace(
      OpcUaServer server,
      MachineConfig config,
      Map<String, AxisController> axes,
      Map<String, AxisGroup> groups) {
    this(server, config, axes, groups, Map.of());
  }

  /**
   * A namespace with the axis groups and the plain devices (tags under Devices, written through
   * their links).
   */
  public MachineNamespace(
      OpcUaServer server,
      MachineConfig config,
      Map<String, AxisController> axes,
      Map<String, AxisGroup> groups,
      Map<String, Link> links) {
    super(server, namespaceUri(config));
    this.links = Map.copyOf(links);
    this.config = config;
    this.axes = Map.copyOf(axes);
    this.groups = Map.copyOf(groups);
    this.subscriptionModel = new SubscriptionModel(server, this);
    this.events = new MachineEvents(server);
    getLifecycleManager().addLifecycle(subscriptionModel);
    getLifecycleManager().addStartupTask(this::build);
  }

  /** Which event sources each notifier of the machine covers (for event history). */
  public EventScopes eventScopes() {
    return events.scopes();
  }

  /** Every alarm condition of the machine (axes and motors), for the status page. */
  public List<AlarmCondition> alarms() {
    return events.alarms();
  }

  /**
   * The node id path of a drive's object ({@code .../PowerTrains/<axis>-PowerTrain/Drive}), or
   * null.
   */
  public String drivePath(String drive) {
    return drivePaths.get(drive);
  }

  /**
   * Takes one poll of a plain device (link thread); false when the device is not one of the
   * machine's plain devices.
   */
  public boolean updateIoDevice(String device, Map<String, SignalValue> values) {
    IoDeviceNodes nodes = ioDevices;
    return nodes != null && nodes.update(device, values);
  }

  /**
   * Shows a drive's problem that no poll reports (why enableOnStart still waits) in its LastError;
   * an empty text changes nothing.
   */
  public void noteDriveError(String drive, String text) {
    String path = drivePaths.get(drive);
    if (path == null || text.isEmpty()) {
      return;
    }
    DateTime now = DateTime.now();
    variable(path + "/LastError")
        .filter(v -> !text.equals(v.getValue().value().value()))
        .ifPresent(
            v -> {
              v.setValue(new DataValue(new Variant(text), StatusCode.GOOD, now, now));
              variable(path + "/LastErrorTime")
                  .ifPresent(
                      t -> t.setValue(new DataValue(new Variant(now), StatusCode.GOOD, now, now)));
            });
  }

  /**
   * The variable at a browse path below the machine object ({@code Devices/gripper-io/VacuumValve},
   * a Sparkplug metric's name); empty when there is none or the namespace is not built.
   */
  public java.util.Optional<UaVariableNode> variableBelowMachine(String path) {
    String root = rootPath;
    return root == null ? java.util.Optional.empty() : variable(root + "/" + path);
  }

  private java.util.Optional<UaVariableNode> variable(String path) {
    return getNodeManager()
        .getNode(new NodeId(getNamespaceIndex(), path))
        .filter(n -> n instanceof UaVariableNode)
        .map(n -> (UaVariableNode) n);
  }

  /** The namespace of a machine's instances. */
  public static String namespaceUri(MachineConfig config) {
    return "urn:motionua:" + config.machine().name() + ":instances";
  }

  private void build() {
    typesNs = getServer().getNamespaceTable().add(MotionUaModel.NAMESPACE_URI);
    CompanionEntryPoints companions = new CompanionEntryPoints(getServer().getNamespaceTable());
    InstanceBuilder b =
        new InstanceBuilder(getNodeContext(), getNodeManager(), getNamespaceIndex(), typesNs);
    MotionDeviceSystemFragment.Folders system =
        MotionDeviceSystemFragment.build(b, config, axes, events, companions);
    machineNode = system.machine();
    rootPath = system.root();
    for (var link : config.links()) {
      LinkFragment.build(b, system.links(), system.root(), link);
    }
    String dev = system.devicePath();
    for (AxisSpec axis : config.axes()) {
      AxisController controller = axes.get(axis.name());
      UaObjectNode axisObject =
          AxisFragment.build(b, system.axes(), dev + "/Axes/" + axis.name(), axis, controller);
      NodeId axisNode = axisObject.getNodeId();
      events.addAxis(machineNode, axisObject, controller, link(axis), typesNs);
      b.reference(machineNode, NodeIds.HasNotifier, axisNode);
      PowerTrainFragment.Built train =
          PowerTrainFragment.build(
              b,
              companions,
              config,
              system.powerTrains(),
              dev + "/PowerTrains/" + PowerTrainFragment.name(axis),
              axis,
              axisNode,
              controller);
      drivePaths.put(config.motor(axis.motor()).orElseThrow().drive(), train.drivePath());
      addAxisAlarms(b, axisNode, axis, controller, train.drivePath(), dev + "/Axes/" + axis.name());
      addOverTemperatureAlarm(
          b, train, config.motor(axis.motor()).orElseThrow(), axisNode, controller);
    }
    for (GroupSpec group : config.groups()) {
      AxisGroup axisGroup = groups.get(group.name());
      if (axisGroup != null) {
        UaObjectNode groupObject =
            GroupFragment.build(
                b,
                system.groups(),
                system.root() + "/Groups/" + group.name(),
                dev + "/Axes/",
                axisGroup);
        events.addGroup(
            machineNode,
            groupObject,
            axisGroup,
            List.of(GroupFragment.members(b, dev + "/Axes/", axisGroup)),
            typesNs);
        b.reference(machineNode, NodeIds.HasNotifier, groupObject.getNodeId());
      }
    }
    ioDevices =
        IoDeviceNodes.build(b, getNamespaceIndex(), machineNode, system.root(), config, links);
    b.completeFromTypes();
    events.start();
  }

  private String link(AxisSpec axis) {
    return config.drive(config.motor(axis.motor()).orElseThrow().drive()).orElseThrow().link();
  }

  /** The axis's DriveFault, CommunicationLoss and FollowingErrorExceeded conditions. */
  private void addAxisAlarms(
      InstanceBuilder b,
      NodeId axisNode,
      AxisSpec axis,
      AxisController controller,
      String drivePath,
      String axisPath) {
    AxisAlarms alarms;
    try {
      alarms =
          events.addAxisAlarms(
              getNodeContext(),
              axisNode,
              controller,
              axis.followingErrorLimit(),
              b.id(drivePath + "/ErrorCode"),
              b.id(drivePath + "/CommunicationStatus"),
              b.id(axisPath + "/ParameterSet/FollowingError"));
    } catch (UaException e) {
      throw new IllegalStateException("cannot create the alarms of axis " + axis.name(), e);
    }
    for (AlarmCondition condition : alarms.conditions()) {
      b.reference(axisNode, NodeIds.HasComponent, condition.nodeId());
      b.reference(axisNode, NodeIds.HasCondition, condition.nodeId());
    }
  }

  /**
   * The motor's OverTemperature condition: axis -HasNotifier-> motor -HasCondition-> alarm, the
   * alarm also a component of the motor.
   */
  private void addOverTemperatureAlarm(
      InstanceBuilder b,
      PowerTrainFragment.Built train,
      MotorSpec spec,
      NodeId axisNode,
      AxisController controller) {
    UaObjectNode motor = train.motor();
    OverTemperatureAlarm alarm;
    try {
      alarm =
          events.addMotor(
              getNodeContext(),
              machineNode,
              axisNode,
              motor,
              spec.name(),
              train.motorTemperature().getNodeId(),
              spec.maxTemperature(),
              controller);
    } catch (UaException e) {
      throw new IllegalStateException(
          "cannot create the OverTemperature alarm of " + spec.name(), e);
    }
    b.reference(axisNode, NodeIds.HasNotifier, motor.getNodeId());
    b.reference(motor.getNodeId(), NodeIds.HasComponent, alarm.nodeId());
    b.reference(motor.getNodeId(), NodeIds.HasCondition, alarm.nodeId());
  }

  @Override
  public void onDataItemsCreated(List<DataItem> dataItems) {
    subscriptionModel.onDataItemsCreated(dataItems);
  }

  @Override
  public void onDataItemsModified(List<DataItem> dataItems) {
    subscriptionModel.onDataItemsModified(dataItems);
  }

  @Override
  public void onDataItemsDeleted(List<DataItem> dataItems) {
    subscriptionModel.onDataItemsDeleted(dataItems);
  }

  @Override
  public void onEventItemsCreated(List<EventItem> eventItems) {
    events.scopes().onEventItemsCreated(eventItems);
  }

  @Override
  public void onEventItemsModified(List<EventItem> eventItems) {
    events.scopes().onEventItemsModified(eventItems);
  }

  @Override
  public void onEventItemsDeleted(List<EventItem> eventItems) {
    events.scopes().onEventItemsDeleted(eventItems);
  }

  @Override
  public void onMonitoringModeChanged(List<MonitoredItem> monitoredItems) {
    subscriptionModel.onMonitoringModeChanged(monitoredItems);
  }

  /** For tests: the current snapshot of an axis. */
  AxisSnapshot snapshot(String axis) {
    return axes.get(axis).snapshot();
  }
}
