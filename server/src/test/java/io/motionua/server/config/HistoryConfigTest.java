package io.motionua.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryConfigTest {

  private static final String MACHINE = SmallMachine.YAML;

  private static MachineConfig parse(String history) throws ConfigException {
    return ConfigLoader.parse("m.yaml", MACHINE + history, null);
  }

  @Test
  void recordingIsOnByDefaultForTheDefaultVariables() throws Exception {
    HistorySpec history = ConfigLoader.demo().history();
    assertTrue(history.isEnabled());
    assertEquals(HistorySpec.DEFAULT_VARIABLES, List.copyOf(history.recorded().keySet()));
    assertEquals(30, history.maxAgeDays());
    assertEquals(1024, history.maxSizeMb());
    assertEquals(10_000, history.maxIntervalMs());
  }

  @Test
  void aVariableCanBeAddedDroppedAndGivenItsOwnDeadband() throws Exception {
    HistorySpec history =
        parse(
                """
                history:
                  maxIntervalMs: 2000
                  variables:
                    Homed: { record: true }
                    Statusword: { record: false }
                    ActualPosition: { deadband: 0.01, maxIntervalMs: 500 }
                    ActualSpeed: { deadbandPercent: 1 }
                """)
            .history();
    assertTrue(history.recorded().containsKey("Homed"));
    assertFalse(history.recorded().containsKey("Statusword"));
    HistoryVariableSpec position = history.recorded().get("ActualPosition");
    assertEquals(0.01, position.absoluteDeadband(360), 1e-12);
    assertEquals(500, history.maxIntervalMs(position));
    HistoryVariableSpec speed = history.recorded().get("ActualSpeed");
    assertEquals(2.0, speed.absoluteDeadband(200), 1e-12);
    assertEquals(2000, history.maxIntervalMs(speed));
  }

  @Test
  void recordingCanBeTurnedOff() throws Exception {
    assertFalse(parse("history: { enabled: false }\n").history().isEnabled());
  }

  @Test
  void everyBadHistoryFieldIsNamedWithItsPlace() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                parse(
                    """
                    history:
                      maxAgeDays: 0
                      maxSizeMb: 1
                      variables:
                        Position: { record: true }
                        ActualSpeed: { deadband: 1, deadbandPercent: 2 }
                        FollowingError: { deadband: -1, maxIntervalMs: -5 }
                    """));
    assertEquals(
        List.of(
            "m.yaml:14:3: history.maxAgeDays: must be 1 to 3650, not 0",
            "m.yaml:15:3: history.maxSizeMb: must be at least 16 (one day of a small machine),"
                + " not 1",
            "m.yaml:17:5: history.variables.Position: unknown variable 'Position' (known:"
                + " ActualPosition, CommandedPosition, ActualSpeed, FollowingError, AxisState,"
                + " Homed, MotorTemperature, Statusword, Controlword, ErrorCode, DeviceHealth)",
            "m.yaml:18:33: history.variables.ActualSpeed.deadbandPercent: give either deadband"
                + " (absolute) or deadbandPercent (of the EURange), not both",
            "m.yaml:19:23: history.variables.FollowingError.deadband: must be 0 or more, not -1.0",
            "m.yaml:19:37: history.variables.FollowingError.maxIntervalMs: must be 0 (only on"
                + " change) or more, not -5"),
        e.problems());
  }

  @Test
  void anUnknownFieldInTheSectionIsNamed() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> parse("history: { retention: 5 }\n"));
    assertTrue(e.getMessage().contains("m.yaml:13:12"), e.getMessage());
    assertTrue(e.getMessage().contains("retention"), e.getMessage());
  }
}
