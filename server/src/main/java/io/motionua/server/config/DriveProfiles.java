package io.motionua.server.config;

import io.motionua.drivers.profile.DriveProfile;
import io.motionua.drivers.profile.ProfileException;
import io.motionua.drivers.profile.ProfileLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds each drive's profile: a built-in one by name, or a profile file by path relative to the
 * machine file. Each file is read once however many drives use it, and its problems are reported
 * once, at their place in the profile file.
 */
final class DriveProfiles {

  private final Problems problems;
  private final Path source;
  private final Map<String, DriveProfile> loaded = new HashMap<>();
  private final Map<String, DriveProfile> byDrive = new LinkedHashMap<>();

  /**
   * @param source the machine file, or null for built-in text (which may use built-ins only)
   */
  DriveProfiles(Problems problems, Path source) {
    this.problems = problems;
    this.source = source;
  }

  /** Whether a profile value names a file rather than a built-in profile. */
  static boolean isPath(String profile) {
    return profile.contains("/")
        || profile.contains("\\")
        || profile.endsWith(".yaml")
        || profile.endsWith(".yml");
  }

  void resolve(DriveSpec drive, String at, String field) {
    String profile = drive.profile();
    String pointer = at + "/profile";
    String name = field + ".profile";
    if (!isPath(profile)) {
      if (!ProfileLoader.BUILT_IN.contains(profile)) {
        problems.add(
            pointer,
            name,
            "unknown drive profile '"
                + profile
                + "' (built-in: "
                + String.join(", ", ProfileLoader.BUILT_IN)
                + "; or the path of a profile file ending in .yaml)");
        return;
      }
      load(drive, "builtin:" + profile, pointer, name, () -> ProfileLoader.builtIn(profile));
      return;
    }
    if (source == null) {
      problems.add(
          pointer,
          name,
          "a profile file needs a machine file to be relative to; the built-in demo uses built-in"
              + " profiles only");
      return;
    }
    Path dir = source.toAbsolutePath().getParent();
    Path file = dir.resolve(profile).normalize();
    if (!Files.isRegularFile(file)) {
      problems.add(
          pointer,
          name,
          "no profile file " + file + (Files.exists(file) ? " (not a regular file)" : ""));
      return;
    }
    load(drive, file.toString(), pointer, name, () -> ProfileLoader.load(file));
  }

  private interface Load {
    DriveProfile load() throws ProfileException;
  }

  private void load(DriveSpec drive, String key, String pointer, String name, Load load) {
    if (!loaded.containsKey(key)) {
      DriveProfile profile = null;
      try {
        profile = load.load();
      } catch (ProfileException e) {
        // The profile file's own place first; then where the machine file names it.
        problems.addFormatted(
            e.getMessage() + " (profile of " + name + " at " + placeOf(pointer) + ")");
      }
      loaded.put(key, profile);
    }
    DriveProfile profile = loaded.get(key);
    if (profile != null) {
      byDrive.put(drive.name(), profile);
    }
  }

  private String placeOf(String pointer) {
    String at = problems.at(pointer);
    return at.endsWith(": ") ? at.substring(0, at.length() - 2) : at;
  }

  /** Names in a drive's {@code signalPeriods}: signals of its profile. */
  void checkDrivePeriods(DriveSpec d, String at, String field) {
    DriveProfile profile = byDrive.get(d.name());
    if (profile == null) {
      return;
    }
    for (String signal : d.signalPeriods().keySet()) {
      if (!profile.signals().containsKey(signal)) {
        problems.add(
            at + "/signalPeriods/" + signal,
            field + ".signalPeriods." + signal,
            "profile " + profile.name() + " has no signal '" + signal + "'" + known(profile));
      }
    }
  }

  /**
   * Names in a link's {@code signalPeriods}: each a signal of at least one of its drives' profiles
   * (drives whose profile lacks it ignore it).
   */
  void checkLinkPeriods(LinkSpec l, String at, String field, List<DriveSpec> drives) {
    List<DriveProfile> profiles =
        drives.stream()
            .filter(d -> l.name() != null && l.name().equals(d.link()))
            .map(d -> byDrive.get(d.name()))
            .filter(p -> p != null)
            .toList();
    for (String signal : l.signalPeriods().keySet()) {
      if (!profiles.isEmpty()
          && profiles.stream().noneMatch(p -> p.signals().containsKey(signal))) {
        problems.add(
            at + "/signalPeriods/" + signal,
            field + ".signalPeriods." + signal,
            "no drive on this link has a signal '" + signal + "'" + known(profiles.get(0)));
      }
    }
  }

  private static String known(DriveProfile profile) {
    return " (" + profile.name() + " has: " + String.join(", ", profile.signals().keySet()) + ")";
  }

  /** The profile of each drive whose profile could be read, by drive name. */
  Map<String, DriveProfile> byDrive() {
    return Map.copyOf(byDrive);
  }
}
