package io.motionua.server.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ushort;

import io.motionua.server.axis.AxisSnapshot;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;

/**
 * The drive's own variables and the motor temperature it reports. {@code lastError} and {@code
 * lastErrorTime} record the last poll that was not Good: its StatusCode name and when it came.
 */
record DriveNodes(
    UaVariableNode communicationStatus,
    UaVariableNode statusword,
    UaVariableNode controlword,
    UaVariableNode errorCode,
    UaVariableNode motorTemperature,
    UaVariableNode lastError,
    UaVariableNode lastErrorTime,
    UaVariableNode deviceHealth,
    double maxTemperature) {

  /** DI DeviceHealthEnumeration values. */
  static final int NORMAL = 0;

  static final int FAILURE = 1;
  static final int OFF_SPEC = 3;

  /** Both start empty and Good: no error yet is a fact, not missing data. */
  DriveNodes {
    DateTime now = DateTime.now();
    lastError.setValue(new DataValue(new Variant(""), StatusCode.GOOD, now, now));
    lastErrorTime.setValue(
        new DataValue(new Variant(DateTime.NULL_VALUE), StatusCode.GOOD, now, now));
  }

  /**
   * DI DeviceHealth from one poll: FAILURE while the drive reports a fault, OFF_SPEC while the
   * motor is above its maximum temperature, NORMAL otherwise. CHECK_FUNCTION and
   * MAINTENANCE_REQUIRED are never reported: no supported drive says so.
   */
  static int health(AxisSnapshot s, double maxTemperature) {
    if (s.drive().fault()) {
      return FAILURE;
    }
    return s.motorTemperature() > maxTemperature ? OFF_SPEC : NORMAL;
  }

  void update(AxisSnapshot s) {
    StatusCode status = StatusMapping.of(s.status());
    DateTime source = new DateTime(s.sourceTime());
    DateTime server = DateTime.now();
    // CommunicationStatus is the link's verdict as a value: always readable, Good itself.
    communicationStatus.setValue(
        new DataValue(new Variant(status), StatusCode.GOOD, server, server));
    AxisNodes.set(statusword, ushort(s.statusword()), status, source, server);
    AxisNodes.set(controlword, ushort(s.controlword()), status, source, server);
    AxisNodes.set(errorCode, ushort(s.errorCode()), status, source, server);
    AxisNodes.set(motorTemperature, s.motorTemperature(), status, source, server);
    AxisNodes.set(deviceHealth, health(s, maxTemperature), status, source, server);
    if (!status.isGood() && !s.status().name().equals("BAD_WAITING_FOR_INITIAL_DATA")) {
      String text = StatusMapping.name(status.getValue());
      if (!text.equals(lastError.getValue().value().value())) {
        lastError.setValue(new DataValue(new Variant(text), StatusCode.GOOD, server, server));
        lastErrorTime.setValue(new DataValue(new Variant(server), StatusCode.GOOD, server, server));
      }
    }
  }
}
