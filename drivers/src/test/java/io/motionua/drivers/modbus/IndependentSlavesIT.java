package io.motionua.drivers.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.motionua.drivers.DriverException;
import io.motionua.drivers.SignalStatus;
import io.motionua.drivers.profile.DriveProfile;
import io.motionua.drivers.profile.ProfileLoader;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The links against Modbus slaves MotionUA did not write: libmodbus (TCP) and pymodbus (RTU). */
class IndependentSlavesIT {

  private static final Duration WAIT = Duration.ofSeconds(5);

  @TempDir Path tmp;

  @Test
  void tcpLinkReadsEveryTypeFromALibmodbusSlaveAndSplitsAroundItsEnd() throws Exception {
    assumeTrue(new File("/usr/include/modbus/modbus.h").exists(), "libmodbus-dev not installed");
    Path binary = tmp.resolve("libmodbus_slave");
    Process cc =
        new ProcessBuilder(
                "cc",
                "-o",
                binary.toString(),
                "src/test/c/libmodbus_slave.c",
                "-I/usr/include/modbus",
                "-lmodbus")
            .inheritIO()
            .start();
    assertTrue(cc.waitFor(30, TimeUnit.SECONDS) && cc.exitValue() == 0, "compiling the slave");
    DriveProfile profile =
        ProfileLoader.load(
            "libmodbus.yaml",
            new StringReader(
                """
                name: libmodbus-test-slave
                maxReadRegisters: 16
                signals:
                  first:   {address: 40001, type: uint16}
                  int32:   {address: 40011, type: int32}
                  swapped: {address: 40021, type: int32, wordOrder: word-swapped}
                  int64:   {address: 40031, type: int64}
                  input:   {address: 30006, type: uint16}
                  setting: {address: 40051, type: int32, access: rw}
                  relay:   {address: "00003", type: bool, access: rw}
                  relay2:  {address: "00004", type: bool, access: rw}
                  missing: {address: 40121, type: uint16}
                """));
    Process slave = new ProcessBuilder(binary.toString()).start();
    try {
      int port = readPort(slave);
      ModbusTcpLink link =
          new ModbusTcpLink(
              new TcpLinkConfig(
                  "lm",
                  "127.0.0.1",
                  port,
                  Duration.ofMillis(200),
                  1,
                  Duration.ofMillis(500),
                  List.of(new DeviceConfig("dev", 1, profile, Duration.ofMillis(20)))));
      try (link) {
        RecordingListener listener = new RecordingListener("dev", "first");
        link.addListener(listener);
        link.start();
        Await.until(
            WAIT,
            () -> listener.value("dev", "first").status().isGood(),
            () -> "first good poll: " + link.diagnostics());
        assertEquals(1000L, listener.value("dev", "first").value());
        assertEquals(0x11223344L, listener.value("dev", "int32").value());
        assertEquals(0x11223344L, listener.value("dev", "swapped").value());
        assertEquals(0x0102030405060708L, listener.value("dev", "int64").value());
        assertEquals(1005L, listener.value("dev", "input").value());
        assertEquals(
            SignalStatus.BAD_CONFIGURATION_ERROR, listener.value("dev", "missing").status());

        assertEquals(false, listener.value("dev", "relay").value());
        link.write("dev", Map.of("setting", -5), Duration.ofSeconds(1)).get(2, TimeUnit.SECONDS);
        link.write("dev", Map.of("relay2", true), Duration.ofSeconds(1)).get(2, TimeUnit.SECONDS);
        Map<String, Object> coils = new LinkedHashMap<>();
        coils.put("relay", true);
        coils.put("relay2", false); // FC15 over both
        link.write("dev", coils, Duration.ofSeconds(1)).get(2, TimeUnit.SECONDS);
        Await.until(
            WAIT,
            () ->
                Boolean.TRUE.equals(listener.value("dev", "relay").value())
                    && Boolean.FALSE.equals(listener.value("dev", "relay2").value()),
            () -> "coils read back: " + listener.value("dev", "relay"));
        Await.until(
            WAIT,
            () -> listener.value("dev", "setting").asLong() == -5,
            () -> "written value read back: " + listener.value("dev", "setting"));

        slave.destroy();
        slave.waitFor(2, TimeUnit.SECONDS);
        Await.until(
            WAIT,
            () -> listener.value("dev", "first").status() == SignalStatus.BAD_NO_COMMUNICATION,
            () -> "bad once the slave is gone, history " + listener.history());
        Await.until(WAIT, () -> !link.isConnected(), () -> "link down");
        CompletableFuture<Void> write =
            link.write("dev", Map.of("setting", 1), Duration.ofSeconds(1));
        ExecutionException e =
            assertThrows(ExecutionException.class, () -> write.get(2, TimeUnit.SECONDS));
        assertEquals(
            SignalStatus.BAD_NO_COMMUNICATION,
            assertInstanceOf(DriverException.class, e.getCause()).status());
      }
    } finally {
      slave.destroyForcibly();
    }
  }

