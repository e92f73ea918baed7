package io.motionua.server;

import io.motionua.server.config.ConfigLoader;
import io.motionua.server.config.MachineConfig;
import io.motionua.server.opcua.ListenPorts;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;

/**
 * The demo machine in process for an IT: simulated drives over real Modbus TCP on loopback, the OPC
 * UA server on a free port with a temporary data directory, and a Milo client connected to it.
 *
 * @param arm the motion device {@code Objects/DemoArm/MotionDevices/Arm}
 */
record DemoFixture(MotionUa motionUa, UaTestClient client, Path dataDir, NodeId arm)
    implements AutoCloseable {

  static DemoFixture start() throws Exception {
    MachineConfig demo = ConfigLoader.demo().withPort(ListenPorts.choose());
    Path dataDir = Files.createTempDirectory("motionua-it");
    MotionUa motionUa = new MotionUa(demo, dataDir);
    motionUa.start();
    try {
      UaTestClient client = UaTestClient.connect("opc.tcp://127.0.0.1:" + demo.server().port());
      NodeId arm = client.path(NodeIds.ObjectsFolder, "DemoArm", "MotionDevices", "Arm");
      return new DemoFixture(motionUa, client, dataDir, arm);
    } catch (Exception e) {
      motionUa.close();
      throw e;
    }
  }

  @Override
  public void close() throws Exception {
    try {
      client.close();
    } finally {
      motionUa.close();
    }
  }
}
