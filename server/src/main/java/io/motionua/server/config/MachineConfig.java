package io.motionua.server.config;

import io.motionua.drivers.profile.DriveProfile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole machine as one YAML file describes it (see examples/demo-arm.yaml and
 * docs/configuration.md). Built by {@link ConfigLoader}, which fills defaults and checks every
 * cross-reference, so code that receives a MachineConfig can trust it.
 *
 * @param profiles each drive's profile, by drive name, as read from its built-in or file; and each
 *     plain device's register map (its tags), by device name
 * @param ioDevices plain Modbus devices beside the drives (the {@code devices} section)
 * @param history what is recorded for HistoryRead (the {@code history} section, defaults filled)
 * @param sparkplug the Sparkplug B publication, null when the file has no {@code sparkplug}
 */
public record MachineConfig(
    ServerSpec server,
    MachineSpec machine,
    List<LinkSpec> links,
    List<DriveSpec> drives,
    List<MotorSpec> motors,
    List<ReducerSpec> reducers,
    List<AxisSpec> axes,
    List<GroupSpec> groups,
    Path source,
    Map<String, DriveProfile> profiles,
    List<IoDeviceSpec> ioDevices,
    HistorySpec history,
    SparkplugSpec sparkplug) {

  public MachineConfig {
    links = List.copyOf(links);
    drives = List.copyOf(drives);
    motors = List.copyOf(motors);
    reducers = List.copyOf(reducers);
    axes = List.copyOf(axes);
    groups = groups == null ? List.of() : List.copyOf(groups);
    profiles = Map.copyOf(profiles);
    ioDevices = ioDevices == null ? List.of() : List.copyOf(ioDevices);
    history = history == null ? HistorySpec.defaults() : history;
  }

  public Optional<LinkSpec> link(String name) {
    return links.stream().filter(l -> l.name().equals(name)).findFirst();
  }

  public Optional<DriveSpec> drive(String name) {
    return drives.stream().filter(d -> d.name().equals(name)).findFirst();
  }

  public Optional<MotorSpec> motor(String name) {
    return motors.stream().filter(m -> m.name().equals(name)).findFirst();
  }

  public Optional<ReducerSpec> reducer(String name) {
    return reducers.stream().filter(r -> r.name().equals(name)).findFirst();
  }

  public Optional<AxisSpec> axis(String name) {
    return axes.stream().filter(a -> a.name().equals(name)).findFirst();
  }

  /** A drive's profile (every drive has one once the file is loaded). */
  public DriveProfile profile(String drive) {
    DriveProfile profile = profiles.get(drive);
    if (profile == null) {
      throw new IllegalArgumentException("no drive or device named " + drive);
    }
    return profile;
  }

  /** The plain devices on one link, in file order. */
  public List<IoDeviceSpec> ioDevicesOn(String link) {
    return ioDevices.stream().filter(d -> d.link().equals(link)).toList();
  }

  /** The drives on one link, in file order. */
  public List<DriveSpec> drivesOn(String link) {
    return drives.stream().filter(d -> d.link().equals(link)).toList();
  }

  /** A copy with another server section (users, anonymous access), as built by tests. */
  public MachineConfig withServer(ServerSpec newServer) {
    return with(newServer, links);
  }

  /** A copy that serves on another port (the --port option). */
  public MachineConfig withPort(int port) {
    return with(server.withPort(port), links);
  }

  /**
   * A copy whose links are all real ({@code serve --no-simulate}): the drives behind them are
   * expected to be there, e.g. served by {@code motionua sim} with the same file.
   *
   * @throws ConfigException naming each simulated link whose port 0 or missing device cannot be
   *     reached from outside
   */
  public MachineConfig withoutSimulation() throws ConfigException {
    List<String> problems = new java.util.ArrayList<>();
    for (LinkSpec l : links) {
      if (!l.isSimulated()) {
        continue;
      }
      if (!l.isSerial() && l.port() == 0) {
        problems.add(
            "%s: link %s: port 0 (a free port) cannot be reached without simulation: give the link a fixed port"
                .formatted(sourceName(), l.name()));
      } else if (l.isSerial() && l.device() == null) {
        problems.add(
            "%s: link %s: no device to open without simulation: give the link a device (motionua sim makes it the pty's path)"
                .formatted(sourceName(), l.name()));
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return with(server, links.stream().map(l -> l.withSimulated(false)).toList());
  }

  /** A copy with one link replaced (by name): a simulated link's actual port or pty. */
  public MachineConfig withLink(LinkSpec link) {
    return with(server, links.stream().map(l -> l.name().equals(link.name()) ? link : l).toList());
  }

  /** A copy with another history section (tests turn recording off or tighten it). */
  public MachineConfig withHistory(HistorySpec newHistory) {
    return new MachineConfig(
        server,
        machine,
        links,
        drives,
        motors,
        reducers,
        axes,
        groups,
        source,
        profiles,
        ioDevices,
        newHistory,
        sparkplug);
  }

  /** A copy with another Sparkplug section (null: off), as built by tests. */
  public MachineConfig withSparkplug(SparkplugSpec newSparkplug) {
    return new MachineConfig(
        server,
        machine,
        links,
        drives,
        motors,
        reducers,
        axes,
        groups,
        source,
        profiles,
        ioDevices,
        history,
        newSparkplug);
  }

  /** A copy with another server section and links, everything else the same. */
  private MachineConfig with(ServerSpec newServer, List<LinkSpec> newLinks) {
    return new MachineConfig(
        newServer, machine, newLinks, drives, motors, reducers, axes, groups, source, profiles,
        ioDevices, history, sparkplug);
  }

  private String sourceName() {
    return source == null ? "demo-arm.yaml" : source.toString();
  }
}
