package io.motionua.server.opcua;

import io.motionua.nodeset.MotionUaModel;
import io.motionua.server.axis.AxisController;
import io.motionua.server.config.AxisSpec;
import io.motionua.server.config.MachineConfig;
import io.motionua.server.config.MachineSpec;
import io.motionua.server.events.MachineEvents;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.milo.opcua.sdk.server.nodes.UaObjectNode;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.structured.Range;

/**
 * The motion device system: the machine object under Objects (also in Machinery's Machines and DI's
 * DeviceSet), its Identification, MachineState fed from the axes, the MotionDevices, Groups and
 * Links folders, and the one motion device with its category, SpeedOverride and the Axes and
 * PowerTrains folders the other fragments fill.
 */
final class MotionDeviceSystemFragment {

  /** Robotics: MotionDeviceCategoryEnumeration. */
  static final long MOTION_DEVICE_CATEGORY_ENUMERATION = 18193;

  /** Where the other fragments attach. */
  record Folders(
      NodeId machine,
      String root,
      String devicePath,
      NodeId axes,
      NodeId powerTrains,
      NodeId groups,
      NodeId links) {}

  private MotionDeviceSystemFragment() {}

  static Folders build(
      InstanceBuilder b,
      MachineConfig config,
      Map<String, AxisController> axes,
      MachineEvents events,
      CompanionEntryPoints companions) {
    MachineSpec m = config.machine();
    String root = m.name();
    UaObjectNode machine =
        b.namedObject(
            NodeIds.ObjectsFolder,
            NodeIds.Organizes,
            root,
            root,
            b.type(MotionUaModel.MACHINE_TYPE));
    NodeId machineNode = machine.getNodeId();
    machine.setDescription(
        LocalizedText.english(
            "Machine %s (%s, %s): a motion device system of %d servo axes"
                .formatted(m.name(), m.model(), m.manufacturer(), config.axes().size())));
    events.addMachine(machine);
    b.reference(NodeIds.Server, NodeIds.HasNotifier, machineNode);
    companions.registerMachine(b, machineNode);
    IdentificationFragment.machine(b, machineNode, root, m);
    machineState(b, machineNode, root, config, axes);
    MachineryStateFragment.build(b, machineNode, root, config, axes);

    NodeId devices = b.folder(machineNode, root + "/MotionDevices", "MotionDevices").getNodeId();
    NodeId groups = b.folder(machineNode, root + "/Groups", "Groups").getNodeId();
    NodeId links = b.folder(machineNode, root + "/Links", "Links").getNodeId();

    String dev = root + "/MotionDevices/" + m.motionDevice();
    UaObjectNode deviceObject =
        b.namedObject(
            devices,
            NodeIds.Organizes,
            dev,
            m.motionDevice(),
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
    NodeId parameters =
        b.declaredObject(device, dev + "/ParameterSet", "ParameterSet", NodeIds.BaseObjectType)
            .getNodeId();
    SetpointFilter.install(
        b.analog(
            parameters,
            dev + "/ParameterSet/SpeedOverride",
            "SpeedOverride",
            AnalogUnits.PERCENT,
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
    IdentificationFragment.nameplate(
        b, device, dev, m.manufacturer(), m.model(), m.serialNumber(), m.productCode());
    return new Folders(machineNode, root, dev, axesFolder, trainsFolder, groups, links);
  }

  /** MachineState from every axis's snapshots ({@link MachineStateFeed}). */
  private static void machineState(
      InstanceBuilder b,
      NodeId machine,
      String root,
      MachineConfig config,
      Map<String, AxisController> axes) {
    var machineState =
        b.dataVariable(
            machine,
            root + "/MachineState",
            "MachineState",
            b.type(MotionUaModel.MACHINE_STATE_ENUMERATION),
            NodeIds.BaseDataVariableType);
    MachineStateFeed feed =
        new MachineStateFeed(
            config.axes().size(),
            state -> {
              DateTime now = DateTime.now();
              machineState.setValue(new DataValue(new Variant(state), StatusCode.GOOD, now, now));
            });
    for (AxisSpec axis : config.axes()) {
      axes.get(axis.name()).addObserver(s -> feed.update(axis.name(), s));
    }
  }
}
