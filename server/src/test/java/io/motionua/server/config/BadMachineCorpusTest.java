package io.motionua.server.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The corpus of bad machine files in src/test/resources/bad-machines: each is refused with a
 * ConfigException (exit 2 for the commands), every problem placed at file:line:column, one of them
 * saying what the file's first line ({@code # expect: ...}) says.
 */
class BadMachineCorpusTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "quoted-port",
        "quoted-ratio",
        "quoted-boolean",
        "duplicate-key",
        "null-link-item",
        "null-axis-item",
        "null-drives",
        "huge-ratio",
        "unknown-field",
        "missing-machine-name",
        "bad-unit-id",
        "bad-session-limit",
        "bad-audit-limit"
      })
  void isRefusedWithItsPlace(String name) throws IOException {
    String text;
    try (InputStream in = getClass().getResourceAsStream("/bad-machines/" + name + ".yaml")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String expected = text.lines().findFirst().orElseThrow().replaceFirst("^# expect: ", "");
    String file = name + ".yaml";
    ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigLoader.parse(file, text, null));
    List<String> problems = e.problems();
    assertFalse(problems.isEmpty());
    for (String problem : problems) {
      assertTrue(problem.matches(file.replace(".", "\\.") + ":\\d+:\\d+: .+"), problem);
    }
    assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), problems.toString());
  }
}
