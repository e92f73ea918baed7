package io.motionua.drivers.sim;

import io.motionua.drivers.profile.DriveProfile;
import java.util.function.LongSupplier;

/**
 * The simulated drive for a drive's profile: what a simulated link runs behind any link type (TCP,
 * RTU on a pty, RTU over TCP), by unit id.
 */
public final class SimulatedDevices {

  private SimulatedDevices() {}

  /** A simulated drive emulating {@code profile}, on the system's monotonic clock. */
  public static SimulatedDevice forProfile(DriveProfile profile) {
    return forProfile(profile, System::nanoTime);
  }

  /**
   * A trigger-scheme drive for a profile with a {@code motion:} section, MotionUA's CiA 402
   * simulator for the simulator's own register map.
   *
   * @throws IllegalArgumentException for a CiA 402 profile with another register map (not emulated
   *     yet), naming the profile
   */
  public static SimulatedDevice forProfile(DriveProfile profile, LongSupplier nanoClock) {
    if (profile.motion().isPresent()) {
      return new TriggerDrive(profile, nanoClock);
    }
    if (profile.signals().equals(DriveProfile.simulator().signals())) {
      return new SimulatedDrive(nanoClock);
    }
    throw new IllegalArgumentException(
        "profile %s: the simulator emulates CiA 402 drives only in its own register map"
                .formatted(profile.name())
            + " (motionua-sim); trigger-scheme drives in any map");
  }
}
