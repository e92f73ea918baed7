package io.motionua.server;

import static io.motionua.server.AxisProbe.awaitState;
import static io.motionua.server.AxisProbe.connect;
import static io.motionua.server.AxisProbe.near;
import static io.motionua.server.AxisProbe.state;
import static io.motionua.server.AxisProbe.until;
import static io.motionua.server.AxisProbe.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.motionua.drivers.Link;
import io.motionua.drivers.sim.DriveSimulator;
import io.motionua.drivers.sim.SimulatedDrive;
import io.motionua.server.axis.AxisState;
import io.motionua.server.config.ConfigLoader;
import io.motionua.server.config.MachineConfig;
import io.motionua.server.opcua.ListenPorts;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Machine files with every link type, run in process against the project's simulator: an rtu link
 * simulated on a socat pty pair with two drives, an rtu-over-tcp link, a drive whose profile is a
 * file next to the machine file, a serial device that does not exist beside a link that works, and
 * enableOnStart for a drive that appears after the server.
 */
class MachineLinksIT {

  @TempDir Path dir;

  private static final String AXES =
      """
      motors:
        - { name: m1, drive: d1 }
        - { name: m2, drive: d2 }
        - { name: m3, drive: d3 }
      reducers:
        - { name: g, ratio: 10 }
      axes:
        - { name: A1, motor: m1, reducer: g, enableOnStart: true, limits: { min: -90, max: 90, velocity: 180, acceleration: 720 } }
        - { name: A2, motor: m2, reducer: g, enableOnStart: true, limits: { min: -90, max: 90, velocity: 180, acceleration: 720 } }
        - { name: A3, motor: m3, reducer: g, enableOnStart: true, limits: { min: -90, max: 90, velocity: 180, acceleration: 720 } }
      """;

  private static String header() {
    return """
        server: { port: 0, bindAddress: 127.0.0.1, hostnames: [127.0.0.1], anonymous: operator, securityNone: true }
        machine: { name: Line, motionDevice: Table }
        """;
  }

  private MotionUa start(String yaml) throws Exception {
    Path file = dir.resolve("machine.yaml");
    Files.writeString(file, yaml);
    MachineConfig config = ConfigLoader.load(file).withPort(ListenPorts.choose());
    MotionUa motionUa = new MotionUa(config, dir.resolve("data"));
    motionUa.start();
    return motionUa;
  }

  private static boolean socat() {
    return new java.io.File("/usr/bin/socat").canExecute();
  }

  @Test
  void rtuAndRtuOverTcpLinksServeTheirAxesAndAMoveReachesItsTargetThroughOpcUa() throws Exception {
    assumeTrue(socat(), "socat is not installed");
    // A profile file beside the machine file: motionua-sim's registers under another name, and
    // without the homing method (a drive family that lacks it).
    Path profiles = Files.createDirectories(dir.resolve("profiles"));
    Files.writeString(
        profiles.resolve("my-drive.yaml"),
        """
        name: my-drive
        signals:
          controlword:             {address: 40001, type: uint16, access: rw}
          statusword:              {address: 40002, type: uint16}
          modesOfOperation:        {address: 40003, type: int16, access: rw}
          modesOfOperationDisplay: {address: 40004, type: int16}
          targetPosition:          {address: 40005, type: int32, access: rw}
          profileVelocity:         {address: 40007, type: uint32, access: rw}
          profileAcceleration:     {address: 40009, type: uint32, access: rw}
          profileDeceleration:     {address: 40011, type: uint32, access: rw}
          targetVelocity:          {address: 40013, type: int32, access: rw}
          positionActual:          {address: 40017, type: int32}
          velocityActual:          {address: 40019, type: int32}
        """);
    String yaml =
        header()
            + """
            links:
              - { name: line, type: rtu, baud: 115200, parity: none, simulated: true, timeoutMs: 200, pollMs: 20, signalPeriods: { motorTemperature: 500 } }
              - { name: gw, type: rtu-over-tcp, host: 127.0.0.1, port: 0, simulated: true, timeoutMs: 200, pollMs: 20 }
            drives:
              - { name: d1, link: line, unitId: 1 }
              - { name: d2, link: line, unitId: 2 }
              - { name: d3, link: gw, unitId: 7, profile: profiles/my-drive.yaml }
            """
            + AXES;
    try (MotionUa motionUa = start(yaml);
        UaTestClient client = connect(motionUa)) {
      NodeId axes = client.path(NodeIds.ObjectsFolder, "Line", "MotionDevices", "Table", "Axes");
      for (String axis : new String[] {"A1", "A2", "A3"}) {
        awaitState(client, axes, axis, AxisState.Standstill);
      }
      assertEquals("my-drive", motionUa.config().profile("d3").name());
      for (String axis : new String[] {"A2", "A3"}) {
        NodeId a = client.path(axes, axis);
        long status =
            client
                .call(
                    a,
                    client.path(a, "MoveAbsolute"),
                    new Variant(30.0),
                    new Variant(0.0),
                    new Variant(0.0),
                    new Variant(0.0))
                .getStatusCode()
                .getValue();
        assertEquals(StatusCodes.Good, status, axis + " MoveAbsolute");
      }
      NodeId a2 = client.path(axes, "A2", "ParameterSet", "ActualPosition");
      NodeId a3 = client.path(axes, "A3", "ParameterSet", "ActualPosition");
      until(
          () -> near(value(client, a2), 30.0) && near(value(client, a3), 30.0),
          () -> "A2 and A3 at 30: " + value(client, a2) + ", " + value(client, a3));
      // The simulated drives behind each link type moved, and only those that were told to.
      SimulatedDrive d2 = motionUa.simulatedDrive("line", 2);
      SimulatedDrive d1 = motionUa.simulatedDrive("line", 1);
      assertTrue(Math.abs(d2.positionActual() - 30.0 / 360 * 10 * 131072) < 200, "d2 moved");
      assertTrue(Math.abs(d1.positionActual()) < 200, "d1 stayed");
      Link line = motionUa.links().get("line");
      assertTrue(line.diagnostics().responses() > 0, "the rtu link answered");
      assertEquals(0, line.diagnostics().timeouts(), "no timeouts on the pty line");
    }
  }

