package io.motionua.server.sim;

import io.motionua.drivers.profile.DriveProfile;
import io.motionua.drivers.profile.SignalSpec;
import io.motionua.drivers.sim.SimulatedDrive;
import java.io.IOException;

/**
 * Where a drive's profile is handed to the simulator: the one place that decides what simulated
 * drive stands behind a configured one. Today that is the CiA 402 {@link SimulatedDrive}, for any
 * profile whose registers are those of motionua-sim (all of them, or some, at the same addresses
 * and types).
 */
final class ProfileEmulation {

  private ProfileEmulation() {}

  /**
   * A simulated drive answering to the profile's registers.
   *
   * @param what names the drive in messages, e.g. {@code drive J1-drive on link arm-bus}
   * @throws IOException when the simulator cannot emulate the profile
   */
  static SimulatedDrive drive(String what, DriveProfile profile) throws IOException {
    DriveProfile sim = DriveProfile.simulator();
    for (SignalSpec signal : profile.signals().values()) {
      SignalSpec own = sim.signals().get(signal.name());
      if (own == null
          || own.table() != signal.table()
          || own.address() != signal.address()
          || own.type() != signal.type()
          || own.order() != signal.order()) {
        throw new IOException(
            "%s: the simulator cannot emulate profile %s (its signal %s is not at motionua-sim's register)"
                .formatted(what, profile.name(), signal.name()));
      }
    }
    return new SimulatedDrive();
  }
}
