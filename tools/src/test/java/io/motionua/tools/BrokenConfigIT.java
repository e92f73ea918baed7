package io.motionua.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A wrong machine file stops {@code motionua serve} with exit code 2 and one line that names the
 * file, line, column and field, and no stack trace: run as a user would, through the jar.
 */
class BrokenConfigIT {

  private static final String GOOD =
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

  @TempDir Path dir;

  private ItSupport.Result serve(String text) throws IOException {
    Path file = dir.resolve("machine.yaml");
    Files.writeString(file, text);
    return ItSupport.run(
        ItSupport.motionuaCommand(
            "serve",
            "--config",
            file.toString(),
            "--port",
            "0",
            "--data-dir",
            dir.resolve("data").toString()),
        dir,
        Duration.ofSeconds(30));
  }

  private static void assertOneClearLine(ItSupport.Result result, String expectedStart) {
    assertEquals(2, result.exitCode(), result.toString());
    List<String> lines = result.stderr().strip().lines().toList();
    assertEquals(1, lines.size(), "one line on stderr: " + result.stderr());
    assertTrue(lines.get(0).startsWith(expectedStart), lines.get(0));
    assertFalse(result.stderr().contains("\tat "), "no stack trace: " + result.stderr());
  }

  @Test
  void badYamlExitsWithTwoAndNamesThePlace() throws IOException {
    ItSupport.Result r = serve(GOOD.replace("  name: M1", "  name: [M1"));
    assertOneClearLine(r, "motionua: " + dir.resolve("machine.yaml") + ":");
    assertTrue(r.stderr().contains("not valid YAML"), r.stderr());
  }

  @Test
  void unknownFieldExitsWithTwoAndNamesTheField() throws IOException {
    ItSupport.Result r = serve(GOOD.replace("    host: 127.0.0.1", "    hots: 127.0.0.1"));
    assertOneClearLine(
        r, "motionua: " + dir.resolve("machine.yaml") + ":5:5: links[0].hots: unknown field");
  }

  @Test
  void missingAxisReferenceExitsWithTwoAndNamesTheReference() throws IOException {
    ItSupport.Result r = serve(GOOD.replace("reducer: g1", "reducer: g7"));
    assertOneClearLine(
        r,
        "motionua: "
            + dir.resolve("machine.yaml")
            + ":16:5: axes[0].reducer: no reducer named 'g7' (known: g1)");
  }

  @Test
  void identificationTooLongOrOutOfRangeExitsWithTwoAndNamesTheField() throws IOException {
    ItSupport.Result tooLong =
        serve(
            GOOD.replace("  name: M1\n", "  name: M1\n  manufacturer: " + "m".repeat(256) + "\n"));
    assertOneClearLine(
        tooLong,
        "motionua: "
            + dir.resolve("machine.yaml")
            + ":3:3: machine.manufacturer: at most 255 characters, not 256");
    // A year beyond a UInt16 once ended in a stack trace while building the address space.
    ItSupport.Result year =
        serve(GOOD.replace("  name: M1\n", "  name: M1\n  yearOfConstruction: 99999\n"));
    assertOneClearLine(
        year,
        "motionua: "
            + dir.resolve("machine.yaml")
            + ":3:3: machine.yearOfConstruction: must be a year from 1900 to 9999, not 99999");
  }

  @Test
  void missingFileExitsWithTwo() throws IOException {
    ItSupport.Result r =
        ItSupport.run(
            ItSupport.motionuaCommand("serve", "--config", dir.resolve("nope.yaml").toString()),
            dir,
            Duration.ofSeconds(30));
    assertOneClearLine(r, "motionua: " + dir.resolve("nope.yaml") + ": no such file");
  }
}
