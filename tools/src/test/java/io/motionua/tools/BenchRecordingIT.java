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
 * {@code motionua bench recording} runs end to end with short phases (80 variables, 2 s): both
 * phases print their figures, and the counts add up: every value handed to the recording is kept or
 * filtered out (the moving half kept at every poll, the constant half not within the max interval),
 * every value offered is written or dropped, and the store holds every written value. Not a timing
 * test: exit 1 (target not met on a loaded machine) is accepted when the counts hold.
 */
class BenchRecordingIT {

  @TempDir Path dir;

  @Test
  void bothPhasesAreMeasuredAndEveryRecordedValueIsCountedAndStored() {
    ItSupport.Result r =
        ItSupport.run(
            ItSupport.motionuaCommand(
                "bench",
                "recording",
                "--variables",
                "80",
                "--period-ms",
                "10",
                "--seconds",
                "2",
                "--warmup",
                "1"),
            dir,
            Duration.ofSeconds(420));
    assertTrue(r.exitCode() == 0 || r.exitCode() == 1, r::describe);
    String out = r.stdout();
    assertTrue(out.contains("recording: 80 variables (10 axes x 8: ActualPosition,"), r::describe);
    Pattern phase =
        Pattern.compile(
            "CPU (\\d+\\.\\d) % of a core \\(link thread \\d+\\.\\d %, history-writer \\d+\\.\\d"
                + " %\\); lateness p50 \\d+ us, p99 \\d+ us, max \\d+ us; poll work p50 \\d+ us,"
                + " p99 \\d+ us \\((\\d+) polls\\)");
    for (String name : new String[] {"without recording: ", "with recording   : "}) {
      Matcher m = phase.matcher(out.substring(out.indexOf(name)));
      assertTrue(out.contains(name) && m.find(), r::describe);
      assertEquals(200, Integer.parseInt(m.group(2)), "2 s of 10 ms polls: " + out);
    }
    Matcher measured =
        Pattern.compile(
                "measured phase: (\\d+) values handed to the recording \\(\\d+/s\\), (\\d+) kept by"
                    + " the filter and offered to the queue \\(\\d+/s\\), (\\d+) filtered out,"
                    + " (\\d+) dropped \\(queue full\\)")
            .matcher(out);
    assertTrue(measured.find(), r::describe);
    long handed = Long.parseLong(measured.group(1));
    long kept = Long.parseLong(measured.group(2));
    assertEquals(80 * 200, handed, r::describe);
    assertEquals(handed, kept + Long.parseLong(measured.group(3)), r::describe);
    assertEquals(40 * 200, kept, "the four moving variables of each axis, at every poll: " + out);
    Matcher whole =
        Pattern.compile(
                "offered (\\d+) = written (\\d+) \\+ dropped (\\d+) \\(adds up\\); rows in the store"
                    + " (\\d+) \\(every written value is there\\)")
            .matcher(out);
    assertTrue(whole.find(), r::describe);
    long offered = Long.parseLong(whole.group(1));
    long written = Long.parseLong(whole.group(2));
    assertEquals(offered, written + Long.parseLong(whole.group(3)), r::describe);
    assertEquals(written, Long.parseLong(whole.group(4)), r::describe);
    assertTrue(offered >= kept + 80, "the warm-up's first values were kept too: " + out);
    assertTrue(out.contains("recording costs "), r::describe);
    assertTrue(
        out.matches("(?s).*target: at most 25 % of a core, .*: (met|NOT met)\\R.*"), r::describe);
  }
}
