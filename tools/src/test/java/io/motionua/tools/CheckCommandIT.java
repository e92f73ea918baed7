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
 * {@code motionua check} through the jar: a file with several problems (one in a profile file it
 * names) lists each as file:line:column: field: problem and exits 2; a good file exits 0 with one
 * line. {@code serve} refuses the same file with the same lines.
 */
class CheckCommandIT {

  private static final String BROKEN =
      """
      machine:
        name: M1
      links:
        - name: line
          type: rtu
          device: /dev/ttyUSB0
          baud: fast
          parity: mark
        - name: gw
          type: rtu-over-tcp
          host: 127.0.0.1
          port: 70000
          prity: none
      drives:
        - { name: d1, link: line, unitId: 1, profile: drive.yaml }
        - { name: d2, link: line, unitId: 300, signalPeriods: { motorTemperatur: 1000 } }
        - { name: d3, link: gw, unitId: 1, profile: sv9000 }
      motors:
        - { name: m1, drive: d1 }
      reducers:
        - { name: g1, ratio: 10 }
      axes:
        - { name: X, motor: m2, reducer: g1 }
      """;

  private static final String PROFILE =
      """
      name: drive
      signals:
        statusword:  {address: 40002, type: uint16}
        controlword: {address: 40002, type: uint16, access: rw}
      """;

  @TempDir Path dir;

  private ItSupport.Result check(Path file) {
    return ItSupport.run(
        ItSupport.motionuaCommand("check", "--config", file.toString()),
        dir,
        Duration.ofSeconds(30));
  }

  @Test
  void everyProblemOfAFileIsListedInOneRun() throws IOException {
    Path file = dir.resolve("machine.yaml");
    Files.writeString(file, BROKEN);
    Files.writeString(dir.resolve("drive.yaml"), PROFILE);
    ItSupport.Result r = check(file);
    assertEquals(2, r.exitCode(), r.toString());
    assertFalse(r.stderr().contains("\tat "), "no stack trace: " + r.stderr());
    String m = file.toString();
    List<String> expected =
        List.of(
            m + ":7:5: links[0].baud: 'fast' is not an integer",
            m + ":8:5: links[0].parity: must be none, even or odd, not 'mark'",
            m + ":12:5: links[1].port: must be 1 to 65535 (0 only when simulated)",
            m + ":13:5: links[1].prity: unknown field 'prity'",
            m + ":16:29: drives[1].unitId: must be 1 to 247",
            m
                + ":16:59: drives[1].signalPeriods.motorTemperatur: profile motionua-sim has no"
                + " signal 'motorTemperatur'",
            m + ":17:38: drives[2].profile: unknown drive profile 'sv9000'",
            m + ":23:16: axes[0].motor: no motor named 'm2' (known: m1)",
            dir.resolve("drive.yaml") + ":4:16: signal controlword overlaps signal statusword");
    List<String> lines = r.stderr().strip().lines().toList();
    for (String start : expected) {
      assertTrue(
          lines.stream().anyMatch(l -> l.startsWith(start)),
          "a line starting with\n  " + start + "\nin\n" + r.stderr());
    }
    assertEquals(expected.size() + 1, lines.size(), "one line per problem and a count: " + lines);
    assertEquals(expected.size() + " problems", lines.get(lines.size() - 1));

    ItSupport.Result serve =
        ItSupport.run(
            ItSupport.motionuaCommand("serve", "--config", file.toString(), "--port", "0"),
            dir,
            Duration.ofSeconds(30));
    assertEquals(2, serve.exitCode(), serve.toString());
    assertEquals(
        expected.size(), serve.stderr().strip().lines().count(), "serve prints the same problems");
  }

  @Test
  void aGoodFileExitsZeroWithOneLine() {
    Path example = ItSupport.moduleDir().resolve("../examples/rtu-line.yaml").normalize();
    ItSupport.Result r = check(example);
    assertEquals(0, r.exitCode(), r.toString());
    List<String> lines = r.stdout().strip().lines().toList();
    assertEquals(1, lines.size(), r.stdout());
    assertTrue(
        lines.get(0).contains("machine XyzTable is fine: 1 link(s) (1 simulated), 3 drive(s)"),
        lines.get(0));
  }
}
