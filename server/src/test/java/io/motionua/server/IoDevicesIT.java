package io.motionua.server;

import static io.motionua.server.AxisProbe.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motionua.drivers.profile.RegisterTable;
import io.motionua.drivers.sim.SimulatedIoModule;
import java.util.List;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExtensionObject;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.structured.EUInformation;
import org.eclipse.milo.opcua.stack.core.types.structured.Range;
import org.eclipse.milo.opcua.stack.core.types.structured.WriteValue;
import org.junit.jupiter.api.Test;

/**
 * The demo's remote I/O module (unit 10 on the arm's bus, simulated): its tags under
 * DemoArm/Devices/gripper-io, read with units, written through the link, refused when wrong.
 */
class IoDevicesIT extends DemoServerTestBase {

  private NodeId tag(String name) throws Exception {
    return client.path(NodeIds.ObjectsFolder, "DemoArm", "Devices", "gripper-io", name);
  }

  private StatusCode write(NodeId node, Object value) throws Exception {
    return client
        .milo()
        .write(
            List.of(
                new WriteValue(
                    node, AttributeId.Value.uid(), null, DataValue.valueOnly(new Variant(value)))))
        .getResults()[0];
  }

  private Object struct(NodeId node) throws Exception {
    Object v = client.read(node).value().value();
    return v instanceof ExtensionObject xo
        ? xo.decode(client.milo().getStaticEncodingContext())
        : v;
  }

  @Test
  void aPressureSensorReadsInBarWithItsRange() throws Exception {
    NodeId pressure = tag("Pressure");
    until(
        () -> client.read(pressure).statusCode().isGood(),
        () -> "Pressure Good: " + client.read(pressure));
    assertEquals(-0.65, (Double) client.read(pressure).value().value(), 1e-9);
    EUInformation eu = (EUInformation) struct(client.path(pressure, "EngineeringUnits"));
    assertEquals("bar", eu.getDisplayName().text());
    assertEquals(('B' << 16) | ('A' << 8) | 'R', eu.getUnitId());
    Range range = (Range) struct(client.path(pressure, "EURange"));
    assertEquals(-1.0, range.getLow());
  }

  @Test
  void switchingTheValveReachesTheModuleAndItsSwitchReportsBack() throws Exception {
    NodeId valve = tag("VacuumValve");
    NodeId closed = tag("GripperClosed");
    until(() -> client.read(closed).statusCode().isGood(), () -> "GripperClosed Good");
    assertEquals(Boolean.FALSE, client.read(closed).value().value());
    assertEquals(StatusCode.GOOD, write(valve, true));
    SimulatedIoModule module = (SimulatedIoModule) motionUa.simulators().device("arm-bus", 10);
    assertEquals(1, module.read(RegisterTable.COIL, 0, 1)[0], "the coil is on at the module");
    until(
        () -> Boolean.TRUE.equals(client.read(closed).value().value()),
        () -> "GripperClosed follows the valve: " + client.read(closed));
    assertEquals(StatusCode.GOOD, write(valve, false));
    assertEquals(0, module.read(RegisterTable.COIL, 0, 1)[0]);
  }

  @Test
  void wrongWritesAreRefusedAndChangeNothing() throws Exception {
    NodeId valve = tag("VacuumValve");
    assertEquals(StatusCodes.Bad_TypeMismatch, write(valve, "on").getValue());
    assertEquals(StatusCodes.Bad_TypeMismatch, write(valve, 1.0).getValue());
    long pressureWrite = write(tag("Pressure"), 0.5).getValue();
    assertTrue(
        pressureWrite == StatusCodes.Bad_NotWritable
            || pressureWrite == StatusCodes.Bad_UserAccessDenied,
        "an input register is read-only: " + new StatusCode(pressureWrite));
    SimulatedIoModule module = (SimulatedIoModule) motionUa.simulators().device("arm-bus", 10);
    assertEquals(-650, (short) module.read(RegisterTable.INPUT_REGISTER, 0, 1)[0]);
  }
}
