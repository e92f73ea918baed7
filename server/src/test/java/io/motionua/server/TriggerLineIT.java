package io.motionua.server;

import static io.motionua.server.AxisProbe.awaitState;
import static io.motionua.server.AxisProbe.call;
import static io.motionua.server.AxisProbe.connect;
import static io.motionua.server.AxisProbe.near;
import static io.motionua.server.AxisProbe.state;
import static io.motionua.server.AxisProbe.until;
import static io.motionua.server.AxisProbe.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.motionua.drivers.DeviceDiagnostics;
import io.motionua.drivers.Link;
import io.motionua.server.axis.AxisState;
import io.motionua.server.config.ConfigLoader;
import io.motionua.server.config.MachineConfig;
import io.motionua.server.opcua.ListenPorts;
import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real RS-485-style line as a user sets it up: an rtu link in the machine file on one end of a
 * socat pty pair, and on the other end three drives that do not speak CiA 402, emulated by pymodbus
 * (src/test/python/trigger_drive.py, a peer we did not write the Modbus side of), described by a
 * profile file; a fourth unit in the file is not on the line. An OPC UA client takes axis A1
 * through Power, MoveAbsolute, Halt, a drive alarm and Reset.
 */
class TriggerLineIT {

  @TempDir Path dir;

  @Test
  void triggerDrivesOnOneRtuLineRunThePlcopenCommandsThroughOpcUa() throws Exception {
    if (!new File("/usr/bin/socat").canExecute()) {
      fail("socat is not installed: run bin/test");
    }
    Path line = dir.resolve("line");
    Path master = dir.resolve("master");
    Process socat =
        new ProcessBuilder("socat", "pty,raw,echo=0,link=" + line, "pty,raw,echo=0,link=" + master)
            .start();
    Process drives = null;
    try {
      until(() -> Files.exists(line) && Files.exists(master), () -> "socat made no pty pair");
      drives =
          new ProcessBuilder(
                  "/usr/bin/python3",
                  "src/test/python/trigger_drive.py",
                  line.toString(),
                  "1",
                  "2",
                  "3")
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("drives.log").toFile())
              .start();
      Path profiles = Files.createDirectories(dir.resolve("profiles"));
      Files.copy(
          Path.of("src/test/resources/profiles/trigger-test-drive.yaml"),
          profiles.resolve("trigger-test-drive.yaml"));
      Path file = dir.resolve("machine.yaml");
      Files.writeString(
          file,
          """
          server: { port: 0, bindAddress: 127.0.0.1, hostnames: [127.0.0.1], anonymous: operator, securityNone: true }
          machine: { name: Line, motionDevice: Table }
          links:
            - { name: rs485, type: rtu, device: %s, baud: 115200, parity: none, timeoutMs: 100, retries: 0, pollMs: 50 }
          drives:
            - { name: d1, link: rs485, unitId: 1, profile: profiles/trigger-test-drive.yaml }
            - { name: d2, link: rs485, unitId: 2, profile: profiles/trigger-test-drive.yaml }
            - { name: d3, link: rs485, unitId: 3, profile: profiles/trigger-test-drive.yaml }
            - { name: d4, link: rs485, unitId: 4, profile: profiles/trigger-test-drive.yaml }
          motors:
            - { name: m1, drive: d1, incrementsPerRev: 10000 }
            - { name: m2, drive: d2, incrementsPerRev: 10000 }
            - { name: m3, drive: d3, incrementsPerRev: 10000 }
            - { name: m4, drive: d4, incrementsPerRev: 10000 }
          reducers:
            - { name: g, ratio: 1 }
          axes:
            - { name: A1, motor: m1, reducer: g, enableOnStart: true, limits: { min: -720, max: 720, velocity: 360, acceleration: 3600 } }
            - { name: A2, motor: m2, reducer: g, enableOnStart: true, limits: { min: -720, max: 720, velocity: 360, acceleration: 3600 } }
            - { name: A3, motor: m3, reducer: g, enableOnStart: true, limits: { min: -720, max: 720, velocity: 360, acceleration: 3600 } }
            - { name: A4, motor: m4, reducer: g, limits: { min: -720, max: 720, velocity: 360, acceleration: 3600 } }
          """
              .formatted(master));
      MachineConfig config = ConfigLoader.load(file).withPort(ListenPorts.choose());
      try (MotionUa motionUa = new MotionUa(config, dir.resolve("data"))) {
        motionUa.start();
        try (UaTestClient client = connect(motionUa)) {
          NodeId axes =
              client.path(NodeIds.ObjectsFolder, "Line", "MotionDevices", "Table", "Axes");
          for (String axis : new String[] {"A1", "A2", "A3"}) {
            awaitState(client, axes, axis, AxisState.Standstill); // enableOnStart: servo on
          }
          NodeId position = client.path(axes, "A1", "ParameterSet", "ActualPosition");

          // A short move to its end.
          assertEquals(
              StatusCodes.Good, call(client, axes, "A1", "MoveAbsolute", 36.0, 0.0, 0.0, 0.0));
          until(
              () ->
                  near(value(client, position), 36.0)
                      && state(client, axes, "A1") == AxisState.Standstill,
              () -> "A1 at 36 and standing: " + value(client, position));

          // A long move (3 s at 120 deg/s), halted on the way.
          assertEquals(
              StatusCodes.Good, call(client, axes, "A1", "MoveAbsolute", 396.0, 120.0, 0.0, 0.0));
          assertEquals(AxisState.DiscreteMotion, state(client, axes, "A1"), "shows at once");
          until(
              () -> value(client, position) > 60.0,
              () -> "A1 under way: " + value(client, position));
          assertEquals(StatusCodes.Good, call(client, axes, "A1", "Halt", 0.0));
          awaitState(client, axes, "A1", AxisState.Standstill);
          double halted = value(client, position);
          assertTrue(halted > 60.0 && halted < 390.0, "halted short of the target: " + halted);

          // A drive alarm: ErrorStop, commands refused, until Reset and Power.
          OutputStream stdin = drives.getOutputStream();
          stdin.write("alarm 0x21 1\n".getBytes(StandardCharsets.US_ASCII));
          stdin.flush();
          awaitState(client, axes, "A1", AxisState.ErrorStop);
          assertEquals(
              StatusCodes.Bad_InvalidState,
              call(client, axes, "A1", "MoveAbsolute", 0.0, 0.0, 0.0, 0.0));
          assertEquals(StatusCodes.Good, call(client, axes, "A1", "Reset"));
          assertTrue(state(client, axes, "A1") != AxisState.ErrorStop, "Reset left ErrorStop");
          assertEquals(StatusCodes.Good, call(client, axes, "A1", "Power", true));
          awaitState(client, axes, "A1", AxisState.Standstill);
          assertEquals(
              StatusCodes.Good, call(client, axes, "A1", "MoveAbsolute", 0.0, 0.0, 0.0, 0.0));
          until(
              () ->
                  near(value(client, position), 0.0)
                      && state(client, axes, "A1") == AxisState.Standstill,
              () -> "A1 back at 0: " + value(client, position));

          // The other drives kept their state; the unit that is not on the line did not slow them.
          assertEquals(AxisState.Standstill, state(client, axes, "A2"));
          Link rs485 = motionUa.links().get("rs485");
          DeviceDiagnostics before = rs485.deviceDiagnostics().get("d2");
          long start = System.nanoTime();
          until(() -> System.nanoTime() - start > 2_000_000_000L, () -> "two seconds of polling");
          DeviceDiagnostics after = rs485.deviceDiagnostics().get("d2");
          double seconds = (System.nanoTime() - start) / 1e9;
          double pollsPerSecond =
              (after.traffic().responses() - before.traffic().responses()) / seconds;
          assertTrue(
              rs485.deviceDiagnostics().get("d4").demoted()
                  || rs485.deviceDiagnostics().get("d4").traffic().timeouts() > 0,
              "d4 is not on the line: " + rs485.deviceDiagnostics().get("d4"));
          // 50 ms poll period: 20 polls/s at least 80 %, whatever a poll reads.
          assertTrue(pollsPerSecond >= 0.8 * 20, "d2 kept polling: " + pollsPerSecond + "/s");
        }
      }
    } finally {
      if (drives != null) {
        drives.destroyForcibly();
      }
      socat.destroy();
      socat.waitFor(2, TimeUnit.SECONDS);
    }
  }
}
