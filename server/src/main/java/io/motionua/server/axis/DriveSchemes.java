package io.motionua.server.axis;

import io.motionua.drivers.profile.DriveProfile;

/** Picks a drive's scheme from its profile: its {@code motion:} section, or CiA 402. */
final class DriveSchemes {

  private DriveSchemes() {}

  static DriveScheme of(DriveProfile profile, DriveChannel channel) {
    return profile
        .motion()
        .<DriveScheme>map(motion -> new TriggerScheme(channel, motion, profile))
        .orElseGet(() -> new Cia402Scheme(channel, profile.signals().keySet()));
  }
}
