package io.motionua.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code motionua scan} as a user runs it: against {@code motionua sim} serving three drives, it
 * prints exactly those three units with their identification; bad options exit 2 with one line.
 */
class ScanCommandIT {

  private static final String SIM =
      """
      machine:
        name: scan-test
      links:
        - { name: bus, type: tcp, host: 127.0.0.1, port: 0, simulated: true }
      drives:
        - { name: d2, link: bus, unitId: 2 }
        - { name: d3, link: bus, unitId: 3 }
        - { name: d6, link: bus, unitId: 6 }
      """;

  private static final Pattern LISTENING =
      Pattern.compile("simulator (?:listening )?on 127\\.0\\.0\\.1:(\\d+)");

  @TempDir Path dir;

  @Test
  void scanOfASimulatedGatewayPrintsExactlyItsUnits() throws Exception {
    Path config = dir.resolve("sim.yaml");
    Files.writeString(config, SIM, StandardCharsets.UTF_8);
    try (LoggedProcess sim =
        LoggedProcess.start(
            "sim", ItSupport.motionuaCommand("sim", "--config", config.toString()))) {
      String port = sim.awaitLine(LISTENING, Duration.ofSeconds(30)).group(1);
      ItSupport.Result scan =
          ItSupport.run(
              ItSupport.motionuaCommand("scan", "--tcp", "127.0.0.1:" + port, "--units", "1-8"),
              dir,
              Duration.ofSeconds(60));
      assertEquals(0, scan.exitCode(), scan.toString());
      List<String> units = scan.stdout().lines().filter(l -> l.startsWith("unit ")).toList();
      assertEquals(3, units.size(), scan.stdout());
      assertTrue(
          units.get(0).startsWith("unit 2: answers (registers); VendorName=MotionUA"),
          units.get(0));
      assertTrue(units.get(1).startsWith("unit 3: "), units.get(1));
      assertTrue(units.get(2).startsWith("unit 6: "), units.get(2));
      assertTrue(
          scan.stdout().contains("3 of 8 unit(s) answered on tcp 127.0.0.1:" + port),
          scan.stdout());
    }
  }

  @Test
  void aMissingSerialDeviceIsBadInputWithOneLine() {
    ItSupport.Result scan =
        ItSupport.run(
            ItSupport.motionuaCommand(
                "scan", "--serial", dir.resolve("no-such-tty").toString(), "--baud", "115200"),
            dir,
            Duration.ofSeconds(30));
    assertEquals(2, scan.exitCode(), scan.toString());
    assertTrue(scan.stderr().contains("serial port " + dir.resolve("no-such-tty")), scan.stderr());
    assertFalse(scan.stderr().contains("\tat "), "no stack trace: " + scan.stderr());
  }

  @Test
  void aBadUnitRangeNamesTheOptionAndTheInput() {
    ItSupport.Result scan =
        ItSupport.run(
            ItSupport.motionuaCommand("scan", "--tcp", "127.0.0.1:1", "--units", "0-300"),
            dir,
            Duration.ofSeconds(30));
    assertEquals(2, scan.exitCode(), scan.toString());
    assertTrue(scan.stderr().contains("--units: unit id 0 in '0-300'"), scan.stderr());
  }
}
