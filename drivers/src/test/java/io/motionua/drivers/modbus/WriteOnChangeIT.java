package io.motionua.drivers.modbus;

import static io.motionua.drivers.DriveSignals.PROFILE_VELOCITY;
import static io.motionua.drivers.DriveSignals.TARGET_POSITION;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.motionua.drivers.profile.DriveProfile;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WriteOnChangeIT {

  @Test
  void unchangedEepromValueIsNotWrittenAgainButAChangedOneIs() throws Exception {
    DriveProfile profile = DriveProfile.simulator().withWriteOnChange(Set.of(PROFILE_VELOCITY));
    Loopback.Settings settings =
        Loopback.Settings.defaults(1).withProfile(profile).withPollPeriod(Duration.ofSeconds(10));
    try (Loopback loop = Loopback.start(settings, "axis1")) {
      assertEquals(1, writesFor(loop, Map.of(PROFILE_VELOCITY, 1000)));
      assertEquals(0, writesFor(loop, Map.of(PROFILE_VELOCITY, 1000)), "unchanged: skipped");
      assertEquals(1, writesFor(loop, Map.of(PROFILE_VELOCITY, 2000)));
      assertEquals(1, writesFor(loop, Map.of(TARGET_POSITION, 5)));
      assertEquals(1, writesFor(loop, Map.of(TARGET_POSITION, 5)), "not write-on-change");
      int[] words = loop.simulator.drive(1).readRegisters(6, 2);
      assertEquals(2000, (words[0] << 16) | words[1]);
    }
  }

  /** Requests one write took. */
  private static long writesFor(Loopback loop, Map<String, ?> values) throws Exception {
    long before = loop.link.diagnostics().requests();
    loop.link.write("axis1", values, Duration.ofSeconds(1)).get(2, TimeUnit.SECONDS);
    return loop.link.diagnostics().requests() - before;
  }
}
