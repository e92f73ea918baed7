package io.motionua.server;

import static io.motionua.server.AxisProbe.awaitState;
import static io.motionua.server.AxisProbe.connect;
import static io.motionua.server.AxisProbe.near;
import static io.motionua.server.AxisProbe.until;
import static io.motionua.server.AxisProbe.value;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.motionua.server.axis.AxisState;
import io.motionua.server.config.ConfigLoader;
import io.motionua.server.config.MachineConfig;
import io.motionua.server.group.GroupState;
import io.motionua.server.opcua.ListenPorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A group across schemes: a CiA 402 drive (the built-in simulator) and a trigger-scheme drive (a
 * profile file, emulated by the simulator from that profile) on their own simulated links, moved
 * together with MoveSynchronized in drive-profiles mode.
 */
class MixedSchemeGroupIT {

  @TempDir Path dir;

  @Test
  void aCia402AndATriggerDriveMoveSynchronizedToTheirTargets() throws Exception {
    Path profiles = Files.createDirectories(dir.resolve("profiles"));
    Files.copy(
        Path.of("src/test/resources/profiles/trigger-test-drive.yaml"),
        profiles.resolve("trigger-test-drive.yaml"));
    Path file = dir.resolve("machine.yaml");
    Files.writeString(
        file,
        """
        server: { port: 0, bindAddress: 127.0.0.1, hostnames: [127.0.0.1], anonymous: operator, securityNone: true }
        machine: { name: Mixed, motionDevice: Table }
        links:
          - { name: a, host: 127.0.0.1, port: 0, simulated: true, pollMs: 20 }
          - { name: b, host: 127.0.0.1, port: 0, simulated: true, pollMs: 20 }
        drives:
          - { name: d1, link: a, unitId: 1 }
          - { name: d2, link: b, unitId: 1, profile: profiles/trigger-test-drive.yaml }
        motors:
          - { name: m1, drive: d1 }
          - { name: m2, drive: d2, incrementsPerRev: 10000 }
        reducers:
          - { name: g, ratio: 1 }
        axes:
          - { name: X, motor: m1, reducer: g, enableOnStart: true, limits: { min: -720, max: 720, velocity: 360, acceleration: 3600 } }
          - { name: Y, motor: m2, reducer: g, enableOnStart: true, limits: { min: -720, max: 720, velocity: 360, acceleration: 3600 } }
        groups:
          - { name: xy, axes: [X, Y], mode: drive-profiles, faultReaction: stop }
        """);
    MachineConfig config = ConfigLoader.load(file).withPort(ListenPorts.choose());
    try (MotionUa motionUa = new MotionUa(config, dir.resolve("data"));
        UaTestClient client = startAndConnect(motionUa)) {
      NodeId axes = client.path(NodeIds.ObjectsFolder, "Mixed", "MotionDevices", "Table", "Axes");
      awaitState(client, axes, "X", AxisState.Standstill);
      awaitState(client, axes, "Y", AxisState.Standstill);
      NodeId group = client.path(NodeIds.ObjectsFolder, "Mixed", "Groups", "xy");
      NodeId state = client.path(group, "GroupState");
      assertEquals(
          StatusCodes.Good,
          client.call(group, client.path(group, "GroupEnable")).getStatusCode().getValue(),
          "GroupEnable");
      until(
          () ->
              Integer.valueOf(GroupState.GroupStandby.ordinal())
                  .equals(client.read(state).value().value()),
          () -> "group xy in GroupStandby: " + client.read(state).value());
      long status =
          client
              .milo()
              .call(
                  List.of(
                      new CallMethodRequest(
                          group,
                          client.path(group, "MoveSynchronized"),
                          new Variant[] {
                            new Variant(new Double[] {90.0, -45.0}), new Variant(1.0)
                          })))
              .getResults()[0]
              .getStatusCode()
              .getValue();
      assertEquals(StatusCodes.Good, status, "MoveSynchronized");
      NodeId x = client.path(axes, "X", "ParameterSet", "ActualPosition");
      NodeId y = client.path(axes, "Y", "ParameterSet", "ActualPosition");
      until(
          () ->
              near(value(client, x), 90.0)
                  && near(value(client, y), -45.0)
                  && Integer.valueOf(GroupState.GroupStandby.ordinal())
                      .equals(client.read(state).value().value()),
          () -> "X at 90, Y at -45, group standing: " + value(client, x) + ", " + value(client, y));
    }
  }

  private static UaTestClient startAndConnect(MotionUa motionUa) throws Exception {
    motionUa.start();
    return connect(motionUa);
  }
}
