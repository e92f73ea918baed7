package io.motionua.drivers.modbus;

import io.motionua.drivers.profile.DriveProfile;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One device on a link.
 *
 * @param name the device's name, as listeners and {@code write} see it
 * @param unitId the Modbus unit id (slave address), 0..255 (0 and 255 are common behind gateways)
 * @param profile how the device's signals map to registers
 * @param pollPeriod how often every readable signal is read
 * @param demoteAfter polls in a row the device may fail before it is taken off scan, so that the
 *     other devices on the line keep their poll rate
 * @param demotionTime how long it stays off scan before one probe poll (no retries) tries it again
 * @param signalPeriods poll periods of signals that differ from {@code pollPeriod} (slow
 *     temperatures, fast positions); signals sharing a period are coalesced together
 */
public record DeviceConfig(
    String name,
    int unitId,
    DriveProfile profile,
    Duration pollPeriod,
    int demoteAfter,
    Duration demotionTime,
    Map<String, Duration> signalPeriods) {

  /** Demotion after {@value #DEFAULT_DEMOTE_AFTER} failed polls in a row... */
  public static final int DEFAULT_DEMOTE_AFTER = 3;

  /** ...for this long. */
  public static final Duration DEFAULT_DEMOTION_TIME = Duration.ofSeconds(5);

  public DeviceConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(profile, "profile of device " + name);
    Objects.requireNonNull(pollPeriod, "pollPeriod of device " + name);
    Objects.requireNonNull(demotionTime, "demotionTime of device " + name);
    if (unitId < 0 || unitId > 255) {
      throw new IllegalArgumentException(
          "device %s: unit id %d is outside 0..255".formatted(name, unitId));
    }
    if (pollPeriod.isNegative() || pollPeriod.isZero()) {
      throw new IllegalArgumentException(
          "device %s: poll period %s must be positive".formatted(name, pollPeriod));
    }
    signalPeriods = Map.copyOf(signalPeriods);
    for (Map.Entry<String, Duration> entry : signalPeriods.entrySet()) {
      if (!profile.signals().containsKey(entry.getKey())) {
        throw new IllegalArgumentException(
            "device %s: signal %s of signalPeriods is not in profile %s"
                .formatted(name, entry.getKey(), profile.name()));
      }
      if (entry.getValue().isNegative() || entry.getValue().isZero()) {
        throw new IllegalArgumentException(
            "device %s: poll period %s of signal %s must be positive"
                .formatted(name, entry.getValue(), entry.getKey()));
      }
    }
    if (demoteAfter < 1) {
      throw new IllegalArgumentException(
          "device %s: demoteAfter %d must be at least 1".formatted(name, demoteAfter));
    }
  }

  /** A device with the default demotion: 3 failed polls in a row, 5 s off scan. */
  public DeviceConfig(String name, int unitId, DriveProfile profile, Duration pollPeriod) {
    this(name, unitId, profile, pollPeriod, DEFAULT_DEMOTE_AFTER, DEFAULT_DEMOTION_TIME);
  }

  /** A device whose signals all poll at one period. */
  public DeviceConfig(
      String name,
      int unitId,
      DriveProfile profile,
      Duration pollPeriod,
      int demoteAfter,
      Duration demotionTime) {
    this(name, unitId, profile, pollPeriod, demoteAfter, demotionTime, Map.of());
  }
}