  @Test
  void rtuLinkPollsTwoPymodbusSlavesOnOnePtyLineAndDemotesAThirdThatIsMissing() throws Exception {
    assumeTrue(new File("/usr/bin/socat").canExecute(), "socat not installed");
    Process probe = new ProcessBuilder("/usr/bin/python3", "-c", "import pymodbus").start();
    assumeTrue(
        probe.waitFor(20, TimeUnit.SECONDS) && probe.exitValue() == 0, "pymodbus not installed");
    Path line = tmp.resolve("line");
    Path master = tmp.resolve("master");
    Process socat =
        new ProcessBuilder("socat", "pty,raw,echo=0,link=" + line, "pty,raw,echo=0,link=" + master)
            .start();
    Process slaves = null;
    try {
      Await.until(WAIT, () -> Files.exists(line) && Files.exists(master), () -> "pty pair");
      slaves =
          new ProcessBuilder(
                  "/usr/bin/python3",
                  "src/test/python/pymodbus_rtu_slave.py",
                  line.toString(),
                  "1",
                  "2")
              .redirectErrorStream(true)
              .start();
      DriveProfile profile =
          ProfileLoader.load(
              "pymodbus.yaml",
              new StringReader(
                  """
                  name: pymodbus-test-slave
                  signals:
                    first:   {address: 40001, type: uint16}
                    setting: {address: 40006, type: uint16, access: rw}
                  """));
      List<DeviceConfig> devices =
          List.of(
              new DeviceConfig("u1", 1, profile, Duration.ofMillis(20)),
              new DeviceConfig("u2", 2, profile, Duration.ofMillis(20)),
              new DeviceConfig("u3", 3, profile, Duration.ofMillis(20), 2, Duration.ofSeconds(5)));
      SerialSettings serial =
          new SerialSettings(master.toString(), 115200, 8, SerialSettings.Parity.NONE, 1);
      try (ModbusRtuLink link =
          ModbusRtuLink.serial(
              "rs485", serial, Duration.ofMillis(200), 0, Duration.ofMillis(500), devices)) {
        RecordingListener listener = new RecordingListener("u3", "first");
        link.addListener(listener);
        link.start();
        Await.until(
            Duration.ofSeconds(15), // the Python slave takes a while to start
            () ->
                listener.value("u1", "first").status().isGood()
                    && listener.value("u2", "first").status().isGood(),
            () -> "both pymodbus slaves good: " + link.diagnostics());
        assertEquals(100L, listener.value("u1", "first").value());
        assertEquals(200L, listener.value("u2", "first").value());
        Await.until(
            WAIT,
            () -> link.deviceDiagnostics().get("u3").demoted(),
            () -> "u3 demoted: " + link.deviceDiagnostics());
        assertEquals(SignalStatus.BAD_NO_COMMUNICATION, listener.value("u3", "first").status());

        link.write("u2", Map.of("setting", 42), Duration.ofSeconds(1)).get(2, TimeUnit.SECONDS);
        Await.until(
            WAIT,
            () -> listener.value("u2", "setting").asLong() == 42,
            () -> "written value read back: " + listener.value("u2", "setting"));
        assertEquals(105L, listener.value("u1", "setting").value(), "u1 untouched");
        int polls = listener.polls("u1");
        Await.until(WAIT, () -> listener.polls("u1") >= polls + 20, () -> "u1 keeps polling");
      }
    } finally {
      if (slaves != null) {
        slaves.destroyForcibly();
      }
      socat.destroy();
      socat.waitFor(2, TimeUnit.SECONDS);
    }
  }

  /** The slave prints "port N" once it listens. */
  private static int readPort(Process slave) throws Exception {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(slave.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> readLine(out));
    String text = line.get(5, TimeUnit.SECONDS);
    assertTrue(text != null && text.startsWith("port "), "slave said: " + text);
    return Integer.parseInt(text.substring(5).trim());
  }

  private static String readLine(BufferedReader reader) {
    try {
      return reader.readLine();
    } catch (IOException e) {
      return null;
    }
  }
}
