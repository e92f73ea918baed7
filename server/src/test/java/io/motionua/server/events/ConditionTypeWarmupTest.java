package io.motionua.server.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.motionua.server.MotionUa;
import io.motionua.server.config.ConfigLoader;
import io.motionua.server.config.MachineConfig;
import io.motionua.server.opcua.MachineNamespace;
import java.nio.file.Files;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.model.objects.AlarmConditionTypeNode;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.junit.jupiter.api.Test;

/**
 * The alarm types' warm-up runs during every build of the address space (here the demo, offline):
 * the alarms it prepared for come out complete, nothing of its scratch instances reaches the
 * address space, and its threads are gone once the server is closed.
 */
class ConditionTypeWarmupTest {

  @Test
  void theDemosAlarmsAreCompleteAndTheScratchNodesStayOutside() throws Exception {
    MachineConfig demo = ConfigLoader.demo();
    try (MotionUa motionUa = new MotionUa(demo, Files.createTempDirectory("warmup"))) {
      OpcUaServer server = motionUa.buildOffline();
      int ns = server.getNamespaceTable().getIndex(MachineNamespace.namespaceUri(demo)).intValue();
      String j1 = demo.machine().name() + "/MotionDevices/" + demo.machine().motionDevice();
      for (String alarm : new String[] {"DriveFault", "FollowingErrorExceeded"}) {
        String path = j1 + "/Axes/J1/" + alarm;
        var node =
            (AlarmConditionTypeNode)
                server
                    .getAddressSpaceManager()
                    .getManagedNode(new NodeId(ns, path))
                    .orElseThrow(() -> new AssertionError("no " + path));
        assertNotNull(node.getActiveStateNode(), path + "/ActiveState");
        assertNotNull(node.getAckedStateNode(), path + "/AckedState");
        assertNotNull(node.getRetainNode(), path + "/Retain");
        assertNotNull(node.getAcknowledgeMethodNode(), path + "/Acknowledge");
      }
      for (NodeId type : ConditionTypeWarmup.TYPES) {
        NodeId scratch = new NodeId(0, "motionua-warmup-" + type.getIdentifier());
        assertFalse(
            server.getAddressSpaceManager().getManagedNode(scratch).isPresent(),
            "scratch root of " + type + " in the address space");
      }
    }
    assertEquals(
        0,
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().startsWith("condition-type-warmup") && t.isAlive())
            .count(),
        "warm-up threads left after close");
  }
}
