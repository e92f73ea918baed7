package io.motionua.server.link;

import io.motionua.drivers.Link;
import io.motionua.drivers.modbus.DeviceConfig;
import io.motionua.drivers.modbus.ModbusRtuLink;
import io.motionua.drivers.modbus.ModbusTcpLink;
import io.motionua.drivers.modbus.SerialSettings;
import io.motionua.drivers.modbus.TcpLinkConfig;
import io.motionua.drivers.profile.DriveProfile;
import io.motionua.server.config.DriveSpec;
import io.motionua.server.config.IoDeviceSpec;
import io.motionua.server.config.LinkSpec;
import io.motionua.server.config.MachineConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Makes the driver's link for a link of the machine file: Modbus TCP, RTU on a serial port, or RTU
 * over TCP, with one device per drive on it, each polled at its period and its signals' periods.
 */
public final class ModbusLinks {

  private ModbusLinks() {}

  /**
   * Creates (does not start) the link.
   *
   * @param spec the link, with its actual port or device (a simulated link's are known only once
   *     its simulator runs)
   */
  public static Link create(MachineConfig config, LinkSpec spec) {
    List<DeviceConfig> devices = devices(config, spec);
    Duration timeout = Duration.ofMillis(spec.timeoutMs());
    Duration stale = Duration.ofMillis(spec.staleAfterMs());
    return switch (spec.type()) {
      case LinkSpec.RTU ->
          ModbusRtuLink.serial(
              spec.name(), serial(spec, spec.device()), timeout, spec.retries(), stale, devices);
      case LinkSpec.RTU_OVER_TCP -> ModbusRtuLink.overTcp(tcp(spec, timeout, stale, devices));
      default -> new ModbusTcpLink(tcp(spec, timeout, stale, devices));
    };
  }

  private static TcpLinkConfig tcp(
      LinkSpec spec, Duration timeout, Duration stale, List<DeviceConfig> devices) {
    // Offline (nodeset export), a simulated link's port 0 is never dialled; any valid port will do.
    int port = spec.port() == 0 ? 502 : spec.port();
    return new TcpLinkConfig(
        spec.name(), spec.host(), port, timeout, spec.retries(), stale, devices);
  }

  /** The serial line of an rtu link, on the given device path. */
  public static SerialSettings serial(LinkSpec spec, String device) {
    Duration delay =
        spec.interFrameDelayMs() == null
            ? null
            : Duration.ofNanos(Math.round(spec.interFrameDelayMs() * 1_000_000));
    LinkSpec.Rs485Spec r = spec.rs485();
    return new SerialSettings(
        device,
        spec.baud(),
        spec.dataBits(),
        SerialSettings.Parity.valueOf(spec.parity().toUpperCase(Locale.ROOT)),
        spec.stopBits(),
        delay,
        r == null
            ? null
            : new SerialSettings.Rs485(r.rtsActiveHigh(), r.delayBeforeUs(), r.delayAfterUs()));
  }

  /**
   * One device per drive on the link: the drive's poll period (else the link's), and per-signal
   * periods from the link overridden by the drive's, each kept only where the profile has the
   * signal.
   */
  static List<DeviceConfig> devices(MachineConfig config, LinkSpec spec) {
    List<DeviceConfig> devices = new java.util.ArrayList<>();
    config.drivesOn(spec.name()).forEach(d -> devices.add(device(config, spec, d)));
    for (IoDeviceSpec io : config.ioDevicesOn(spec.name())) {
      devices.add(
          new DeviceConfig(
              io.name(),
              io.unitId(),
              config.profile(io.name()),
              Duration.ofMillis(io.pollMs() != null ? io.pollMs() : spec.pollMs())));
    }
    return devices;
  }

  private static DeviceConfig device(MachineConfig config, LinkSpec link, DriveSpec drive) {
    DriveProfile profile = config.profile(drive.name());
    Map<String, Duration> periods = new LinkedHashMap<>();
    link.signalPeriods().forEach((s, ms) -> periods.put(s, Duration.ofMillis(ms)));
    drive.signalPeriods().forEach((s, ms) -> periods.put(s, Duration.ofMillis(ms)));
    periods.keySet().retainAll(profile.signals().keySet());
    int pollMs = drive.pollMs() != null ? drive.pollMs() : link.pollMs();
    return new DeviceConfig(
        drive.name(),
        drive.unitId(),
        profile,
        Duration.ofMillis(pollMs),
        DeviceConfig.DEFAULT_DEMOTE_AFTER,
        DeviceConfig.DEFAULT_DEMOTION_TIME,
        periods);
  }
}
