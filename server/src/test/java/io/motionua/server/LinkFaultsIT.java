package io.motionua.server;

import static io.motionua.server.AxisProbe.awaitState;
import static io.motionua.server.AxisProbe.connect;
import static io.motionua.server.AxisProbe.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.motionua.drivers.Link;
import io.motionua.server.axis.AxisState;
import io.motionua.server.config.ConfigLoader;
import io.motionua.server.config.MachineConfig;
import io.motionua.server.opcua.ListenPorts;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad answers on a real serial line, seen through OPC UA: an rtu link on a socat pty pair whose far
 * end (src/test/python/faulty_units.py) answers unit 1 with broken CRCs and frames from another
 * unit id (what a wrong baud rate or parity gives) and unit 2 with Modbus exception 04, beside a
 * simulated Modbus TCP link whose axis keeps serving. The link's counters rise in {@code
 * Links/<link>}, the drives' values carry the StatusCodes of docs/status-codes.md, the errors name
 * link, unit and register.
 */
class LinkFaultsIT {

  @TempDir Path dir;

  @Test
  void garbageAndExceptionsOnOneLineShowInItsCountersAndStatusesWhileTheOtherLinkServes()
      throws Exception {
    if (!new File("/usr/bin/socat").canExecute()) {
      fail("socat is not installed: run bin/test");
    }
    Path line = dir.resolve("line");
    Path master = dir.resolve("master");
    Process socat =
        new ProcessBuilder("socat", "pty,raw,echo=0,link=" + line, "pty,raw,echo=0,link=" + master)
            .start();
    Process units = null;
    try {
      until(() -> Files.exists(line) && Files.exists(master), () -> "socat made no pty pair");
      units =
          new ProcessBuilder(
                  "/usr/bin/python3", "src/test/python/faulty_units.py", line.toString(), "1", "2")
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("units.log").toFile())
              .start();
      Path file = dir.resolve("machine.yaml");
      Files.writeString(
          file,
          """
          server: { port: 0, bindAddress: 127.0.0.1, hostnames: [127.0.0.1], anonymous: operator, securityNone: true }
          machine: { name: Line, motionDevice: Table }
          links:
            - { name: bus, host: 127.0.0.1, port: 0, simulated: true, timeoutMs: 200, pollMs: 20 }
            - { name: rs485, type: rtu, device: %s, baud: 115200, parity: none, timeoutMs: 100, retries: 1, pollMs: 50 }
          drives:
            - { name: d1, link: bus, unitId: 1 }
            - { name: d2, link: rs485, unitId: 1 }
            - { name: d3, link: rs485, unitId: 2 }
          motors:
            - { name: m1, drive: d1 }
            - { name: m2, drive: d2 }
            - { name: m3, drive: d3 }
          reducers:
            - { name: g, ratio: 10 }
          axes:
            - { name: A1, motor: m1, reducer: g, enableOnStart: true, limits: { min: -90, max: 90, velocity: 180, acceleration: 720 } }
            - { name: A2, motor: m2, reducer: g, limits: { min: -90, max: 90, velocity: 180, acceleration: 720 } }
            - { name: A3, motor: m3, reducer: g, limits: { min: -90, max: 90, velocity: 180, acceleration: 720 } }
          """
              .formatted(master));
      MachineConfig config = ConfigLoader.load(file).withPort(ListenPorts.choose());
      try (MotionUa motionUa = new MotionUa(config, dir.resolve("data"));
          UaTestClient client = startAndConnect(motionUa)) {
        NodeId axes = client.path(NodeIds.ObjectsFolder, "Line", "MotionDevices", "Table", "Axes");
        NodeId rs485 = client.path(NodeIds.ObjectsFolder, "Line", "Links", "rs485");
        NodeId bus = client.path(NodeIds.ObjectsFolder, "Line", "Links", "bus");

        // The counters of the bad line rise, in the link's own variables.
        for (String counter : new String[] {"CrcErrors", "FramingErrors", "Exceptions"}) {
          NodeId node = client.path(rs485, counter);
          until(() -> count(client, node) >= 3, () -> counter + ": " + client.read(node));
        }
        NodeId retries = client.path(rs485, "Retries");
        until(() -> count(client, retries) >= 1, () -> "Retries: " + client.read(retries));
        for (String counter : new String[] {"CrcErrors", "FramingErrors", "Exceptions"}) {
          assertEquals(0, count(client, client.path(bus, counter)), "bus " + counter);
        }

        // The drive behind the garbage has no usable value; the one answering exception 04 says
        // the device failed (docs/status-codes.md: exception 4 -> Bad_DeviceFailure).
        NodeId a2 = client.path(axes, "A2", "ParameterSet", "ActualPosition");
        NodeId a3 = client.path(axes, "A3", "ParameterSet", "ActualPosition");
        until(
            () -> client.read(a2).statusCode().getValue() == StatusCodes.Bad_NoCommunication,
            () -> "A2 Bad_NoCommunication: " + client.read(a2).statusCode());
        until(
            () -> client.read(a3).statusCode().getValue() == StatusCodes.Bad_DeviceFailure,
            () -> "A3 Bad_DeviceFailure: " + client.read(a3).statusCode());

        // The messages name link, device, unit and register: the link's LastError in OPC UA ...
        NodeId lastError = client.path(rs485, "LastError");
        until(
            () ->
                text(client.read(lastError))
                    .matches("link rs485, device d[23] \\(unit [12]\\), FC03 holding-register:.*"),
            () -> "rs485 LastError: " + client.read(lastError));
        // ... and each device's own last error in the driver.
        Link link = motionUa.links().get("rs485");
        String d2 = link.deviceDiagnostics().get("d2").traffic().lastError();
        String d3 = link.deviceDiagnostics().get("d3").traffic().lastError();
        assertTrue(
            d2.matches("link rs485, device d2 \\(unit 1\\), FC03 holding-register:\\d+ x\\d+: .*"),
            d2);
        assertTrue(
            d3.matches(
                "link rs485, device d3 \\(unit 2\\), FC03 holding-register:\\d+ x\\d+: "
                    + "exception 04 server device failure"),
            d3);

        // The other link's axis powers, and its position stays Good and fresh.
        awaitState(client, axes, "A1", AxisState.Standstill);
        NodeId a1 = client.path(axes, "A1", "ParameterSet", "ActualPosition");
        DataValue first = client.read(a1);
        assertEquals(StatusCodes.Good, first.statusCode().getValue(), "A1 " + first);
        DateTime firstTime = first.sourceTime();
        until(
            () -> {
              DataValue now = client.read(a1);
              assertEquals(StatusCodes.Good, now.statusCode().getValue(), "A1 " + now);
              return now.sourceTime().getUtcTime() > firstTime.getUtcTime();
            },
            () -> "A1's position read again: " + client.read(a1));
        assertEquals(
            StatusCodes.Good, client.read(client.path(bus, "Connected")).statusCode().getValue());
      }
    } finally {
      if (units != null) {
        units.destroyForcibly();
      }
      socat.destroy();
      socat.waitFor(2, TimeUnit.SECONDS);
    }
  }

  @Test
  void aSerialPortInUseByAnotherProgramIsNamedAndTheOtherLinkServes() throws Exception {
    if (!new File("/usr/bin/socat").canExecute()) {
      fail("socat is not installed: run bin/test");
    }
    Path line = dir.resolve("line");
    Path master = dir.resolve("master");
    Process socat =
        new ProcessBuilder("socat", "pty,raw,echo=0,link=" + line, "pty,raw,echo=0,link=" + master)
            .start();
    Process holder = null;
    try {
      until(() -> Files.exists(line) && Files.exists(master), () -> "socat made no pty pair");
      // Another program holds the port as serial programs do: an exclusive lock on the device.
      holder =
          new ProcessBuilder(
                  "/usr/bin/python3",
                  "-c",
                  "import fcntl,os,sys,time\n"
                      + "fd=os.open(sys.argv[1],os.O_RDWR|os.O_NOCTTY)\n"
                      + "fcntl.flock(fd,fcntl.LOCK_EX|fcntl.LOCK_NB)\n"
                      + "print('locked',flush=True)\n"
                      + "time.sleep(600)\n",
                  master.toString())
              .redirectErrorStream(true)
              .start();
      String first =
          new java.io.BufferedReader(
                  new java.io.InputStreamReader(
                      holder.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII))
              .readLine();
      assertEquals("locked", first, "the holder took the lock");
      Path file = dir.resolve("machine.yaml");
      Files.writeString(
          file,
          """
          server: { port: 0, bindAddress: 127.0.0.1, hostnames: [127.0.0.1], anonymous: operator, securityNone: true }
          machine: { name: Line, motionDevice: Table }
          links:
            - { name: bus, host: 127.0.0.1, port: 0, simulated: true, timeoutMs: 200, pollMs: 20 }
            - { name: rs485, type: rtu, device: %s, baud: 115200, parity: none, timeoutMs: 100, pollMs: 50 }
          drives:
            - { name: d1, link: bus, unitId: 1 }
            - { name: d2, link: rs485, unitId: 1 }
          motors:
            - { name: m1, drive: d1 }
            - { name: m2, drive: d2 }
          reducers:
            - { name: g, ratio: 10 }
          axes:
            - { name: A1, motor: m1, reducer: g, enableOnStart: true, limits: { min: -90, max: 90, velocity: 180, acceleration: 720 } }
            - { name: A2, motor: m2, reducer: g, limits: { min: -90, max: 90, velocity: 180, acceleration: 720 } }
          """
              .formatted(master));
      MachineConfig config = ConfigLoader.load(file).withPort(ListenPorts.choose());
      try (MotionUa motionUa = new MotionUa(config, dir.resolve("data"));
          UaTestClient client = startAndConnect(motionUa)) {
        NodeId axes = client.path(NodeIds.ObjectsFolder, "Line", "MotionDevices", "Table", "Axes");
        NodeId lastError =
            client.path(NodeIds.ObjectsFolder, "Line", "Links", "rs485", "LastError");
        until(
            () -> text(client.read(lastError)).contains("in use by another program"),
            () -> "rs485 LastError: " + client.read(lastError));
        assertTrue(text(client.read(lastError)).contains(master.toString()));
        NodeId a2 = client.path(axes, "A2", "ParameterSet", "ActualPosition");
        until(
            () -> client.read(a2).statusCode().getValue() == StatusCodes.Bad_NoCommunication,
            () -> "A2 Bad_NoCommunication: " + client.read(a2).statusCode());
        awaitState(client, axes, "A1", AxisState.Standstill);
        NodeId a1 = client.path(axes, "A1", "ParameterSet", "ActualPosition");
        assertEquals(StatusCodes.Good, client.read(a1).statusCode().getValue());
      }
    } finally {
      if (holder != null) {
        holder.destroyForcibly();
      }
      socat.destroy();
      socat.waitFor(2, TimeUnit.SECONDS);
    }
  }

  private static UaTestClient startAndConnect(MotionUa motionUa) throws Exception {
    motionUa.start();
    return connect(motionUa);
  }

  private static long count(UaTestClient client, NodeId node) throws Exception {
    Object value = client.read(node).value().value();
    return value == null ? 0 : ((Number) value).longValue();
  }

  private static String text(DataValue value) {
    return String.valueOf(value.value().value());
  }
}
