package io.motionua.server;

import static io.motionua.server.AxisProbe.awaitState;
import static io.motionua.server.AxisProbe.call;
import static io.motionua.server.AxisProbe.connect;
import static io.motionua.server.AxisProbe.near;
import static io.motionua.server.AxisProbe.until;
import static io.motionua.server.AxisProbe.value;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.motionua.drivers.Link;
import io.motionua.drivers.sim.TriggerDrive;
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
 * A trigger drive whose target, speeds and command register follow on from one another gets a move
 * as one FC16 (the simulated drive counts one write request covering all nine registers), and the
 * call returns at its acknowledge: one link request per call, two where the profile asks for its
 * values to be confirmed (the FC16 and the read-back). Each move still reaches its target and ends
 * in Standstill. Polls are 1 s apart, so that they seldom fall into a call; the fewest of five
 * calls is judged.
 */
class TriggerOneWriteIT {

  private static final String PROFILE =
      """
      name: %s
      source: TriggerOneWriteIT
      signals:
        driveStatus:      {address: 40001, type: uint16}
        alarmCode:        {address: 40002, type: uint16}
        positionActual:   {address: 40003, type: int32}
        targetPosition:   {address: 40005, type: int32, access: rw}
        moveVelocity:     {address: 40007, type: uint32, access: rw}
        moveAcceleration: {address: 40009, type: uint32, access: rw}
        moveDeceleration: {address: 40011, type: uint32, access: rw}
        command:          {address: 40013, type: uint16, access: rw}
        servoOn:          {address: 40014, type: uint16, access: rw}
      motion:
        scheme: trigger
        confirmWrites: %s
        enable:  {signal: servoOn, value: 1}
        disable: {signal: servoOn, value: 0}
        move:
          target: targetPosition
          velocity: moveVelocity
          acceleration: moveAcceleration
          deceleration: moveDeceleration
          trigger: {signal: command, value: 1}
        halt:  {signal: command, value: 2}
        reset: {signal: command, value: 3}
        status:
          enabled:    {signal: driveStatus, bit: 0}
          inPosition: {signal: driveStatus, bit: 1}
          moving:     {signal: driveStatus, bit: 2}
          alarm:      {signal: driveStatus, bit: 3}
        faultCode: alarmCode
      """;

  @TempDir Path dir;

  @Test
  void aMoveIsOneFc16AndTheCallReturnsAtItsAcknowledge() throws Exception {
    Files.writeString(dir.resolve("block.yaml"), PROFILE.formatted("block", "false"));
    Files.writeString(
        dir.resolve("block-confirm.yaml"), PROFILE.formatted("block-confirm", "true"));
    Path file = dir.resolve("machine.yaml");
    Files.writeString(
        file,
        """
        server: { port: 0, bindAddress: 127.0.0.1, hostnames: [127.0.0.1], anonymous: operator, securityNone: true }
        machine: { name: Line, motionDevice: Table }
        links:
          - { name: bus, host: 127.0.0.1, port: 0, simulated: true, timeoutMs: 500, pollMs: 1000 }
        drives:
          - { name: d1, link: bus, unitId: 1, profile: block.yaml }
          - { name: d2, link: bus, unitId: 2, profile: block-confirm.yaml }
        motors:
          - { name: m1, drive: d1 }
          - { name: m2, drive: d2 }
        reducers:
          - { name: g, ratio: 10 }
        axes:
          - { name: A1, motor: m1, reducer: g, enableOnStart: true, limits: { min: -90, max: 90, velocity: 180, acceleration: 720 } }
          - { name: A2, motor: m2, reducer: g, enableOnStart: true, limits: { min: -90, max: 90, velocity: 180, acceleration: 720 } }
        """);
    MachineConfig config = ConfigLoader.load(file).withPort(ListenPorts.choose());
    try (MotionUa motionUa = new MotionUa(config, dir.resolve("data"))) {
      motionUa.start();
      try (UaTestClient client = connect(motionUa)) {
        NodeId axes = client.path(NodeIds.ObjectsFolder, "Line", "MotionDevices", "Table", "Axes");
        Link bus = motionUa.links().get("bus");
        assertEquals(1, fewestRequests(motionUa, client, axes, bus, "A1", "d1", 1));
        assertEquals(2, fewestRequests(motionUa, client, axes, bus, "A2", "d2", 2));
      }
    }
  }

  /** Five moves back and forth, each one FC16 at the drive; the fewest link requests of a call. */
  private static long fewestRequests(
      MotionUa motionUa,
      UaTestClient client,
      NodeId axes,
      Link bus,
      String axis,
      String drive,
      int unit)
      throws Exception {
    TriggerDrive peer = (TriggerDrive) motionUa.simulator("bus").device(unit);
    NodeId position = client.path(axes, axis, "ParameterSet", "ActualPosition");
    awaitState(client, axes, axis, AxisState.Standstill);
    long fewest = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      double target = i % 2 == 0 ? 4.0 : 2.0;
      long writes = peer.writeRequests();
      long before = requests(bus, drive);
      assertEquals(
          StatusCodes.Good, call(client, axes, axis, "MoveAbsolute", target, 0.0, 0.0, 0.0));
      fewest = Math.min(fewest, requests(bus, drive) - before);
      assertEquals(1, peer.writeRequests() - writes, axis + ": write requests of a move");
      assertArrayEquals(
          new int[] {4, 9}, peer.lastWrite(), axis + ": target to command in one FC16");
      until(
          () -> near(value(client, position), target),
          () -> axis + " at " + target + ": " + value(client, position));
      awaitState(client, axes, axis, AxisState.Standstill);
    }
    return fewest;
  }

  private static long requests(Link bus, String drive) {
    return bus.deviceDiagnostics().get(drive).traffic().requests();
  }
}
