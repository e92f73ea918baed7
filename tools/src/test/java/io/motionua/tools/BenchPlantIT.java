package io.motionua.tools;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code motionua bench plant} runs end to end with a small plant (two cells of two axes) into the
 * Mosquitto it starts: every figure is printed and measured what it says. Not a timing test: exit 1
 * (target not met on a loaded machine) is accepted, the figures' presence and counts are checked.
 */
class BenchPlantIT {

  @TempDir Path dir;

  @Test
  void aSmallPlantsChangesAreTimedToTheSubscriberBesideARawMqttBaseline() {
    Assumptions.assumeTrue(
        ItSupport.onPath("mosquitto").isPresent()
            || java.nio.file.Files.exists(Path.of("/usr/sbin/mosquitto")),
        "mosquitto is not installed (bin/test installs it)");
    ItSupport.Result r =
        ItSupport.run(
            ItSupport.motionuaCommand(
                "bench",
                "plant",
                "--instances",
                "2",
                "--axes",
                "2",
                "--change-ms",
                "100",
                "--warmup",
                "1",
                "--seconds",
                "3"),
            dir,
            Duration.ofSeconds(240));
    assertTrue(r.exitCode() == 0 || r.exitCode() == 1, r::describe);
    String out = r.stdout();
    assertTrue(out.contains("plant: 2 cells x 2 axes = 4 drives, poll 20 ms"), r::describe);
    assertTrue(out.contains("broker: Mosquitto started on tcp://127.0.0.1:"), r::describe);
    Matcher plant =
        Pattern.compile(
                "register change -> DDATA at the subscriber: p50 .*\\((\\d+) samples\\);"
                    + " \\d+ of about (\\d+) changes")
            .matcher(out);
    assertTrue(plant.find(), r::describe);
    assertTrue(
        Integer.parseInt(plant.group(1)) > Integer.parseInt(plant.group(2)) / 2,
        "most changes arrived and were matched: " + out);
    Matcher raw =
        Pattern.compile(
                "baseline MQTT publish -> subscribe, \\d+-byte payload: p50 .*\\((\\d+) samples\\)")
            .matcher(out);
    assertTrue(raw.find(), r::describe);
    assertTrue(Integer.parseInt(raw.group(1)) > 100, "the baseline ran: " + out);
    assertTrue(out.contains("ratio    p99 plant / p99 baseline: "), r::describe);
    assertTrue(out.matches("(?s).*target   p99 <= 50 ms: (met|NOT met) .*"), r::describe);
  }
}
