package io.motionua.drivers.modbus;

import io.motionua.drivers.profile.DriveProfile;
import java.time.Duration;
import java.util.Objects;

/**
 * One device on a link.
 *
 * @param name the device's name, as listeners and {@code write} see it
 * @param unitId the Modbus unit id (slave address), 0..255 (0 and 255 are common behind gateways)
 * @param profile how the device's signals map to registers
 * @param pollPeriod how often every readable signal is read
 */
public record DeviceConfig(String name, int unitId, DriveProfile profile, Duration pollPeriod) {

  public DeviceConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(profile, "profile of device " + name);
    Objects.requireNonNull(pollPeriod, "pollPeriod of device " + name);
    if (unitId < 0 || unitId > 255) {
      throw new IllegalArgumentException(
          "device %s: unit id %d is outside 0..255".formatted(name, unitId));
    }
    if (pollPeriod.isNegative() || pollPeriod.isZero()) {
      throw new IllegalArgumentException(
          "device %s: poll period %s must be positive".formatted(name, pollPeriod));
    }
  }
}
