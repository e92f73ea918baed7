package io.motionua.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motionua.drivers.modbus.SerialSettings;
import io.motionua.server.link.ModbusLinks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Links of every type in the machine file, drive profiles by name and path, all problems at once.
 */
class LinkConfigTest {

  private static final String REST =
      """
      motors:
        - { name: m1, drive: d1 }
      reducers:
        - { name: g1, ratio: 10 }
      axes:
        - { name: X, motor: m1, reducer: g1 }
      """;

  @TempDir Path dir;

  private MachineConfig parse(String linksAndDrives) throws ConfigException {
    return ConfigLoader.parse("m.yaml", "machine: { name: M }\n" + linksAndDrives + REST, null);
  }

  @Test
  void rtuLinkGetsTheModbusSerialDefaults() throws Exception {
    MachineConfig c =
        parse(
            """
            links:
              - { name: line, type: rtu, device: /dev/ttyUSB0, signalPeriods: { motorTemperature: 1000 } }
            drives:
              - { name: d1, link: line, unitId: 1, pollMs: 50 }
            """);
    LinkSpec line = c.links().get(0);
    assertEquals(19200, line.baud());
    assertEquals("even", line.parity());
    assertEquals(8, line.dataBits());
    assertEquals(1, line.stopBits());
    assertNull(line.host());
    assertNull(line.port());
    SerialSettings serial = ModbusLinks.serial(line, line.device());
    // 3.5 characters of 11 bits at 19200 baud: 2.005 ms
    assertEquals(2_005_208, serial.silentIntervalNanos(), 1000);
    assertEquals(Map.of("motorTemperature", 1000), line.signalPeriods());
  }

  @Test
  void interFrameDelayAndRs485ReachTheSerialSettings() throws Exception {
    MachineConfig c =
        parse(
            """
            links:
              - { name: line, type: rtu, device: /dev/ttyS1, baud: 115200, parity: none, stopBits: 2,
                  interFrameDelayMs: 4, rs485: { rtsActiveHigh: false, delayAfterUs: 50 } }
            drives:
              - { name: d1, link: line, unitId: 1 }
            """);
    SerialSettings serial = ModbusLinks.serial(c.links().get(0), "/dev/ttyS1");
    assertEquals(4_000_000, serial.silentIntervalNanos());
    assertEquals(new SerialSettings.Rs485(false, 0, 50), serial.rs485());
    assertEquals(SerialSettings.Parity.NONE, serial.parity());
    assertEquals(2, serial.stopBits());
  }

  @Test
  void everyProblemIsReportedAtItsPlace() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                parse(
                    """
                    links:
                      - { name: line, type: rtu, host: h, baud: 10, parity: mark }
                      - { name: gw, type: rtu-over-tcp, port: 0, device: /dev/x }
                      - { name: odd, type: can }
                    drives:
                      - { name: d1, link: line, unitId: 1, profile: sv9000 }
                    """));
    List<String> p = e.problems();
    assertEquals(
        List.of(
            "m.yaml:3:5: links[0].device: is required for an rtu link (the serial port, e.g."
                + " /dev/ttyUSB0)",
            "m.yaml:3:30: links[0].host: an rtu link has a device, not a host (or: rtu-over-tcp)",
            "m.yaml:3:39: links[0].baud: must be 300 to 4000000, not 10",
            "m.yaml:3:49: links[0].parity: must be none, even or odd, not 'mark'",
            "m.yaml:4:37: links[1].port: must be 1 to 65535 (0 only when simulated)",
            "m.yaml:4:46: links[1].device: applies to rtu links only (this link is rtu-over-tcp)",
            "m.yaml:5:18: links[2].type: must be tcp, rtu or rtu-over-tcp, not 'can'",
            "m.yaml:7:40: drives[0].profile: unknown drive profile 'sv9000' (built-in:"
                + " motionua-sim, cia402-modbus, applied-motion-sv200, xinje-ds2; or the path of a profile file"
                + " ending in .yaml)"),
        p);
  }

  @Test
  void aProfileFileIsReadRelativeToTheMachineFileAndItsErrorsNameItsPlace() throws Exception {
    Files.createDirectories(dir.resolve("profiles"));
    Files.writeString(
        dir.resolve("profiles/good.yaml"),
        "name: good\nsignals:\n  statusword: {address: 40002, type: uint16}\n");
    Files.writeString(
        dir.resolve("profiles/bad.yaml"),
        "name: bad\nsignals:\n  statusword: {address: 40002, type: uint61}\n");
    Path machine = dir.resolve("m.yaml");
    String drives =
        """
        links:
          - { name: bus, port: 1502 }
        drives:
          - { name: d1, link: bus, unitId: 1, profile: profiles/good.yaml }
          - { name: d2, link: bus, unitId: 2, profile: profiles/bad.yaml }
          - { name: d3, link: bus, unitId: 3, profile: profiles/bad.yaml }
          - { name: d4, link: bus, unitId: 4, profile: profiles/none.yaml }
        """;
    Files.writeString(machine, "machine: { name: M }\n" + drives + REST);
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(machine));
    Path bad = dir.resolve("profiles/bad.yaml");
    assertEquals(2, e.problems().size(), e.getMessage());
    assertEquals(
        machine + ":8:39: drives[3].profile: no profile file " + dir.resolve("profiles/none.yaml"),
        e.problems().get(0));
    assertTrue(
        e.problems().get(1).startsWith(bad + ":3:"), "the profile file's place: " + e.getMessage());
    assertTrue(e.problems().get(1).contains("uint61"), e.getMessage());
    assertTrue(
        e.problems().get(1).endsWith("(profile of drives[1].profile at " + machine + ":6:39)"));

    Files.writeString(
        machine,
        "machine: { name: M }\n"
            + drives.lines().limit(4).reduce("", (a, b) -> a + b + "\n")
            + REST);
    MachineConfig ok = ConfigLoader.load(machine);
    assertEquals("good", ok.profile("d1").name());
  }

  @Test
  void noSimulateNeedsAPortOrDeviceToReach() throws Exception {
    MachineConfig c =
        parse(
            """
            links:
              - { name: bus, port: 0, simulated: true }
              - { name: line, type: rtu, simulated: true }
            drives:
              - { name: d1, link: bus, unitId: 1 }
            """);
    ConfigException e = assertThrows(ConfigException.class, c::withoutSimulation);
    assertEquals(2, e.problems().size(), e.getMessage());
    assertTrue(e.problems().get(0).contains("link bus: port 0"), e.getMessage());
    assertTrue(e.problems().get(1).contains("link line: no device"), e.getMessage());
  }
}
