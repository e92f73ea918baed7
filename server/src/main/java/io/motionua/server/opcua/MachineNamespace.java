package io.motionua.server.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ushort;

import io.motionua.nodeset.MotionUaModel;
import io.motionua.server.axis.AxisController;
import io.motionua.server.axis.AxisMethods;
import io.motionua.server.axis.AxisSnapshot;
import io.motionua.server.config.AxisSpec;
import io.motionua.server.config.DriveSpec;
import io.motionua.server.config.GroupSpec;
import io.motionua.server.config.LimitsSpec;
import io.motionua.server.config.MachineConfig;
import io.motionua.server.config.MachineSpec;
import io.motionua.server.config.MotorSpec;
import io.motionua.server.config.ReducerSpec;
import io.motionua.server.events.MachineEvents;
import io.motionua.server.events.OverTemperatureAlarm;
import io.motionua.server.group.AxisGroup;
import io.motionua.server.group.GroupMethods;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.milo.opcua.sdk.server.ManagedNamespaceWithLifecycle;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.items.DataItem;
import org.eclipse.milo.opcua.sdk.server.items.EventItem;
import org.eclipse.milo.opcua.sdk.server.items.MonitoredItem;
import org.eclipse.milo.opcua.sdk.server.nodes.UaObjectNode;
import org.eclipse.milo.opcua.sdk.server.util.SubscriptionModel;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;
import org.eclipse.milo.opcua.stack.core.types.structured.EUInformation;
import org.eclipse.milo.opcua.stack.core.types.structured.Range;
import org.eclipse.milo.opcua.stack.core.types.structured.RationalNumber;

/**
 * The machine's instances: the machine object under Objects, its motion device, axes, power trains
 * (motor, gear, drive) and links, built from the config. Values are pushed into the nodes by {@link
 * AxisNodes} observers on the link threads; no callback here does I/O. Events and alarms ({@link
 * MachineEvents}): the Server object, the machine, each axis and each motor are event notifiers
 * (Server -HasNotifier-> machine -HasNotifier-> axis -HasNotifier-> motor -HasCondition->
 * OverTemperature; machine -HasNotifier-> group), and event items on them hear only the events
 * their notifier covers.
 */
public final class MachineNamespace extends ManagedNamespaceWithLifecycle {

  /** Machinery: MachineIdentificationType. */
  static final long MACHINE_IDENTIFICATION_TYPE = 1012;

  /** Robotics: AxisMotionProfileEnumeration and MotionDeviceCategoryEnumeration. */
  static final long AXIS_MOTION_PROFILE_ENUMERATION = 3008;

  static final long MOTION_DEVICE_CATEGORY_ENUMERATION = 18193;

  static final String UNECE = "http://www.opcfoundation.org/UA/units/un/cefact";
  static final EUInformation DEGREE = eu(17476, "°", "degree [unit of angle]");
  static final EUInformation DEGREE_PER_SECOND = eu(4536630, "°/s", "degree per second");
  static final EUInformation MILLIMETRE = eu(5066068, "mm", "millimetre");
  static final EUInformation MILLIMETRE_PER_SECOND = eu(4403510, "mm/s", "millimetre per second");
  static final EUInformation CELSIUS = eu(4408652, "°C", "degree Celsius");
  static final EUInformation PERCENT = eu(20529, "%", "percent");

