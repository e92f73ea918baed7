package io.motionua.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

  private static final String SMALL =
      """
      machine:
        name: M1
      links:
        - name: bus
          host: 127.0.0.1
          port: 1502
      drives:
        - { name: d1, link: bus, unitId: 1 }
      motors:
        - { name: m1, drive: d1 }
      reducers:
        - { name: g1, ratio: 10 }
      axes:
        - name: X
          motor: m1
          reducer: g1
      """;

  @Test
  void demoMachineHasSixAxesWithPowerTrains() throws Exception {
    MachineConfig demo = ConfigLoader.demo();
    assertEquals(6, demo.axes().size());
    for (AxisSpec axis : demo.axes()) {
      MotorSpec motor = demo.motor(axis.motor()).orElseThrow();
      assertTrue(demo.drive(motor.drive()).isPresent(), axis.name());
      assertTrue(demo.reducer(axis.reducer()).isPresent(), axis.name());
    }
    assertTrue(demo.links().get(0).isSimulated());
  }

  @Test
  void defaultsAreFilledIn() throws Exception {
    MachineConfig config = ConfigLoader.parse("small.yaml", SMALL, null);
    assertEquals(4840, config.server().port());
    assertEquals("motionua-sim", config.drives().get(0).profile());
    assertEquals(131072L, config.motors().get(0).incrementsPerRev());
    assertEquals("rotary", config.axes().get(0).motionProfile());
  }

  @Test
  void unknownFieldNamesFileLineColumnAndField() {
    String text = SMALL.replace("    host: 127.0.0.1", "    hots: 127.0.0.1");
    ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigLoader.parse("m.yaml", text, null));
    assertTrue(
        e.getMessage().startsWith("m.yaml:5:5: links[0].hots: unknown field 'hots'"),
        e.getMessage());
  }

  @Test
  void aKeyWrittenTwiceIsAnErrorNotLastOneWins() {
    String text = SMALL.replace("    port: 1502", "    port: 1502\n    port: 1503");
    ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigLoader.parse("m.yaml", text, null));
    assertTrue(e.getMessage().startsWith("m.yaml:7:"), e.getMessage());
    assertTrue(e.getMessage().contains("port"), e.getMessage());
  }

  @Test
  void quotedNumbersAndBooleansAreRefusedAndEveryProblemIsListed() {
    String text =
        "server: {port: \"4840\", securityNone: \"true\"}\n"
            + SMALL.replace("unitId: 1", "unitId: \"1\"").replace("ratio: 10", "ratio: '10'");
    ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigLoader.parse("m.yaml", text, null));
    String hint = " (numbers and true/false are written without quotes)";
    assertEquals(
        List.of(
            "m.yaml:1:10: server.port: expected an integer, got the text '4840'" + hint,
            "m.yaml:1:24: server.securityNone: expected true or false, got the text 'true'" + hint,
            "m.yaml:9:28: drives[0].unitId: expected an integer, got the text '1'" + hint,
            "m.yaml:13:17: reducers[0].ratio: expected a number, got the text '10'" + hint),
        e.problems());
  }

  @Test
  void aNullListItemIsRefusedWithItsPlace() {
    for (String list : List.of("links:", "drives:", "motors:", "reducers:", "axes:")) {
      String text = SMALL.replace(list, list + "\n  - ~");
      ConfigException e =
          assertThrows(ConfigException.class, () -> ConfigLoader.parse("m.yaml", text, null));
      assertTrue(
          e.problems().stream().allMatch(p -> p.matches("m\\.yaml:\\d+:\\d+: .+")),
          list + " " + e.problems());
      assertTrue(e.problems().stream().anyMatch(p -> p.contains("[0]")), list + " " + e.problems());
    }
  }

  @Test
  void brokenYamlNamesItsPlace() {
    String text = SMALL.replace("  name: M1", "  name: [M1");
    ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigLoader.parse("m.yaml", text, null));
    assertTrue(e.getMessage().startsWith("m.yaml:"), e.getMessage());
    assertEquals(
        "m.yaml:3:6: not valid YAML: while parsing a flow sequence: expected ',' or ']', but got :",
        e.getMessage());
  }

  @Test
  void missingReferenceNamesTheFieldAndTheKnownNames() {
    String text = SMALL.replace("motor: m1", "motor: m9");
    ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigLoader.parse("m.yaml", text, null));
    assertEquals("m.yaml:15:5: axes[0].motor: no motor named 'm9' (known: m1)", e.getMessage());
  }

  @Test
  void wrongTypeNamesTheField() {
    String text = SMALL.replace("unitId: 1", "unitId: one");
    ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigLoader.parse("m.yaml", text, null));
    assertTrue(e.getMessage().startsWith("m.yaml:8:"), e.getMessage());
    assertTrue(e.getMessage().contains("drives[0].unitId"), e.getMessage());
  }

  @Test
  void aRotaryEndlessAxisMustSpanOneTurn() throws Exception {
    String wide =
        SMALL.replace(
            "    reducer: g1\n",
            "    reducer: g1\n    motionProfile: rotary-endless\n    limits: {min: -360, max: 360}\n");
    String message = refusal(wide);
    assertTrue(message.startsWith("m.yaml:18:"), message);
    assertTrue(message.contains("axes[0].limits: a rotary-endless axis wraps"), message);
    assertTrue(message.contains("max - min must be 360, not 720.0"), message);
    String turn = wide.replace("{min: -360, max: 360}", "{min: 0, max: 360}");
    assertTrue(ConfigLoader.parse("m.yaml", turn, null).axes().get(0).isEndless());
  }

  private static String refusal(String text) {
    return assertThrows(ConfigException.class, () -> ConfigLoader.parse("m.yaml", text, null))
        .getMessage();
  }

  @Test
  void identificationTextsLongerThan255CharactersAreRefusedAtTheirPlace() throws Exception {
    String model = "x".repeat(256);
    assertEquals(
        "m.yaml:3:3: machine.model: at most 255 characters, not 256",
        refusal(SMALL.replace("  name: M1\n", "  name: M1\n  model: " + model + "\n")));
    assertEquals(
        "m.yaml:8:39: drives[0].serialNumber: at most 255 characters, not 300",
        refusal(
            SMALL.replace("unitId: 1 }", "unitId: 1, serialNumber: " + "s".repeat(300) + " }")));
    // 255 is allowed.
    ConfigLoader.parse(
        "m.yaml",
        SMALL.replace("  name: M1\n", "  name: M1\n  location: " + "l".repeat(255) + "\n"),
        null);
  }

  @Test
  void identificationFieldsOfTheWrongTypeOrRangeAreRefusedAtTheirPlace() {
    assertEquals(
        "m.yaml:3:3: machine.yearOfConstruction: must be a year from 1900 to 9999, not 99999",
        refusal(SMALL.replace("  name: M1\n", "  name: M1\n  yearOfConstruction: 99999\n")));
    String twenty =
        refusal(SMALL.replace("  name: M1\n", "  name: M1\n  yearOfConstruction: twenty\n"));
    assertTrue(twenty.startsWith("m.yaml:3:3: machine.yearOfConstruction: "), twenty);
    String list = refusal(SMALL.replace("  name: M1\n", "  name: M1\n  manufacturer: [a, b]\n"));
    assertTrue(list.startsWith("m.yaml:3:3: machine.manufacturer: "), list);
    assertEquals(
        "m.yaml:3:3: machine.manufacturerUri: 'not a uri' is not an absolute URI"
            + " (e.g. https://example.com/)",
        refusal(SMALL.replace("  name: M1\n", "  name: M1\n  manufacturerUri: not a uri\n")));
    assertTrue(
        refusal(SMALL.replace("  name: M1\n", "  name: M1\n  motionDeviceCategory: robot\n"))
            .startsWith("m.yaml:3:3: machine.motionDeviceCategory: must be one of other, "),
        "category");
  }

  @Test
  void duplicateUnitIdOnOneLinkIsRefused() {
    String text =
        SMALL.replace(
            "  - { name: d1, link: bus, unitId: 1 }",
            "  - { name: d1, link: bus, unitId: 1 }\n  - { name: d2, link: bus, unitId: 1 }");
    ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigLoader.parse("m.yaml", text, null));
    assertTrue(
        e.getMessage().contains("drives[1].unitId: unit id 1 is already used"), e.getMessage());
  }
}
