package io.motionua.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code motionua bench motion} runs end to end with small figures: the start skew of real
 * synchronized moves on a simulated cell and the interpolation loop under a client process. Not a
 * timing test: it checks that every part measured what it says, not how fast.
 */
class BenchMotionIT {

  @TempDir Path dir;

  @Test
  void startSkewAndLoopLatenessAreMeasuredOnASimulatedCell() {
    ItSupport.Result r =
        ItSupport.run(
            ItSupport.motionuaCommand(
                "bench",
                "motion",
                "--parts",
                "start,loop",
                "--axes",
                "4",
                "--warmup-moves",
                "1",
                "--moves",
                "3",
                "--quiet-seconds",
                "1",
                "--load-seconds",
                "2",
                "--sessions",
                "2",
                "--items",
                "20"),
            dir,
            Duration.ofSeconds(120));
    assertEquals(0, r.exitCode(), r::describe);
    String out = r.stdout();
    assertTrue(out.contains("3 synchronized moves of 4 axes on 4 links"), r::describe);
    assertTrue(out.matches("(?s).*start skew +p50 .*\\(3 samples\\).*"), r::describe);
    assertTrue(
        out.matches("(?s).*under load:\\s+start skew +p50 .*\\(3 samples\\).*"),
        "the start skew measured again under the client load: " + out);
    assertTrue(out.contains("target start skew p99 <= 1 ms under the client load"), r::describe);
    assertTrue(
        out.matches("(?s).*baseline: raw FC03 round trip .*\\(2000 samples\\).*"), r::describe);
    Matcher load =
        Pattern.compile("2 sessions x 20 monitored items \\((\\d+) created\\)").matcher(out);
    assertTrue(load.find(), r::describe);
    assertEquals(40, Integer.parseInt(load.group(1)), "every monitored item was created");
    Matcher cycles =
        Pattern.compile("under load +\\d+ s, (\\d+) moves, (\\d+) cycles").matcher(out);
    assertTrue(cycles.find(), r::describe);
    assertTrue(Integer.parseInt(cycles.group(2)) > 50, "the loop ran during the window: " + out);
    assertTrue(
        out.matches(
            "(?s).*the clients in their own process at nice 10: [1-9][0-9,]* notifications/s.*"),
        "the clients received notifications: " + out);
    assertTrue(out.contains("target p99 <= 0.5 ms and no missed cycle"), r::describe);
  }

  @Test
  void badFiguresAreRefusedWithExitTwoAndNoStackTrace() {
    ItSupport.Result r =
        ItSupport.run(
            ItSupport.motionuaCommand("bench", "motion", "--moves", "0"),
            dir,
            Duration.ofSeconds(60));
    assertEquals(2, r.exitCode(), r::describe);
    assertTrue(r.stderr().contains("--moves >= 1"), r::describe);
    assertTrue(!r.stderr().contains("\tat "), r::describe);
  }
}
