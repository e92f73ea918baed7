package io.motionua.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryExternalConfigTest {

  private static MachineConfig parse(String history, Path source) throws ConfigException {
    return ConfigLoader.parse("m.yaml", SmallMachine.YAML + history, source);
  }

  /** The problems of a file with this history section (it must be refused). */
  private static List<String> problems(String history) {
    return assertThrows(ConfigException.class, () -> parse(history, null)).problems();
  }

  @Test
  void noExternalHistorianByDefault() throws Exception {
    assertNull(ConfigLoader.demo().history().external());
    assertNull(parse("history: { maxAgeDays: 3 }\n", null).history().external());
  }

  @Test
  void theSectionTakesItsDefaultsAndAPasswordFileBesideTheMachineFile(@TempDir Path dir)
      throws Exception {
    Files.writeString(dir.resolve("pg.secret"), "s3cret\n");
    HistoryExternalSpec external =
        parse(
                """
                history:
                  external:
                    url: jdbc:postgresql://historian.plant:5432/plant
                    user: motion
                    passwordFile: pg.secret
                """,
                dir.resolve("m.yaml"))
            .history()
            .external();
    assertEquals("jdbc:postgresql://historian.plant:5432/plant", external.url());
    assertEquals(dir.resolve("pg.secret").toString(), external.passwordFile());
    assertEquals("motionua_", external.tablePrefix());
    assertEquals(256, external.bufferMb());
    assertEquals(256L * 1024 * 1024, external.bufferBytes());
    assertEquals(5000, external.reconnectMs());
    assertEquals("auto", external.dialect());
    assertTrue(!external.toString().contains("s3cret"));
  }

  @Test
  void everyBadFieldIsNamedWithItsPlace() {
    List<String> found =
        problems(
            """
                    history:
                      external:
                        url: postgres://historian/plant
                        password: a
                        passwordFile: missing.secret
                        tablePrefix: Plant-1
                        bufferMb: -5
                        reconnectMs: 10
                        dialect: oracle
                    """);
    assertEquals(
        List.of(
            "m.yaml:15:5: history.external.url: 'postgres://historian/plant' is not a URL"
                + " jdbc:postgresql://HOST:PORT/DATABASE",
            "m.yaml:17:5: history.external.passwordFile: give either password or passwordFile",
            "m.yaml:18:5: history.external.tablePrefix: 'Plant-1' must be up to 40 lower case"
                + " letters, digits and underscores, not starting with a digit",
            "m.yaml:19:5: history.external.bufferMb: must be 1 to 1000000, not -5",
            "m.yaml:20:5: history.external.reconnectMs: must be at least 100, not 10",
            "m.yaml:21:5: history.external.dialect: 'oracle' is none of auto, postgresql,"
                + " questdb"),
        found);
  }

  @Test
  void aMissingUrlAMissingDatabaseAndAnUnreadablePasswordFileAreNamed() {
    List<String> found =
        problems(
            """
                    history:
                      external:
                        user: motion
                        passwordFile: /nonexistent/pg.secret
                    """);
    assertEquals(
        List.of(
            "m.yaml:14:3: history.external.url: is required (jdbc:postgresql://HOST:PORT/DATABASE)",
            "m.yaml:16:5: history.external.passwordFile: no readable file"
                + " /nonexistent/pg.secret"),
        found);
    List<String> noDatabase =
        problems("history:\n  external: { url: 'jdbc:postgresql://h:5432/' }\n");
    assertEquals(
        "m.yaml:14:15: history.external.url: 'jdbc:postgresql://h:5432/' is not a URL"
            + " jdbc:postgresql://HOST:PORT/DATABASE",
        noDatabase.get(0));
  }

  @Test
  void aQuestDbServerCanBeNamedInsteadOfDetected() throws Exception {
    HistoryExternalSpec external =
        parse(
                "history:\n  external: { url: 'jdbc:postgresql://h:8812/qdb', dialect: questdb }\n",
                null)
            .history()
            .external();
    assertEquals("questdb", external.dialect());
  }

  @Test
  void anExternalHistorianNeedsRecordingOn() {
    List<String> found =
        problems("history:\n  enabled: false\n  external: { url: 'jdbc:postgresql://h/db' }\n");
    assertEquals(
        List.of(
            "m.yaml:15:3: history.external: needs recording on: it sends what is recorded"
                + " (history.enabled is false)"),
        found);
  }

  @Test
  void anUnknownFieldIsNamed() {
    List<String> found =
        problems("history:\n  external: { url: 'jdbc:postgresql://h/db', bufferBytes: 5 }\n");
    assertTrue(found.toString().contains("m.yaml:14:46"), found.toString());
    assertTrue(found.toString().contains("bufferBytes"), found.toString());
  }
}