  @Test
  void aSerialDeviceThatIsNotThereLeavesTheOtherLinkServing() throws Exception {
    String yaml =
        header()
            + """
            links:
              - { name: dead, type: rtu, device: %s, baud: 19200, timeoutMs: 100, pollMs: 20 }
              - { name: bus, host: 127.0.0.1, port: 0, simulated: true, timeoutMs: 200, pollMs: 20 }
            drives:
              - { name: d1, link: dead, unitId: 1 }
              - { name: d2, link: bus, unitId: 2 }
              - { name: d3, link: bus, unitId: 3 }
            """
                .formatted(dir.resolve("no-such-tty"))
            + AXES;
    try (MotionUa motionUa = start(yaml);
        UaTestClient client = connect(motionUa)) {
      NodeId axes = client.path(NodeIds.ObjectsFolder, "Line", "MotionDevices", "Table", "Axes");
      awaitState(client, axes, "A2", AxisState.Standstill);
      awaitState(client, axes, "A3", AxisState.Standstill);
      NodeId position = client.path(axes, "A1", "ParameterSet", "ActualPosition");
      until(
          () -> client.read(position).statusCode().getValue() == StatusCodes.Bad_NoCommunication,
          () -> "A1's position Bad_NoCommunication: " + client.read(position).statusCode());
      NodeId lastError = client.path(NodeIds.ObjectsFolder, "Line", "Links", "dead", "LastError");
      until(
          () -> String.valueOf(client.read(lastError).value().value()).contains("no-such-tty"),
          () -> "the link's LastError names the device: " + client.read(lastError).value());
      Link dead = motionUa.links().get("dead");
      java.time.Instant failed = dead.diagnostics().lastErrorTime();
      until(
          () -> dead.diagnostics().lastErrorTime().isAfter(failed),
          () -> "the dead link keeps trying to open its device: " + dead.diagnostics());
      assertTrue(
          dead.diagnostics().lastError().contains("no such device"),
          dead.diagnostics().lastError());
      assertEquals(AxisState.Disabled, state(client, axes, "A1"));
    }
  }

  @Test
  void enableOnStartWaitsForADriveThatAppearsAfterTheServerAndThenPowersIt() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    String yaml =
        header()
            + """
            links:
              - { name: late, host: 127.0.0.1, port: %d, timeoutMs: 100, retries: 0, pollMs: 20 }
            drives:
              - { name: d1, link: late, unitId: 1 }
              - { name: d2, link: late, unitId: 2 }
              - { name: d3, link: late, unitId: 3 }
            """
                .formatted(port)
            + AXES;
    try (MotionUa motionUa = start(yaml);
        UaTestClient client = connect(motionUa)) {
      NodeId axes = client.path(NodeIds.ObjectsFolder, "Line", "MotionDevices", "Table", "Axes");
      NodeId lastError =
          client.path(
              NodeIds.ObjectsFolder,
              "Line",
              "MotionDevices",
              "Table",
              "PowerTrains",
              "A1-PowerTrain",
              "Drive",
              "LastError");
      // Past the first try (1 s) and into the second: the old code gave up after 10 s, the new
      // one says why it waits.
      until(
          () ->
              String.valueOf(client.read(lastError).value().value())
                  .contains("waiting for drive d1 on link late: no answer"),
          () -> "the drive's LastError says why: " + client.read(lastError).value());
      assertEquals(AxisState.Disabled, state(client, axes, "A1"));
      try (DriveSimulator sim =
          DriveSimulator.start(
              "127.0.0.1",
              port,
              Map.of(1, new SimulatedDrive(), 2, new SimulatedDrive(), 3, new SimulatedDrive()))) {
        for (String axis : new String[] {"A1", "A2", "A3"}) {
          awaitState(client, axes, axis, AxisState.Standstill);
        }
      }
    }
  }
}
