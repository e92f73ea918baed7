package io.motionua.server.group;

import io.motionua.drivers.sim.SimulatedDrive;
import io.motionua.server.MotionUa;
import io.motionua.server.config.ConfigLoader;
import io.motionua.server.config.MachineConfig;
import io.motionua.server.config.SimulatedCell;
import io.motionua.server.opcua.ListenPorts;
import java.nio.file.Files;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;

/**
 * The simulated 12-axis cell of the group tests ({@link SimulatedCell}, 12 links, poll 20 ms),
 * started on an ephemeral port, with shortcuts to its simulated drives.
 */
final class GroupTestMachine {

  static final int AXES = 12;
  static final int POLL_MS = 20;
  static final String NAME = SimulatedCell.NAME;

  private GroupTestMachine() {}

  static double velocity(int k) {
    return SimulatedCell.velocity(k);
  }

  static double deceleration(int k) {
    return SimulatedCell.deceleration(k);
  }

  /** The YAML of the cell, with the group line given. */
  static String yaml(String groupOptions) {
    return SimulatedCell.yaml(AXES, POLL_MS, groupOptions);
  }

  static MotionUa start(String groupOptions) throws Exception {
    MachineConfig config =
        ConfigLoader.parse("cell.yaml", yaml(groupOptions), null).withPort(ListenPorts.choose());
    MotionUa motionUa = new MotionUa(config, Files.createTempDirectory("motionua-group-it"));
    motionUa.start();
    return motionUa;
  }

  static SimulatedDrive drive(MotionUa cell, int k) {
    return cell.simulator("bus" + k).drive(1);
  }

  /** Every drive's actual position in degrees, read from the simulators. */
  static double[] positions(MotionUa cell) {
    double[] p = new double[AXES];
    for (int k = 1; k <= AXES; k++) {
      p[k - 1] = drive(cell, k).positionActual() / incrementsPerDegree();
    }
    return p;
  }

  /**
   * Watches the simulated drives (every 0.2 ms, at most 3 s from {@code t0}) until every axis but
   * {@code faulted} (0: none) reports standstill (statusword bit 10); returns when each did, 0 for
   * never.
   */
  static long[] awaitOthersStanding(MotionUa cell, int faulted, long t0) {
    long[] stoodAt = new long[AXES + 1];
    int standing = 0;
    int watched = faulted >= 1 && faulted <= AXES ? AXES - 1 : AXES;
    while (standing < watched && System.nanoTime() < t0 + 3_000_000_000L) {
      for (int k = 1; k <= AXES; k++) {
        if (k != faulted && stoodAt[k] == 0 && (drive(cell, k).statusword() & 0x0400) != 0) {
          stoodAt[k] = System.nanoTime();
          standing++;
        }
      }
      java.util.concurrent.locks.LockSupport.parkNanos(200_000);
    }
    return stoodAt;
  }

  /** Increments per degree of the cell's axes (131072 per motor rev, ratio 100). */
  static double incrementsPerDegree() {
    return SimulatedCell.incrementsPerDegree();
  }

  static String endpoint(MotionUa cell) {
    return "opc.tcp://127.0.0.1:" + cell.config().server().port();
  }

  /** A node of the cell's instance namespace by its path, e.g. {@code Cell/Groups/all}. */
  static NodeId node(OpcUaClient client, String path) {
    String uri = "urn:motionua:" + NAME + ":instances";
    return new NodeId(client.getNamespaceTable().getIndex(uri), path);
  }
}
