package io.motionua.server.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ubyte;

import io.motionua.nodeset.MotionUaModel;
import io.motionua.server.axis.AxisController;
import io.motionua.server.config.DriveSpec;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;

/**
 * A power train's drive (DriveType, a DI ComponentType): nameplate, where it is on the fieldbus
 * (Link, UnitId), the words each poll reads ({@link DriveNodes}) and the driver's per-device
 * diagnostics ({@link LinkDiagnosticsPublisher} fills those once a second).
 */
final class DriveFragment {

  /** DI: DeviceHealthEnumeration. */
  static final long DEVICE_HEALTH_ENUMERATION = 6244;

  private DriveFragment() {}

  /**
   * Builds {@code path} (…/Drive) under the power train.
   *
   * @param motorTemperature the motor's MotorTemperature, which the drive reports
   * @param maxTemperature the motor's limit: above it the drive's DeviceHealth is OFF_SPEC
   * @return the drive object's id
   */
  static NodeId build(
      InstanceBuilder b,
      NodeId train,
      String path,
      DriveSpec drive,
      UaVariableNode motorTemperature,
      double maxTemperature,
      AxisController controller) {
    NodeId node =
        b.declaredObject(train, path, "Drive", b.type(MotionUaModel.DRIVE_TYPE)).getNodeId();
    b.declaredProperty(node, path + "/Name", "Name", NodeIds.String, drive.name());
    IdentificationFragment.nameplate(
        b,
        node,
        path,
        drive.manufacturer(),
        drive.model(),
        drive.serialNumber(),
        drive.productCode());
    b.declaredProperty(node, path + "/Link", "Link", NodeIds.String, drive.link());
    b.declaredProperty(node, path + "/UnitId", "UnitId", NodeIds.Byte, ubyte(drive.unitId()));
    String d = path + "/";
    DriveNodes driveNodes =
        new DriveNodes(
            variable(b, node, d, "CommunicationStatus", NodeIds.StatusCode),
            variable(b, node, d, "Statusword", NodeIds.UInt16),
            variable(b, node, d, "Controlword", NodeIds.UInt16),
            variable(b, node, d, "ErrorCode", NodeIds.UInt16),
            motorTemperature,
            variable(b, node, d, "LastError", NodeIds.String),
            variable(b, node, d, "LastErrorTime", NodeIds.UtcTime),
            variable(b, node, d, "DeviceHealth", b.di(DEVICE_HEALTH_ENUMERATION)),
            maxTemperature);
    // Filled once a second from the driver's per-device diagnostics (LinkDiagnosticsPublisher).
    variable(b, node, d, "Demoted", NodeIds.Boolean);
    variable(b, node, d, "Demotions", NodeIds.UInt64);
    variable(b, node, d, "ConsecutiveFailures", NodeIds.UInt32);
    variable(b, node, d, "LastGoodRead", NodeIds.UtcTime);
    controller.addObserver(driveNodes::update);
    return node;
  }

  private static UaVariableNode variable(
      InstanceBuilder b, NodeId drive, String prefix, String name, NodeId dataType) {
    return b.dataVariable(drive, prefix + name, name, dataType, NodeIds.BaseDataVariableType);
  }
}
