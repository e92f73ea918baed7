package io.motionua.server.opcua;

import io.motionua.drivers.Link;
import io.motionua.drivers.SignalValue;
import io.motionua.drivers.profile.DriveProfile;
import io.motionua.drivers.profile.SignalSpec;
import io.motionua.server.config.IoDeviceSpec;
import io.motionua.server.config.MachineConfig;
import io.motionua.server.config.TagSpec;
import io.motionua.server.security.RequiredRole;
import io.motionua.server.security.Role;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;
import org.eclipse.milo.opcua.stack.core.types.structured.EUInformation;
import org.eclipse.milo.opcua.stack.core.types.structured.Range;

/**
 * The machine's plain Modbus devices under {@code <machine>/Devices}: one object per device, one
 * variable per tag (Boolean for coils and discrete inputs, Double for registers: an AnalogUnitType
 * with EngineeringUnits and EURange where the tag names a unit), value and StatusCode pushed from
 * the link's polls, writable tags written through the link.
 */
final class IoDeviceNodes {

  /** The UNECE unit codes' namespace in EUInformation (OPC 10000-8). */
  private static final String UNECE = "http://www.opcfoundation.org/UA/units/un/cefact";

  private final Map<String, Map<String, UaVariableNode>> byDevice = new HashMap<>();

  /** Builds the folder and the nodes; empty when the machine has no plain devices. */
  static IoDeviceNodes build(
      InstanceBuilder b,
      UShort instanceNs,
      NodeId machine,
      String root,
      MachineConfig config,
      Map<String, Link> links) {
    IoDeviceNodes nodes = new IoDeviceNodes();
    if (config.ioDevices().isEmpty()) {
      return nodes;
    }
    var devicesFolder = b.folder(machine, root + "/Devices", "Devices");
    devicesFolder.setDescription(
        LocalizedText.english("Plain Modbus devices beside the drives, one object per device."));
    NodeId folder = devicesFolder.getNodeId();
    for (IoDeviceSpec device : config.ioDevices()) {
      String path = root + "/Devices/" + device.name();
      var object =
          b.namedObject(folder, NodeIds.Organizes, path, device.name(), NodeIds.BaseObjectType);
      object.setDescription(
          LocalizedText.english(
              device.description().isEmpty()
                  ? "Modbus unit %d on link %s".formatted(device.unitId(), device.link())
                  : device.description()));
      DriveProfile profile = config.profile(device.name());
      Map<String, UaVariableNode> tags = new HashMap<>();
      for (TagSpec tag : device.tags()) {
        SignalSpec signal = profile.signals().get(tag.name());
        UaVariableNode node = tagNode(b, object.getNodeId(), path + "/" + tag.name(), tag, signal);
        node.setBrowseName(new QualifiedName(instanceNs, tag.name()));
        node.setDescription(
            LocalizedText.english(
                (tag.description() == null ? "" : tag.description() + " ")
                    + "("
                    + signal.table().name().toLowerCase().replace('_', '-')
                    + " "
                    + (signal.address() + 1)
                    + ")"));
        if (tag.isWritable()) {
          node.setAccessLevel(AccessLevel.toValue(AccessLevel.READ_WRITE));
          node.setUserAccessLevel(AccessLevel.toValue(AccessLevel.READ_WRITE));
          RequiredRole.mark(node, Role.fromConfigName(tag.writeRole()).orElseThrow());
          node.getFilterChain()
              .addLast(
                  new TagWriteFilter(
                      links.get(device.link()),
                      device.name(),
                      tag.name(),
                      signal.table().isBitTable(),
                      range(tag)));
        }
        tags.put(tag.name(), node);
      }
      nodes.byDevice.put(device.name(), tags);
    }
    return nodes;
  }

  private static UaVariableNode tagNode(
      InstanceBuilder b, NodeId parent, String path, TagSpec tag, SignalSpec signal) {
    if (signal.table().isBitTable()) {
      return b.dataVariable(
          parent, path, tag.name(), NodeIds.Boolean, NodeIds.BaseDataVariableType);
    }
    if (tag.unit() != null) {
      Range range = range(tag);
      return b.analog(
          parent,
          path,
          tag.name(),
          eu(tag.unit(), tag.unitName() == null ? tag.unit() : tag.unitName()),
          range != null ? range : new Range(-Double.MAX_VALUE, Double.MAX_VALUE));
    }
    return b.dataVariable(parent, path, tag.name(), NodeIds.Double, NodeIds.BaseDataVariableType);
  }

  private static Range range(TagSpec tag) {
    return tag.range() == null ? null : new Range(tag.range().get(0), tag.range().get(1));
  }

  /** EUInformation for a UNECE common code: its UnitId packs the code's characters. */
  static EUInformation eu(String code, String display) {
    int id = 0;
    for (char c : code.toCharArray()) {
      id = (id << 8) | c;
    }
    return new EUInformation(
        UNECE, id, LocalizedText.english(display), LocalizedText.english(code));
  }

  /** True when the device is one of these; its values were taken. Runs on the link thread. */
  boolean update(String device, Map<String, SignalValue> values) {
    Map<String, UaVariableNode> tags = byDevice.get(device);
    if (tags == null) {
      return false;
    }
    DateTime server = DateTime.now();
    values.forEach(
        (tag, v) -> {
          UaVariableNode node = tags.get(tag);
          if (node != null) {
            Object value = v.value() instanceof Boolean ? v.value() : (Object) v.asDouble();
            AxisNodes.set(
                node, value, StatusMapping.of(v.status()), new DateTime(v.sourceTime()), server);
          }
        });
    return true;
  }
}
