package io.motionua.server;

import java.nio.file.Path;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * For ITs against the demo machine in process: one {@link DemoFixture} per test class, started
 * before the first test and closed after the last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DemoServerTestBase {

  private DemoFixture demo;

  /** The running server with its simulators and links. */
  protected MotionUa motionUa;

  /** A Milo client connected to it (anonymous, security None). */
  protected UaTestClient client;

  /** The motion device {@code Objects/DemoArm/MotionDevices/Arm}. */
  protected NodeId arm;

  /** The server's data directory (certificates, audit.log). */
  protected Path dataDir;

  @BeforeAll
  void startDemo() throws Exception {
    demo = DemoFixture.start();
    motionUa = demo.motionUa();
    client = demo.client();
    arm = demo.arm();
    dataDir = demo.dataDir();
  }

  @AfterAll
  void stopDemo() throws Exception {
    if (demo != null) {
      demo.close();
    }
  }
}
