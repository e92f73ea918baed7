package io.motionua.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code motionua sim} serves a simulated drive over Modbus TCP, and Debian's {@code mbpoll} (an
 * independent Modbus master, installed by bin/test) reads its statusword and actual position.
 *
 * <p>Register layout (docs/drive-registers.md), 0-based holding registers: 1 = statusword, 16-17 =
 * position actual value (int32, high word first). mbpoll references are 1-based; {@code -B} selects
 * big-endian word order for {@code -t 4:int}. mbpoll prints values as {@code [REF]: <tab>VALUE},
 * for 16-bit registers {@code 65535 (-1)}.
 */
class SimMbpollIT {
  /** The simulator's configuration; the drive is simulated on an ephemeral port. */
  static final String SIM_CONFIG =
      """
      machine:
        name: sim-test
      links:
        - name: bus1
          type: tcp
          host: 127.0.0.1
          port: 0          # 0 = ephemeral when simulated
          simulated: true
      drives:
        - name: d1
          link: bus1
          unitId: 1
          profile: motionua-sim
      """;

  private static final Pattern LISTENING =
      Pattern.compile("simulator (?:listening )?on 127\\.0\\.0\\.1:(\\d+)");
  private static final Pattern MBPOLL_VALUE = Pattern.compile("(?m)^\\[(\\d+)\\]:\\s+(-?\\d+)");

  @TempDir Path dir;

  @Test
  void mbpollReadsStatuswordAndPositionOfASimulatedDrive() throws IOException {
    Path mbpoll =
        ItSupport.onPath("mbpoll")
            .orElseGet(
                () -> fail("mbpoll is not on PATH: run bin/test (installs Debian's mbpoll)"));
    Path config = dir.resolve("sim.yaml");
    Files.writeString(config, SIM_CONFIG, StandardCharsets.UTF_8);

    try (LoggedProcess sim =
        LoggedProcess.start(
            "sim", ItSupport.motionuaCommand("sim", "--config", config.toString()))) {
      Matcher listening = sim.awaitLine(LISTENING, Duration.ofSeconds(30));
      String port = listening.group(1);

      // Statusword: after power-up the drive settles in "switch on disabled" (xxxx xxxx x1xx 0000).
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      int statusword;
      while (true) {
        statusword = read(mbpoll, port, List.of("-t", "4", "-r", "2"), 2, sim) & 0xFFFF;
        if ((statusword & 0x004F) == 0x0040 || System.nanoTime() > deadline) {
          break;
        }
        ItSupport.sleep(200);
      }
      assertEquals(
          0x0040,
          statusword & 0x004F,
          "statusword 0x" + Integer.toHexString(statusword) + " is not 'switch on disabled'");

      // Position actual value: int32 at 16-17, high word first: 0 at start.
      int position = read(mbpoll, port, List.of("-t", "4:int", "-B", "-r", "17"), 17, sim);
      assertEquals(0, position, "position actual value at start");

      if (!sim.terminate(Duration.ofSeconds(5))) {
        fail("sim did not exit within 5 s of SIGTERM\n" + sim.describe());
      }
    }
  }

  /** Runs mbpoll once against unit 1 and returns the value printed for reference ref. */
  private static int read(Path mbpoll, String port, List<String> what, int ref, LoggedProcess sim) {
    List<String> cmd = new java.util.ArrayList<>(List.of(mbpoll.toString(), "-m", "tcp"));
    cmd.addAll(List.of("-p", port, "-a", "1"));
    cmd.addAll(what);
    cmd.addAll(List.of("-c", "1", "-1", "-o", "2", "127.0.0.1"));
    ItSupport.Result r = ItSupport.run(cmd, null, Duration.ofSeconds(20));
    if (r.exitCode() != 0) {
      fail(r.describe() + "\n" + sim.describe());
    }
    Matcher m = MBPOLL_VALUE.matcher(r.stdout());
    if (!m.find()) {
      fail("no value in mbpoll output\n" + r.describe());
    }
    assertEquals(String.valueOf(ref), m.group(1), r::describe);
    return (int) Long.parseLong(m.group(2));
  }
}