  private final MachineConfig config;
  private final Map<String, AxisController> axes;
  private final Map<String, String> drivePaths = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, AxisGroup> groups;
  private final SubscriptionModel subscriptionModel;
  private final MachineEvents events;
  private UShort typesNs;
  private NodeId machineNode;
  private CompanionEntryPoints companions;

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
    super(server, namespaceUri(config));
    this.config = config;
    this.axes = Map.copyOf(axes);
    this.groups = Map.copyOf(groups);
    this.subscriptionModel = new SubscriptionModel(server, this);
    this.events = new MachineEvents(server);
    getLifecycleManager().addLifecycle(subscriptionModel);
    getLifecycleManager().addStartupTask(this::build);
  }

  /**
   * The node id path of a drive's object ({@code .../PowerTrains/<axis>-PowerTrain/Drive}), or
   * null.
   */
  public String drivePath(String drive) {
    return drivePaths.get(drive);
  }

  /** The namespace of a machine's instances. */
  public static String namespaceUri(MachineConfig config) {
    return "urn:motionua:" + config.machine().name() + ":instances";
  }

  private static EUInformation eu(int unitId, String display, String description) {
    return new EUInformation(
        UNECE,
        unitId,
        org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText.english(display),
        org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText.english(description));
  }

  private void build() {
    typesNs = getServer().getNamespaceTable().add(MotionUaModel.NAMESPACE_URI);
    companions = new CompanionEntryPoints(getServer().getNamespaceTable());
    InstanceBuilder b =
        new InstanceBuilder(getNodeContext(), getNodeManager(), getNamespaceIndex(), typesNs);
    MachineSpec m = config.machine();
    String root = m.name();

    UaObjectNode machine =
        b.namedObject(
            NodeIds.ObjectsFolder,
            NodeIds.Organizes,
            root,
            m.name(),
            b.type(MotionUaModel.MACHINE_TYPE));
    machineNode = machine.getNodeId();
    machine.setDescription(
        LocalizedText.english(
            ("Machine %s (%s, %s): a motion device system of %d servo axes")
                .formatted(m.name(), m.model(), m.manufacturer(), config.axes().size())));
    events.addMachine(machine);
    b.reference(NodeIds.Server, NodeIds.HasNotifier, machineNode);
    companions.registerMachine(b, machineNode);
    NodeId ident =
        b.declaredObject(
                machine.getNodeId(),
                root + "/Identification",
                "Identification",
                b.machinery(MACHINE_IDENTIFICATION_TYPE))
            .getNodeId();
    b.declaredProperty(
        ident,
        root + "/Identification/Manufacturer",
        "Manufacturer",
        NodeIds.LocalizedText,
        org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText.english(m.manufacturer()));
    b.declaredProperty(
        ident,
        root + "/Identification/Model",
        "Model",
        NodeIds.LocalizedText,
        org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText.english(m.model()));
    b.declaredProperty(
        ident,
        root + "/Identification/SerialNumber",
        "SerialNumber",
        NodeIds.String,
        m.serialNumber());
    var manufacturerUri =
        b.declaredProperty(
            ident,
            root + "/Identification/ManufacturerUri",
            "ManufacturerUri",
            NodeIds.String,
            m.manufacturerUri());
    if (m.manufacturerUri() == null) {
      // The machine file gives none: say so rather than read Good with nothing.
      manufacturerUri.setValue(new DataValue(StatusCode.of(StatusCodes.Bad_ConfigurationError)));
    }
    b.declaredProperty(
        ident,
        root + "/Identification/ProductInstanceUri",
        "ProductInstanceUri",
        NodeIds.String,
        "urn:motionua:" + m.manufacturer() + ":" + m.serialNumber());
    if (m.yearOfConstruction() != null) {
      b.declaredProperty(
          ident,
          root + "/Identification/YearOfConstruction",
          "YearOfConstruction",
          NodeIds.UInt16,
          ushort(m.yearOfConstruction()));
    }
    b.declaredProperty(
        ident, root + "/Identification/Location", "Location", NodeIds.String, m.location());
    b.declaredProperty(
        ident,
        root + "/Identification/SoftwareRevision",
        "SoftwareRevision",
        NodeIds.String,
        MotionUaServer.version());

    var machineState =
        b.dataVariable(
            machineNode,
            root + "/MachineState",
            "MachineState",
            b.type(MotionUaModel.MACHINE_STATE_ENUMERATION),
            NodeIds.BaseDataVariableType);
    MachineStateFeed stateFeed =
        new MachineStateFeed(
            config.axes().size(),
            state -> {
              DateTime now = DateTime.now();
              machineState.setValue(new DataValue(new Variant(state), StatusCode.GOOD, now, now));
            });
    for (AxisSpec axis : config.axes()) {
      axes.get(axis.name()).addObserver(s -> stateFeed.update(axis.name(), s));
    }

    NodeId devices =
        b.folder(machine.getNodeId(), root + "/MotionDevices", "MotionDevices").getNodeId();
    NodeId groupsFolder = b.folder(machine.getNodeId(), root + "/Groups", "Groups").getNodeId();
    NodeId linksFolder = b.folder(machine.getNodeId(), root + "/Links", "Links").getNodeId();
    for (var link : config.links()) {
      b.namedObject(
              linksFolder,
              NodeIds.Organizes,
              root + "/Links/" + link.name(),
              link.name(),
              b.type(MotionUaModel.LINK_TYPE))
          .setDescription(
              LocalizedText.english(
                  "Fieldbus link %s: Modbus TCP to %s:%d, diagnostics"
                      .formatted(link.name(), link.host(), link.port())));
    }

    String dev = root + "/MotionDevices/" + config.machine().motionDevice();
    UaObjectNode deviceObject =
        b.namedObject(
            devices,
            NodeIds.Organizes,
            dev,
            config.machine().motionDevice(),
            b.type(MotionUaModel.MOTION_DEVICE_TYPE));
    deviceObject.setDescription(
        LocalizedText.english(
            "Motion device %s: axes %s"
                .formatted(
                    m.motionDevice(),
                    String.join(", ", config.axes().stream().map(AxisSpec::name).toList()))));
    NodeId device = deviceObject.getNodeId();
    b.declaredProperty(
        device,
        dev + "/MotionDeviceCategory",
        "MotionDeviceCategory",
        b.robotics(MOTION_DEVICE_CATEGORY_ENUMERATION),
        m.categoryValue());
    NodeId deviceParameters =
        b.declaredObject(device, dev + "/ParameterSet", "ParameterSet", NodeIds.BaseObjectType)
            .getNodeId();
    SetpointFilter.install(
        b.analog(
            deviceParameters,
            dev + "/ParameterSet/SpeedOverride",
            "SpeedOverride",
            PERCENT,
            new Range(0.0, 100.0)),
        100.0,
        v -> {
          for (AxisController a : axes.values()) {
            a.setSpeedOverride(v);
          }
          return CompletableFuture.completedFuture(null);
        });
    NodeId axesFolder = b.folder(device, dev + "/Axes", "Axes").getNodeId();
    NodeId trainsFolder = b.folder(device, dev + "/PowerTrains", "PowerTrains").getNodeId();

    for (AxisSpec axis : config.axes()) {
      AxisController controller = axes.get(axis.name());
      NodeId axisNode = buildAxis(b, axesFolder, dev + "/Axes/" + axis.name(), axis, controller);
      buildPowerTrain(
          b,
          trainsFolder,
          dev + "/PowerTrains/" + powerTrainName(axis),
          axis,
          axisNode,
          controller);
    }
    for (GroupSpec group : config.groups()) {
      AxisGroup axisGroup = groups.get(group.name());
      if (axisGroup != null) {
        buildGroup(b, groupsFolder, root + "/Groups/" + group.name(), dev + "/Axes/", axisGroup);
      }
    }
    identification(b, device, dev, m.manufacturer(), m.model(), m.serialNumber());
    b.completeFromTypes();
    events.start();
  }

  private NodeId buildAxis(
      InstanceBuilder b, NodeId folder, String path, AxisSpec axis, AxisController controller) {
    UaObjectNode axisObject =
        b.namedObject(
            folder, NodeIds.Organizes, path, axis.name(), b.type(MotionUaModel.AXIS_TYPE));
    NodeId node = axisObject.getNodeId();
    axisObject.setDescription(
        LocalizedText.english(
            "Axis %s (%s, %s), moved by power train %s"
                .formatted(
                    axis.name(),
                    axis.motionProfile(),
                    controller.units().isLinear() ? "mm" : "degrees",
                    powerTrainName(axis))));
    String link =
        config.drive(config.motor(axis.motor()).orElseThrow().drive()).orElseThrow().link();
    events.addAxis(machineNode, axisObject, controller, link, typesNs);
    b.reference(machineNode, NodeIds.HasNotifier, node);
    b.declaredProperty(
        node,
        path + "/MotionProfile",
        "MotionProfile",
        b.robotics(AXIS_MOTION_PROFILE_ENUMERATION),
        motionProfileValue(axis.motionProfile()));
    NodeId params =
        b.declaredObject(node, path + "/ParameterSet", "ParameterSet", NodeIds.BaseObjectType)
            .getNodeId();
    boolean linear = controller.units().isLinear();
    LimitsSpec lim = axis.limits();
    String p = path + "/ParameterSet/";
    AxisNodes nodes =
        new AxisNodes(
            b.analog(
                params,
                p + "ActualPosition",
                "ActualPosition",
                linear ? MILLIMETRE : DEGREE,
                new Range(lim.min(), lim.max())),
            b.analog(
                params,
                p + "ActualSpeed",
                "ActualSpeed",
                linear ? MILLIMETRE_PER_SECOND : DEGREE_PER_SECOND,
                new Range(-lim.velocity(), lim.velocity())),
            b.analog(
                params,
                p + "CommandedPosition",
                "CommandedPosition",
                linear ? MILLIMETRE : DEGREE,
                new Range(lim.min(), lim.max())),
            b.analog(
                params,
                p + "FollowingError",
                "FollowingError",
                linear ? MILLIMETRE : DEGREE,
                new Range(-(lim.max() - lim.min()), lim.max() - lim.min())),
            b.dataVariable(
                params,
                p + "AxisState",
                "AxisState",
                b.type(MotionUaModel.AXIS_STATE_ENUMERATION),
                NodeIds.BaseDataVariableType),
            b.dataVariable(
                params, p + "Homed", "Homed", NodeIds.Boolean, NodeIds.BaseDataVariableType));
    for (String limit : List.of("SoftwareLimitPositive", "SoftwareLimitNegative")) {
      boolean positive = limit.endsWith("Positive");
      SetpointFilter.install(
          b.analog(
              params,
              p + limit,
              limit,
              linear ? MILLIMETRE : DEGREE,
              new Range(lim.min(), lim.max())),
          positive ? lim.max() : lim.min(),
          v -> {
            LimitsSpec now = controller.limits();
            if (positive) {
              controller.setSoftwareLimits(now.min(), v);
            } else {
              controller.setSoftwareLimits(v, now.max());
            }
            return CompletableFuture.completedFuture(null);
          });
    }
    // A drive setpoint: written through the link, Good only once the drive acknowledged.
    SetpointFilter.install(
        b.analog(
            params,
            p + "TargetVelocity",
            "TargetVelocity",
            linear ? MILLIMETRE_PER_SECOND : DEGREE_PER_SECOND,
            new Range(-lim.velocity(), lim.velocity())),
        0.0,
        controller::writeTargetVelocity);
    controller.addObserver(nodes::update);

    for (AxisMethods.Spec method : AxisMethods.of(controller)) {
      b.method(
          node, path + "/" + method.name(), method.name(), method.description(), method.handler());
    }
    return node;
  }

  /**
   * A group: GroupState (GroupStateEnumeration), LastError (the axis and cause of the last
   * GroupErrorStop), Members (the axes' NodeIds, in Positions order) and the Part 4 methods. The
   * group is an event notifier under the machine (machine -HasNotifier-> group) and the source of
   * its GroupFaultEventType events.
   */
  private void buildGroup(
      InstanceBuilder b, NodeId folder, String path, String axesPath, AxisGroup group) {
    UaObjectNode groupObject =
        b.namedObject(
            folder, NodeIds.Organizes, path, group.name(), b.type(MotionUaModel.AXIS_GROUP_TYPE));
    NodeId node = groupObject.getNodeId();
    groupObject.setDescription(
        LocalizedText.english(
            "Axis group %s (PLCopen Part 4) of %s"
                .formatted(
                    group.name(),
                    String.join(", ", group.members().stream().map(a -> a.name()).toList()))));
    NodeId[] members =
        group.members().stream().map(a -> b.id(axesPath + a.name())).toArray(NodeId[]::new);
    events.addGroup(machineNode, groupObject, group, List.of(members), typesNs);
    b.reference(machineNode, NodeIds.HasNotifier, node);
    b.declaredProperty(node, path + "/Members", "Members", NodeIds.NodeId, members);
    var state =
        b.dataVariable(
            node,
            path + "/GroupState",
            "GroupState",
            b.type(MotionUaModel.GROUP_STATE_ENUMERATION),
            NodeIds.BaseDataVariableType);
    var lastError =
        b.dataVariable(
            node, path + "/LastError", "LastError", NodeIds.String, NodeIds.BaseDataVariableType);
    java.util.function.Consumer<AxisGroup> update =
        g -> {
          DateTime now = DateTime.now();
          state.setValue(
              new DataValue(new Variant(g.state().ordinal()), StatusCode.GOOD, now, now));
          lastError.setValue(new DataValue(new Variant(g.lastError()), StatusCode.GOOD, now, now));
        };
    update.accept(group);
    group.addListener(update);
    for (GroupMethods.Spec method : GroupMethods.of(group)) {
      b.method(
          node, path + "/" + method.name(), method.name(), method.description(), method.handler());
    }
  }

  private void buildPowerTrain(
      InstanceBuilder b,
      NodeId folder,
      String path,
      AxisSpec axis,
      NodeId axisNode,
      AxisController controller) {
    MotorSpec motor = config.motor(axis.motor()).orElseThrow();
    ReducerSpec reducer = config.reducer(axis.reducer()).orElseThrow();
    DriveSpec drive = config.drive(motor.drive()).orElseThrow();
    UaObjectNode trainObject =
        b.namedObject(
            folder,
            NodeIds.Organizes,
            path,
            powerTrainName(axis),
            b.type(MotionUaModel.POWER_TRAIN_TYPE));
    trainObject.setDescription(
        LocalizedText.english(
            "Power train of axis %s: motor %s, reducer %s, drive %s"
                .formatted(axis.name(), motor.name(), reducer.name(), drive.name())));
    NodeId train = trainObject.getNodeId();
    b.reference(
        train,
        companions.robotics(CompanionEntryPoints.MOVES, b.type(MotionUaModel.MOVES)),
        axisNode);

    UaObjectNode motorObject =
        b.declaredObject(train, path + "/Motor", "Motor", b.type(MotionUaModel.MOTOR_TYPE));
    NodeId motorNode = motorObject.getNodeId();
    b.declaredProperty(motorNode, path + "/Motor/Name", "Name", NodeIds.String, motor.name());
    identification(
        b, motorNode, path + "/Motor", motor.manufacturer(), motor.model(), motor.serialNumber());
    NodeId motorParams =
        b.declaredObject(
                motorNode, path + "/Motor/ParameterSet", "ParameterSet", NodeIds.BaseObjectType)
            .getNodeId();
    var temperature =
        b.analog(
            motorParams,
            path + "/Motor/ParameterSet/MotorTemperature",
            "MotorTemperature",
            CELSIUS,
            new Range(-20.0, motor.maxTemperature()));
    // No supported drive reports its holding brake: say so rather than guess.
    b.dataVariable(
            motorParams,
            path + "/Motor/ParameterSet/BrakeReleased",
            "BrakeReleased",
            NodeIds.Boolean,
            NodeIds.BaseDataVariableType)
        .setValue(new DataValue(StatusCode.of(StatusCodes.Bad_NotSupported)));

    NodeId gear =
        b.declaredObject(train, path + "/Gear", "Gear", b.type(MotionUaModel.GEAR_TYPE))
            .getNodeId();
    b.declaredProperty(gear, path + "/Gear/Name", "Name", NodeIds.String, reducer.name());
    gearRatio(b, gear, path + "/Gear/GearRatio", rational(reducer.ratio()));
    if (reducer.pitch() != null) {
      b.declaredProperty(gear, path + "/Gear/Pitch", "Pitch", NodeIds.Double, reducer.pitch());
    }

    NodeId driveNode =
        b.declaredObject(train, path + "/Drive", "Drive", b.type(MotionUaModel.DRIVE_TYPE))
            .getNodeId();
    b.declaredProperty(driveNode, path + "/Drive/Name", "Name", NodeIds.String, drive.name());
    identification(
        b, driveNode, path + "/Drive", drive.manufacturer(), drive.model(), drive.serialNumber());
    b.declaredProperty(driveNode, path + "/Drive/Link", "Link", NodeIds.String, drive.link());
    b.declaredProperty(
        driveNode,
        path + "/Drive/UnitId",
        "UnitId",
        NodeIds.Byte,
        org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ubyte(drive.unitId()));
    String d = path + "/Drive/";
    DriveNodes driveNodes =
        new DriveNodes(
            b.dataVariable(
                driveNode,
                d + "CommunicationStatus",
                "CommunicationStatus",
                NodeIds.StatusCode,
                NodeIds.BaseDataVariableType),
            b.dataVariable(
                driveNode,
                d + "Statusword",
                "Statusword",
                NodeIds.UInt16,
                NodeIds.BaseDataVariableType),
            b.dataVariable(
                driveNode,
                d + "Controlword",
                "Controlword",
                NodeIds.UInt16,
                NodeIds.BaseDataVariableType),
            b.dataVariable(
                driveNode,
                d + "ErrorCode",
                "ErrorCode",
                NodeIds.UInt16,
                NodeIds.BaseDataVariableType),
            temperature,
            b.dataVariable(
                driveNode,
                d + "LastError",
                "LastError",
                NodeIds.String,
                NodeIds.BaseDataVariableType),
            b.dataVariable(
                driveNode,
                d + "LastErrorTime",
                "LastErrorTime",
                NodeIds.UtcTime,
                NodeIds.BaseDataVariableType));
    // Filled once a second from the driver's per-device diagnostics (LinkDiagnosticsPublisher).
    b.dataVariable(
        driveNode, d + "Demoted", "Demoted", NodeIds.Boolean, NodeIds.BaseDataVariableType);
    b.dataVariable(
        driveNode, d + "Demotions", "Demotions", NodeIds.UInt64, NodeIds.BaseDataVariableType);
    b.dataVariable(
        driveNode,
        d + "ConsecutiveFailures",
        "ConsecutiveFailures",
        NodeIds.UInt32,
        NodeIds.BaseDataVariableType);
    b.dataVariable(
        driveNode,
        d + "LastGoodRead",
        "LastGoodRead",
        NodeIds.UtcTime,
        NodeIds.BaseDataVariableType);
    drivePaths.put(drive.name(), path + "/Drive");
    controller.addObserver(driveNodes::update);

    b.reference(
        motorNode,
        companions.robotics(
            CompanionEntryPoints.IS_CONNECTED_TO, b.type(MotionUaModel.IS_CONNECTED_TO)),
        gear);
    b.reference(
        motorNode,
        companions.robotics(CompanionEntryPoints.IS_DRIVEN_BY, b.type(MotionUaModel.IS_DRIVEN_BY)),
        driveNode);
    addOverTemperatureAlarm(b, motorObject, motor, temperature.getNodeId(), axisNode, controller);
  }

  private void addOverTemperatureAlarm(
      InstanceBuilder b,
      UaObjectNode motor,
      MotorSpec spec,
      NodeId temperature,
      NodeId axisNode,
      AxisController controller) {
    OverTemperatureAlarm alarm;
    try {
      alarm =
          events.addMotor(
              getNodeContext(),
              machineNode,
              axisNode,
              motor,
              spec.name(),
              temperature,
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

  /**
   * GearRatio as Robotics declares it: a RationalNumberType variable with its Numerator and
   * Denominator (motor-side revolutions per load-side revolutions).
   */
  private static void gearRatio(InstanceBuilder b, NodeId gear, String path, RationalNumber ratio) {
    DateTime now = DateTime.now();
    b.dataVariable(gear, path, "GearRatio", NodeIds.RationalNumber, NodeIds.RationalNumberType)
        .setValue(new DataValue(new Variant(ratio), StatusCode.GOOD, now, now));
    b.variable(
            b.id(path),
            path + "/Numerator",
            new QualifiedName(0, "Numerator"),
            NodeIds.Int32,
            NodeIds.BaseDataVariableType)
        .setValue(new DataValue(new Variant(ratio.getNumerator()), StatusCode.GOOD, now, now));
    b.variable(
            b.id(path),
            path + "/Denominator",
            new QualifiedName(0, "Denominator"),
            NodeIds.UInt32,
            NodeIds.BaseDataVariableType)
        .setValue(new DataValue(new Variant(ratio.getDenominator()), StatusCode.GOOD, now, now));
  }

  /** DI nameplate properties from the config (empty when the file says nothing). */
  private static void identification(
      InstanceBuilder b,
      NodeId node,
      String path,
      String manufacturer,
      String model,
      String serialNumber) {
    b.declaredProperty(
        node,
        path + "/Manufacturer",
        "Manufacturer",
        NodeIds.LocalizedText,
        LocalizedText.english(manufacturer));
    b.declaredProperty(
        node, path + "/Model", "Model", NodeIds.LocalizedText, LocalizedText.english(model));
    b.declaredProperty(node, path + "/SerialNumber", "SerialNumber", NodeIds.String, serialNumber);
  }

  /** The ratio as a fraction of whole numbers, e.g. 100 -> 100/1, 3.5 -> 7/2. */
  static RationalNumber rational(double ratio) {
    long denominator = 1;
    while (Math.abs(ratio * denominator - Math.rint(ratio * denominator)) > 1e-9
        && denominator < 1_000_000) {
      denominator *= 10;
    }
    long numerator = Math.round(ratio * denominator);
    long g =
        java.math.BigInteger.valueOf(numerator)
            .gcd(java.math.BigInteger.valueOf(denominator))
            .longValue();
    return new RationalNumber((int) (numerator / g), uint(denominator / g));
  }

  /**
   * The power train of axis J1 is J1-PowerTrain: distinct from the axis's own name, so a browse
   * path or a search by name finds one node (docs/model.md).
   */
  public static String powerTrainName(AxisSpec axis) {
    return axis.name() + "-PowerTrain";
  }

  private static int motionProfileValue(String profile) {
    return List.of("other", "rotary", "rotary-endless", "linear", "linear-endless")
        .indexOf(profile);
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
