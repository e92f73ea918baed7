package io.motionua.server.opcua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motionua.server.MotionUa;
import io.motionua.server.config.ConfigException;
import io.motionua.server.config.ConfigLoader;
import io.motionua.server.config.MachineConfig;
import java.nio.file.Files;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.junit.jupiter.api.Test;

/**
 * DI ProductCode from the machine file: on the motion device (and the machine's Identification),
 * each motor, gear and drive that gives one; Bad_NotSupported where the file gives none. Built
 * offline, no sockets.
 */
class ProductCodeTest {

  private static final String YAML =
      """
      server: { port: 0, bindAddress: 127.0.0.1, hostnames: [127.0.0.1], anonymous: viewer }
      machine: { name: Cell, motionDevice: Arm, productCode: ARM-6 }
      links:
        - { name: bus, type: tcp, host: 127.0.0.1, port: 0, simulated: true }
      drives:
        - { name: J1-drive, link: bus, unitId: 1, productCode: DRV-400 }
        - { name: J2-drive, link: bus, unitId: 2 }
      motors:
        - { name: J1-motor, drive: J1-drive, productCode: MOT-100 }
        - { name: J2-motor, drive: J2-drive }
      reducers:
        - { name: gear, ratio: 100, productCode: RED-100 }
        - { name: plain, ratio: 50 }
      axes:
        - { name: J1, motor: J1-motor, reducer: gear, motionProfile: rotary,
            limits: { min: -170, max: 170, velocity: 180, acceleration: 360, deceleration: 360 } }
        - { name: J2, motor: J2-motor, reducer: plain, motionProfile: rotary,
            limits: { min: -170, max: 170, velocity: 180, acceleration: 360, deceleration: 360 } }
      """;

  @Test
  void productCodesComeFromTheMachineFile() throws Exception {
    MachineConfig config = ConfigLoader.parse("cell.yaml", YAML, null);
    try (MotionUa cell = new MotionUa(config, Files.createTempDirectory("product-code"))) {
      OpcUaServer server = cell.buildOffline();
      int ns =
          server.getNamespaceTable().getIndex(MachineNamespace.namespaceUri(config)).intValue();
      String device = "Cell/MotionDevices/Arm";
      String j1 = device + "/PowerTrains/J1-PowerTrain";
      assertEquals("ARM-6", value(server, ns, device + "/ProductCode").value().value());
      assertEquals("ARM-6", value(server, ns, "Cell/Identification/ProductCode").value().value());
      assertEquals("MOT-100", value(server, ns, j1 + "/Motor/ProductCode").value().value());
      assertEquals("RED-100", value(server, ns, j1 + "/Gear/ProductCode").value().value());
      assertEquals("DRV-400", value(server, ns, j1 + "/Drive/ProductCode").value().value());
      String j2 = device + "/PowerTrains/J2-PowerTrain";
      for (String without : new String[] {j2 + "/Motor/ProductCode", j2 + "/Gear/ProductCode"}) {
        assertEquals(
            StatusCodes.Bad_NotSupported,
            value(server, ns, without).statusCode().value(),
            without + " is not in the file");
      }
    }
  }

  @Test
  void aBlankOrTooLongProductCodeIsRefusedWithItsPlace() {
    ConfigException blank =
        org.junit.jupiter.api.Assertions.assertThrows(
            ConfigException.class,
            () ->
                ConfigLoader.parse(
                    "cell.yaml", YAML.replace("productCode: RED-100", "productCode: ' '"), null));
    assertTrue(blank.getMessage().contains("reducers[0].productCode"), blank.getMessage());
    assertTrue(blank.getMessage().contains("cell.yaml:"), blank.getMessage());
    ConfigException tooLong =
        org.junit.jupiter.api.Assertions.assertThrows(
            ConfigException.class,
            () ->
                ConfigLoader.parse(
                    "cell.yaml",
                    YAML.replace("productCode: ARM-6", "productCode: " + "x".repeat(256)),
                    null));
    assertTrue(tooLong.getMessage().contains("machine.productCode"), tooLong.getMessage());
    assertTrue(tooLong.getMessage().contains("at most 255 characters"), tooLong.getMessage());
  }

  private static DataValue value(OpcUaServer server, int ns, String path) {
    var node =
        server
            .getAddressSpaceManager()
            .getManagedNode(new NodeId(ns, path))
            .orElseThrow(() -> new AssertionError("no node " + path));
    return ((UaVariableNode) node).getValue();
  }
}
