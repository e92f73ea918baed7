package io.motionua.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.motionua.drivers.profile.RegisterTable;
import io.motionua.drivers.profile.SignalSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The devices section: plain Modbus devices and their tags, and every problem with its place. */
class IoDeviceConfigTest {

  private static final String HEAD =
      """
      machine: { name: M }
      links:
        - { name: bus, host: 127.0.0.1, port: 1502 }
      drives:
        - { name: d1, link: bus, unitId: 1 }
      motors:
        - { name: m1, drive: d1 }
      reducers:
        - { name: g1, ratio: 10 }
      axes:
        - { name: X, motor: m1, reducer: g1 }
      """;

  @Test
  void tagsBecomeTheDevicesRegisterMap() throws Exception {
    MachineConfig c =
        ConfigLoader.parse(
            "m.yaml",
            HEAD
                + """
                devices:
                  - name: io
                    link: bus
                    unitId: 9
                    tags:
                      - { name: Valve, address: "coil:3", writable: true }
                      - { name: Level, address: 30002, type: int16, scale: 0.1, unit: MMT }
                """,
            null);
    assertEquals(List.of("io"), c.ioDevicesOn("bus").stream().map(IoDeviceSpec::name).toList());
    SignalSpec valve = c.profile("io").signals().get("Valve");
    assertEquals(RegisterTable.COIL, valve.table());
    assertEquals(2, valve.address());
    SignalSpec level = c.profile("io").signals().get("Level");
    assertEquals(RegisterTable.INPUT_REGISTER, level.table());
    assertEquals(0.1, level.scale());
  }

  @Test
  void everyProblemIsNamedWithItsPlace() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                ConfigLoader.parse(
                    "m.yaml",
                    HEAD
                        + """
                        devices:
                          - name: io
                            link: bus
                            unitId: 1
                            tags:
                              - { name: Switch, address: "discrete-input:1", writable: true }
                              - { name: Level, address: 30002, type: bool, unit: bar }
                              - { name: Level, address: "coil:1", role: viewer }
                        """,
                    null));
    List<String> problems = e.problems();
    assertEquals(
        List.of(
            "m.yaml:15:5: devices[0].unitId: unit id 1 is already used on link 'bus'",
            "m.yaml:17:54: devices[0].tags[0].writable: a discrete-input cannot be written",
            "m.yaml:18:40: devices[0].tags[1].type: a register holds a number (int16, uint16, ...), not bool",
            "m.yaml:18:52: devices[0].tags[1].unit: 'bar' is not a UNECE common code (2-3 capitals or digits: BAR, CEL)",
            "m.yaml:19:11: devices[0].tags[2].name: 'Level' appears twice",
            "m.yaml:19:43: devices[0].tags[2].role: must be operator, engineer or admin"),
        problems,
        String.join("\n", problems));
  }
}
