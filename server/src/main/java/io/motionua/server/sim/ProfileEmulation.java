package io.motionua.server.sim;

import io.motionua.drivers.profile.DriveProfile;
import io.motionua.drivers.profile.RegisterCodec;
import io.motionua.drivers.profile.RegisterTable;
import io.motionua.drivers.profile.SignalSpec;
import io.motionua.drivers.sim.SimulatedDevice;
import io.motionua.drivers.sim.SimulatedDevices;
import io.motionua.drivers.sim.SimulatedDrive;
import io.motionua.drivers.sim.SimulatedIoModule;
import io.motionua.server.config.IoDeviceSpec;
import io.motionua.server.config.TagSpec;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;

/**
 * Where a drive's profile is handed to the simulator: the one place that decides what simulated
 * drive stands behind a configured one. A profile with a {@code motion:} section (a trigger-scheme
 * drive) gets a {@link SimulatedDevices#forProfile} emulation of its registers and trigger
 * semantics; a CiA 402 profile gets the CiA 402 {@link SimulatedDrive} when its registers are those
 * of motionua-sim (all of them, or some, at the same addresses and types).
 */
final class ProfileEmulation {

  private ProfileEmulation() {}

  /**
   * A simulated drive answering to the profile's registers.
   *
   * @param what names the drive in messages, e.g. {@code drive J1-drive on link arm-bus}
   * @throws IOException when the simulator cannot emulate the profile
   */
  static SimulatedDevice drive(String what, DriveProfile profile) throws IOException {
    if (profile.motion().isPresent()) {
      try {
        return SimulatedDevices.forProfile(profile);
      } catch (IllegalArgumentException e) {
        throw new IOException(what + ": " + e.getMessage(), e);
      }
    }
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

  /**
   * A simulated I/O module answering to a plain device's tags: each table from its lowest to its
   * highest tag address, tags starting at their {@code simulatedValue} (engineering units, encoded
   * with the tag's scale); discrete inputs at a coil's address follow the coil.
   */
  static SimulatedIoModule ioModule(IoDeviceSpec device, DriveProfile profile) {
    Map<RegisterTable, int[]> spans = new EnumMap<>(RegisterTable.class);
    for (SignalSpec s : profile.signals().values()) {
      int last = s.address() + Math.max(1, s.type().registers()) - 1;
      spans.merge(
          s.table(),
          new int[] {s.address(), last},
          (a, b) -> new int[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
    }
    SimulatedIoModule module = new SimulatedIoModule(spans);
    for (TagSpec tag : device.tags()) {
      if (tag.simulatedValue() == null) {
        continue;
      }
      SignalSpec s = profile.signals().get(tag.name());
      int[] words =
          s.table().isBitTable()
              ? new int[] {tag.simulatedValue() != 0 ? 1 : 0}
              : RegisterCodec.encode(s, tag.simulatedValue());
      for (int i = 0; i < words.length; i++) {
        module.set(s.table(), s.address() + i, words[i]);
      }
    }
    return module;
  }
}
