package io.motionua.server;

import static io.motionua.server.AxisProbe.awaitState;
import static io.motionua.server.AxisProbe.call;
import static io.motionua.server.AxisProbe.connect;
import static io.motionua.server.AxisProbe.near;
import static io.motionua.server.AxisProbe.until;
import static io.motionua.server.AxisProbe.value;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.motionua.drivers.Link;
import io.motionua.drivers.sim.SimulatedDrive;
import io.motionua.server.axis.AxisState;
import io.motionua.server.config.ConfigLoader;
import io.motionua.server.config.MachineConfig;
import io.motionua.server.opcua.ListenPorts;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CiA 402 MoveAbsolute costs four link transactions once the drive is in profile position with
 * the new-set-point bit low (profile block, controlword start, statusword read-back, controlword
 * clear), where it took six; the call returns after the read-back and the clear follows on the link
 * (the simulated drive counts two controlword writes per move and ends with bit 4 low); after a
 * Home (mode 6, bit 4 left high) the next move still writes the mode and the falling edge first,
 * and reaches its target. Counted on the simulated drive's own request counter, with polls 1 s
 * apart so that they seldom fall into a call.
 */
class MoveTransactionsIT {

  @TempDir Path dir;

  @Test
  void aMoveInProfilePositionTakesFourLinkTransactionsAndAMoveAfterHomeStillReachesItsTarget()
      throws Exception {
    Path file = dir.resolve("machine.yaml");
    Files.writeString(
        file,
        """
        server: { port: 0, bindAddress: 127.0.0.1, hostnames: [127.0.0.1], anonymous: operator, securityNone: true }
        machine: { name: Line, motionDevice: Table }
        links:
          - { name: bus, host: 127.0.0.1, port: 0, simulated: true, timeoutMs: 500, pollMs: 1000 }
        drives:
          - { name: d1, link: bus, unitId: 1 }
        motors:
          - { name: m1, drive: d1 }
        reducers:
          - { name: g, ratio: 10 }
        axes:
          - { name: A1, motor: m1, reducer: g, enableOnStart: true, limits: { min: -90, max: 90, velocity: 180, acceleration: 720 } }
        """);
    MachineConfig config = ConfigLoader.load(file).withPort(ListenPorts.choose());
    try (MotionUa motionUa = new MotionUa(config, dir.resolve("data"))) {
      motionUa.start();
      try (UaTestClient client = connect(motionUa)) {
        NodeId axes = client.path(NodeIds.ObjectsFolder, "Line", "MotionDevices", "Table", "Axes");
        NodeId position = client.path(axes, "A1", "ParameterSet", "ActualPosition");
        Link bus = motionUa.links().get("bus");
        SimulatedDrive drive = motionUa.simulator("bus").drive(1);
        awaitState(client, axes, "A1", AxisState.Standstill);

        moveTo(client, axes, position, 2.0); // the first move writes the mode
        long fewest = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
          double target = i % 2 == 0 ? 4.0 : 2.0;
          long before = requests(bus);
          long controlwords = drive.controlwordWrites();
          assertEquals(
              StatusCodes.Good, call(client, axes, "A1", "MoveAbsolute", target, 0.0, 0.0, 0.0));
          until(
              () -> drive.controlwordWrites() >= controlwords + 2,
              () ->
                  "start and clear of bit 4 written: "
                      + (drive.controlwordWrites() - controlwords));
          assertEquals(2, drive.controlwordWrites() - controlwords, "controlword writes of a move");
          assertEquals(0, drive.readRegisters(0, 1)[0] & 0x10, "bit 4 low after the move's call");
          fewest = Math.min(fewest, requests(bus) - before);
          reach(client, axes, position, target);
        }
        assertEquals(4, fewest, "link requests of the cheapest of five moves");

        assertEquals(StatusCodes.Good, call(client, axes, "A1", "Home"));
        until(
            () -> near(value(client, position), 0.0),
            () -> "A1 homed at 0: " + value(client, position));
        awaitState(client, axes, "A1", AxisState.Standstill);
        moveTo(client, axes, position, 3.0);
      }
    }
  }

  private static void moveTo(UaTestClient client, NodeId axes, NodeId position, double target)
      throws Exception {
    assertEquals(StatusCodes.Good, call(client, axes, "A1", "MoveAbsolute", target, 0.0, 0.0, 0.0));
    reach(client, axes, position, target);
  }

  private static void reach(UaTestClient client, NodeId axes, NodeId position, double target)
      throws Exception {
    until(
        () -> near(value(client, position), target),
        () -> "A1 at " + target + ": " + value(client, position));
    awaitState(client, axes, "A1", AxisState.Standstill);
  }

  private static long requests(Link bus) {
    return bus.deviceDiagnostics().get("d1").traffic().requests();
  }
}
