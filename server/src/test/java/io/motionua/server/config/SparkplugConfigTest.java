package io.motionua.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SparkplugConfigTest {

  private static final String MACHINE =
      """
      machine:
        name: Cell7
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

  private static MachineConfig parse(String sparkplug) throws ConfigException {
    return ConfigLoader.parse("m.yaml", MACHINE + sparkplug, null);
  }

  @Test
  void sparkplugIsOffUnlessTheFileAsksForIt() throws Exception {
    assertNull(ConfigLoader.demo().sparkplug());
    assertNull(parse("").sparkplug());
  }

  @Test
  void defaultsFillTheEdgeNodeIdStoreDeadbandAndReconnect() throws Exception {
    SparkplugSpec s =
        parse(
                """
                sparkplug:
                  brokers: [tcp://broker-a:1883, ssl://broker-b:8883]
                  groupId: hall-2
                  deadbands: {ActualPosition: 0.01}
                """)
            .sparkplug();
    assertEquals(List.of("tcp://broker-a:1883", "ssl://broker-b:8883"), s.brokers());
    assertEquals("Cell7", s.edgeNodeId());
    assertEquals(SparkplugSpec.DEFAULT_STORE_AND_FORWARD_MB, s.storeAndForwardMb());
    assertEquals(SparkplugSpec.DEFAULT_RECONNECT_MS, s.reconnectMs());
    assertEquals(0.01, s.deadbandOf("MotionDevices/Arm/Axes/X/ParameterSet/ActualPosition"));
    assertEquals(0.0, s.deadbandOf("MotionDevices/Arm/Axes/X/ParameterSet/ActualSpeed"));
  }

  @Test
  void everyBadSparkplugFieldIsNamedWithItsPlace() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                parse(
                    """
                    sparkplug:
                      brokers: [http://broker:1883, tcp://broker]
                      groupId: hall/2
                      edgeNodeId: 'cell #7'
                      storeAndForwardMb: 0
                      deadband: -1
                      trustStore: no-such-file.p12
                      password: secret
                    """));
    assertEquals(
        List.of(
            "m.yaml:14:13: sparkplug.brokers[0]: 'http://broker:1883' is not a broker URL"
                + " (tcp://HOST:PORT or ssl://HOST:PORT)",
            "m.yaml:14:33: sparkplug.brokers[1]: 'tcp://broker' is not a broker URL"
                + " (tcp://HOST:PORT or ssl://HOST:PORT)",
            "m.yaml:15:3: sparkplug.groupId: 'hall/2' must be 1 to 64 characters without '/',"
                + " '+', '#' or spaces",
            "m.yaml:16:3: sparkplug.edgeNodeId: 'cell #7' must be 1 to 64 characters without"
                + " '/', '+', '#' or spaces",
            "m.yaml:17:3: sparkplug.storeAndForwardMb: must be 1 to 100000, not 0",
            "m.yaml:18:3: sparkplug.deadband: must be 0 or more, not -1.0",
            "m.yaml:19:3: sparkplug.trustStore: no readable file no-such-file.p12",
            "m.yaml:20:3: sparkplug.password: needs a sparkplug.user"),
        e.problems());
  }

  @Test
  void everyBadCommandIsNamedWithItsPlace() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                parse(
                    """
                    server:
                      users: [{name: scada, passwordHash: '$2b$04$aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', role: operator}]
                    devices:
                      - name: io
                        link: bus
                        unitId: 5
                        tags:
                          - { name: Valve, address: "coil:1", writable: true }
                          - { name: Level, address: "input-register:1" }
                    sparkplug:
                      brokers: [tcp://broker:1883]
                      groupId: hall-2
                      commands:
                        - {metric: Devices/io/Valve, user: scada}
                        - {metric: Devices/io/Valve, user: scada}
                        - {metric: Devices/io/Level, user: scada}
                        - {metric: MotionDevices/M/Axes/X/ParameterSet/ActualPosition, user: scada}
                        - {metric: Devices/io/Valve2, user: nobody}
                        - {metric: Devices/io/Valve}
                        - {metric: MotionDevices/MotionDevice/Axes/X/ParameterSet/TargetVelocity, user: scada}
                    """));
    assertEquals(
        List.of(
            "m.yaml:27:8: sparkplug.commands[1].metric: 'Devices/io/Valve' is listed twice",
            "m.yaml:28:8: sparkplug.commands[2].metric: 'Devices/io/Level' is read-only: the tag"
                + " needs writable: true to take commands",
            "m.yaml:29:8: sparkplug.commands[3].metric:"
                + " 'MotionDevices/M/Axes/X/ParameterSet/ActualPosition' is not a writable metric:"
                + " only axes' setpoints and writable tags of plain"
                + " devices take commands (this machine's:"
                + " MotionDevices/MotionDevice/Axes/X/ParameterSet/TargetVelocity,"
                + " MotionDevices/MotionDevice/Axes/X/ParameterSet/SoftwareLimitPositive,"
                + " MotionDevices/MotionDevice/Axes/X/ParameterSet/SoftwareLimitNegative,"
                + " Devices/io/Valve)",
            "m.yaml:30:8: sparkplug.commands[4].metric: 'Devices/io/Valve2' is not a writable"
                + " metric: only axes' setpoints and writable tags of plain"
                + " devices take commands (this machine's:"
                + " MotionDevices/MotionDevice/Axes/X/ParameterSet/TargetVelocity,"
                + " MotionDevices/MotionDevice/Axes/X/ParameterSet/SoftwareLimitPositive,"
                + " MotionDevices/MotionDevice/Axes/X/ParameterSet/SoftwareLimitNegative,"
                + " Devices/io/Valve)",
            "m.yaml:30:35: sparkplug.commands[4].user: 'nobody' is not a user of server.users"
                + " (scada)",
            "m.yaml:31:7: sparkplug.commands[5].user: is required (a user of server.users)",
            "m.yaml:31:8: sparkplug.commands[5].metric: 'Devices/io/Valve' is listed twice"),
        e.problems());
  }

  @Test
  void aSectionWithoutBrokersOrGroupSaysWhatIsRequired() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> parse("sparkplug: {edgeNodeId: c7}\n"));
    assertEquals(
        List.of(
            "m.yaml:13:1: sparkplug.brokers: is required (e.g. [tcp://broker:1883])",
            "m.yaml:13:1: sparkplug.groupId: is required (the plant area, e.g. hall-2)"),
        e.problems());
  }
}
