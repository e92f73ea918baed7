package io.motionua.drivers.modbus;

import static io.motionua.drivers.DriveSignals.MOTOR_TEMPERATURE;
import static io.motionua.drivers.DriveSignals.POSITION_ACTUAL;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motionua.drivers.SignalValue;
import io.motionua.drivers.profile.DriveProfile;
import io.motionua.drivers.sim.DriveSimulator;
import io.motionua.drivers.sim.SimulatedDrive;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class PollGroupsIT {

  @Test
  void slowSignalIsReadAtItsOwnPeriodWhileTheRestKeepsTheFastOne() throws Exception {
    DeviceConfig device =
        new DeviceConfig(
            "axis1",
            1,
            DriveProfile.simulator(),
            Duration.ofMillis(20),
            3,
            Duration.ofSeconds(1),
            Map.of(MOTOR_TEMPERATURE, Duration.ofMillis(400)));
    Set<Instant> temperatureReads = ConcurrentHashMap.newKeySet();
    Set<Instant> positionReads = ConcurrentHashMap.newKeySet();
    try (DriveSimulator simulator =
            DriveSimulator.start("127.0.0.1", 0, Map.of(1, new SimulatedDrive()));
        ModbusTcpLink link =
            new ModbusTcpLink(
                new TcpLinkConfig(
                    "groups",
                    "127.0.0.1",
                    simulator.port(),
                    Duration.ofMillis(100),
                    1,
                    Duration.ofSeconds(1),
                    List.of(device)))) {
      link.addListener(
          (name, values) -> {
            record(values.get(MOTOR_TEMPERATURE), temperatureReads);
            record(values.get(POSITION_ACTUAL), positionReads);
          });
      link.start();
      Await.until(
          Duration.ofSeconds(5),
          () -> temperatureReads.size() >= 3,
          () -> "three temperature reads, diagnostics " + link.diagnostics());
      // Three slow reads take at least 800 ms: the fast group polled some 40 times meanwhile.
      assertTrue(positionReads.size() >= 8 * temperatureReads.size(), positionReads.size() + "");
      long requests = link.diagnostics().requests();
      assertTrue(
          requests <= positionReads.size() + temperatureReads.size() + 2,
          "one request per group poll: " + requests);
    }
  }

  private static void record(SignalValue value, Set<Instant> reads) {
    if (value != null && value.status().isGood()) {
      reads.add(value.sourceTime());
    }
  }
}
