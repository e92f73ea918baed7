package io.motionua.server.opcua;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.motionua.nodeset.CompanionNodeSet;
import io.motionua.server.MotionUa;
import io.motionua.server.config.ConfigLoader;
import java.nio.file.Files;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.junit.jupiter.api.Test;

/** The demo's address space, built offline, holds the companion models a Robotics client needs. */
class CompanionModelsTest {

  @Test
  void theDemoLoadsDiMachineryAndRoboticsThroughTheLoader() throws Exception {
    try (MotionUa demo = new MotionUa(ConfigLoader.demo(), Files.createTempDirectory("cm"))) {
      OpcUaServer server = demo.buildOffline();
      for (CompanionNodeSet model : ModelLoader.COMPANIONS) {
        var index = server.getNamespaceTable().getIndex(model.modelUri());
        assertNotNull(index, model.modelUri() + " in the NamespaceArray");
      }
      // Robotics' MotionDeviceSystemType (i=1002) and DI's DeviceSet (i=5001) exist as nodes.
      var robotics = server.getNamespaceTable().getIndex(CompanionNodeSet.ROBOTICS.modelUri());
      var di = server.getNamespaceTable().getIndex(CompanionNodeSet.DI.modelUri());
      assertNotNull(
          server.getAddressSpaceManager().getManagedNode(new NodeId(robotics, 1002)).orElse(null),
          "Robotics MotionDeviceSystemType");
      assertNotNull(
          server.getAddressSpaceManager().getManagedNode(new NodeId(di, 5001)).orElse(null),
          "DI DeviceSet");
    }
  }
}
