package io.motionua.server.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The whole machine as one YAML file describes it (see examples/demo-arm.yaml and
 * docs/configuration.md). Built by {@link ConfigLoader}, which fills defaults and checks every
 * cross-reference, so code that receives a MachineConfig can trust it.
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
    Path source) {

  public MachineConfig {
    links = List.copyOf(links);
    drives = List.copyOf(drives);
    motors = List.copyOf(motors);
    reducers = List.copyOf(reducers);
    axes = List.copyOf(axes);
    groups = groups == null ? List.of() : List.copyOf(groups);
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

  /** The drives on one link, in file order. */
  public List<DriveSpec> drivesOn(String link) {
    return drives.stream().filter(d -> d.link().equals(link)).toList();
  }

  /** A copy with another server section (users, anonymous access), as built by tests. */
  public MachineConfig withServer(ServerSpec newServer) {
    return new MachineConfig(
        newServer, machine, links, drives, motors, reducers, axes, groups, source);
  }

  /** A copy that serves on another port (the --port option). */
  public MachineConfig withPort(int port) {
    return new MachineConfig(
        server.withPort(port), machine, links, drives, motors, reducers, axes, groups, source);
  }
}
