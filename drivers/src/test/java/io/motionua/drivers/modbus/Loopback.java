package io.motionua.drivers.modbus;

import static io.motionua.drivers.DriveSignals.POSITION_ACTUAL;

import io.motionua.drivers.profile.DriveProfile;
import io.motionua.drivers.sim.DriveSimulator;
import io.motionua.drivers.sim.SimulatedDrive;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A drive simulator with drives axis1..axisN on unit ids 1..N, and a started TCP link to it on
 * loopback, recording what the link reports.
 */
final class Loopback implements AutoCloseable {

  final DriveSimulator simulator;
  final ModbusTcpLink link;
  final RecordingListener listener;

  private Loopback(DriveSimulator simulator, ModbusTcpLink link, RecordingListener listener) {
    this.simulator = simulator;
    this.link = link;
    this.listener = listener;
  }

  /** Link settings a test varies. */
  record Settings(
      int drives,
      DriveProfile profile,
      Duration timeout,
      int retries,
      Duration staleAfter,
      Duration poll,
      int demoteAfter,
      Duration demotionTime) {

    static Settings defaults(int drives) {
      return new Settings(
          drives,
          DriveProfile.simulator(),
          Duration.ofMillis(100),
          1,
          Duration.ofMillis(400),
          Duration.ofMillis(20),
          1000,
          Duration.ofSeconds(5));
    }

    Settings withProfile(DriveProfile p) {
      return new Settings(drives, p, timeout, retries, staleAfter, poll, demoteAfter, demotionTime);
    }

    Settings withDemotion(int after, Duration time) {
      return new Settings(drives, profile, timeout, retries, staleAfter, poll, after, time);
    }

    Settings withPollPeriod(Duration p) {
      return new Settings(
          drives, profile, timeout, retries, staleAfter, p, demoteAfter, demotionTime);
    }

    Settings withTimeout(Duration t, int r) {
      return new Settings(drives, profile, t, r, staleAfter, poll, demoteAfter, demotionTime);
    }
  }

  /** Starts both and waits until every drive was read Good once. */
  static Loopback start(Settings settings, String watchedDevice) throws IOException {
    Map<Integer, SimulatedDrive> drives = new LinkedHashMap<>();
    List<DeviceConfig> devices = new ArrayList<>();
    for (int unit = 1; unit <= settings.drives(); unit++) {
      drives.put(unit, new SimulatedDrive());
      devices.add(
          new DeviceConfig(
              "axis" + unit,
              unit,
              settings.profile(),
              settings.poll(),
              settings.demoteAfter(),
              settings.demotionTime()));
    }
    DriveSimulator simulator = DriveSimulator.start("127.0.0.1", 0, drives);
    ModbusTcpLink link =
        new ModbusTcpLink(
            new TcpLinkConfig(
                "gantry",
                "127.0.0.1",
                simulator.port(),
                settings.timeout(),
                settings.retries(),
                settings.staleAfter(),
                devices));
    RecordingListener listener = new RecordingListener(watchedDevice, POSITION_ACTUAL);
    link.addListener(listener);
    link.start();
    Loopback loopback = new Loopback(simulator, link, listener);
    for (DeviceConfig device : devices) {
      Await.until(
          Duration.ofSeconds(5),
          () -> listener.value(device.name(), POSITION_ACTUAL).status().isGood(),
          () -> "first good poll of " + device.name() + ", " + link.diagnostics());
    }
    return loopback;
  }

  @Override
  public void close() {
    link.close();
    simulator.close();
  }
}
