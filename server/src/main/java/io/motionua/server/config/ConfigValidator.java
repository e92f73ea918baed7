package io.motionua.server.config;

import io.motionua.server.security.PasswordHash;
import io.motionua.server.security.Role;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks a bound file: required fields, value ranges, unique names and every cross-reference (drive
 * to link, motor to drive, axis to motor and reducer). Collects every problem, each named by its
 * place in the file, and throws them together; checks that depend on a broken reference are skipped
 * rather than reported twice.
 */
final class ConfigValidator {

  /** Reducer ratios accepted (motor revolutions per load revolution). */
  static final double MIN_RATIO = 1e-6;

  static final double MAX_RATIO = 1e6;

  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
  private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}");
  private static final Set<String> MOTION_PROFILES =
      Set.of("rotary", "rotary-endless", "linear", "linear-endless");

  private final Problems problems;

  ConfigValidator(Problems problems) {
    this.problems = problems;
  }

  MachineConfig validate(RawConfig raw, Path source) throws ConfigException {
    MachineSpec machine = raw.machine();
    if (machine == null || machine.name() == null) {
      problems.add("/machine", "machine.name", "is required");
      machine = new MachineSpec("Machine", null, null, null, null, null, null, null, null, null);
    }
    checkName("/machine/name", "machine.name", machine.name());
    if (machine.motionDevice() != null) {
      checkName("/machine/motionDevice", "machine.motionDevice", machine.motionDevice());
    }
    IdentificationChecks identification = new IdentificationChecks(problems::add);
    identification.machine(machine.withDefaults());
    ServerSpec server = raw.server() == null ? ServerSpec.defaults() : raw.server().withDefaults();
    if (server.port() < 0 || server.port() > 65535) {
      problems.add("/server/port", "server.port", "must be 0 to 65535, not " + server.port());
    }
    checkAccess(server);
    HttpChecks.check(server.http(), problems);
    LimitChecks.check(server, problems);
    HistoryChecks.check(raw.history(), problems);
    HistoryExternalSpec external = HistoryExternalChecks.check(raw.history(), source, problems);

    LinkChecks linkChecks = new LinkChecks(problems, this);
    List<LinkSpec> links = linkChecks.links(present(raw.links(), "links"));
    unique(links, LinkSpec::name, "/links", "links");

    List<DriveSpec> drives = new ArrayList<>();
    List<DriveSpec> rawDrives = present(raw.drives(), "drives");
    Set<String> unitIdsPerLink = new HashSet<>();
    DriveProfiles profiles = new DriveProfiles(problems, source);
    for (int i = 0; i < rawDrives.size(); i++) {
      if (rawDrives.get(i) == null) {
        continue;
      }
      DriveSpec d = rawDrives.get(i).withDefaults();
      String at = "/drives/" + i;
      String field = "drives[" + i + "]";
      checkName(at + "/name", field + ".name", d.name());
      reference(at + "/link", field + ".link", d.link(), links, LinkSpec::name, "link");
      identification.nameplate(
          at, field, d.manufacturer(), d.model(), d.serialNumber(), d.productCode());
      if (d.unitId() == null || d.unitId() < 1 || d.unitId() > 247) {
        problems.add(at + "/unitId", field + ".unitId", "must be 1 to 247");
      } else if (!unitIdsPerLink.add(d.link() + "#" + d.unitId())) {
        problems.add(
            at + "/unitId",
            field + ".unitId",
            "unit id " + d.unitId() + " is already used on link '" + d.link() + "'");
      }
      if (d.pollMs() != null) {
        positive(at + "/pollMs", field + ".pollMs", d.pollMs());
      }
      linkChecks.checkPeriods(d.signalPeriods(), at, field);
      profiles.resolve(d, at, field);
      profiles.checkDrivePeriods(d, at, field);
      drives.add(d);
    }
    unique(drives, DriveSpec::name, "/drives", "drives");
    Set<String> deviceNames = new HashSet<>();
    drives.forEach(d -> deviceNames.add(d.name()));
    java.util.Map<String, io.motionua.drivers.profile.DriveProfile> ioProfiles =
        new java.util.LinkedHashMap<>();
    List<IoDeviceSpec> ioDevices =
        new IoDeviceChecks(problems, this)
            .devices(
                present(raw.devices(), "devices"), links, unitIdsPerLink, deviceNames, ioProfiles);
    for (LinkSpec l : links) {
      int i = linkChecks.fileIndex(l);
      profiles.checkLinkPeriods(l, "/links/" + i, "links[" + i + "]", drives);
    }

    List<MotorSpec> motors = new ArrayList<>();
    List<MotorSpec> rawMotors = present(raw.motors(), "motors");
    for (int i = 0; i < rawMotors.size(); i++) {
      if (rawMotors.get(i) == null) {
        continue;
      }
      MotorSpec m = rawMotors.get(i).withDefaults();
      String at = "/motors/" + i;
      String field = "motors[" + i + "]";
      checkName(at + "/name", field + ".name", m.name());
      reference(at + "/drive", field + ".drive", m.drive(), drives, DriveSpec::name, "drive");
      identification.nameplate(
          at, field, m.manufacturer(), m.model(), m.serialNumber(), m.productCode());
      if (m.incrementsPerRev() <= 0) {
        problems.add(at + "/incrementsPerRev", field + ".incrementsPerRev", "must be positive");
      }
      motors.add(m);
    }
    unique(motors, MotorSpec::name, "/motors", "motors");

    List<ReducerSpec> reducers = new ArrayList<>();
    List<ReducerSpec> rawReducers = present(raw.reducers(), "reducers");
    for (int i = 0; i < rawReducers.size(); i++) {
      if (rawReducers.get(i) == null) {
        continue;
      }
      ReducerSpec r = rawReducers.get(i).withDefaults();
      String at = "/reducers/" + i;
      String field = "reducers[" + i + "]";
      checkName(at + "/name", field + ".name", r.name());
      identification.productCode(at, field, r.productCode());
      // A ratio of 1e308 made every position 0 (the counts per unit overflow): real gears lie
      // far inside these bounds.
      if (!(r.ratio() >= MIN_RATIO && r.ratio() <= MAX_RATIO)) {
        problems.add(
            at + "/ratio",
            field + ".ratio",
            "must be " + MIN_RATIO + " to " + (long) MAX_RATIO + ", not " + r.ratio());
      }
      if (r.pitch() != null && !(r.pitch() > 0)) {
        problems.add(at + "/pitch", field + ".pitch", "must be positive, not " + r.pitch());
      }
      reducers.add(r);
    }
    unique(reducers, ReducerSpec::name, "/reducers", "reducers");

    List<AxisSpec> axes = new ArrayList<>();
    List<AxisSpec> rawAxes = present(raw.axes(), "axes");
    Set<String> usedMotors = new HashSet<>();
    for (int i = 0; i < rawAxes.size(); i++) {
      if (rawAxes.get(i) == null) {
        continue;
      }
      AxisSpec a = rawAxes.get(i).withDefaults();
      String at = "/axes/" + i;
      String field = "axes[" + i + "]";
      checkName(at + "/name", field + ".name", a.name());
      if (reference(at + "/motor", field + ".motor", a.motor(), motors, MotorSpec::name, "motor")
          && !usedMotors.add(a.motor())) {
        problems.add(
            at + "/motor",
            field + ".motor",
            "motor '" + a.motor() + "' already moves another axis");
      }
      boolean reducerKnown =
          reference(
              at + "/reducer",
              field + ".reducer",
              a.reducer(),
              reducers,
              ReducerSpec::name,
              "reducer");
      if (!MOTION_PROFILES.contains(a.motionProfile())) {
        problems.add(
            at + "/motionProfile",
            field + ".motionProfile",
            "must be one of rotary, rotary-endless, linear, linear-endless, not '"
                + a.motionProfile()
                + "'");
      }
      if (reducerKnown && a.isLinear()) {
        ReducerSpec reducer =
            reducers.stream().filter(r -> a.reducer().equals(r.name())).findFirst().orElseThrow();
        if (reducer.pitch() == null) {
          problems.add(
              at + "/reducer",
              field + ".reducer",
              "linear axis needs a pitch (mm per load revolution) on reducer '"
                  + a.reducer()
                  + "'");
        }
      }
      LimitsSpec lim = a.limits();
      if (!(lim.min() < lim.max())) {
        problems.add(
            at + "/limits",
            field + ".limits",
            "min " + lim.min() + " must be below max " + lim.max());
      } else if ("rotary-endless".equals(a.motionProfile()) && lim.max() - lim.min() != 360) {
        // An endless rotary axis wraps once per load revolution: [min, max) is one turn.
        problems.add(
            at + "/limits/max",
            field + ".limits",
            "a rotary-endless axis wraps its position into [min, max), one turn: max - min must"
                + " be 360, not "
                + (lim.max() - lim.min())
                + " (e.g. min: 0, max: 360 or min: -180, max: 180)");
      }
      positive(
          at + "/followingErrorLimit", field + ".followingErrorLimit", a.followingErrorLimit());
      positive(at + "/limits/velocity", field + ".limits.velocity", lim.velocity());
      positive(at + "/limits/acceleration", field + ".limits.acceleration", lim.acceleration());
      positive(at + "/limits/deceleration", field + ".limits.deceleration", lim.deceleration());
      axes.add(a);
    }
    unique(axes, AxisSpec::name, "/axes", "axes");
    List<GroupSpec> groups = groups(present(raw.groups(), "groups"), axes);
    SparkplugSpec sparkplug =
        SparkplugChecks.check(
            raw.sparkplug(),
            machine.withDefaults(),
            source,
            axes,
            ioDevices,
            server.users(),
            problems);
    problems.throwIfAny();

    return new MachineConfig(
        server,
        machine.withDefaults(),
        links,
        drives,
        motors,
        reducers,
        axes,
        groups,
        source,
        allProfiles(profiles.byDrive(), ioProfiles),
        ioDevices,
        raw.history() == null
            ? HistorySpec.defaults()
            : raw.history().withDefaults().withExternal(external),
        sparkplug);
  }

  private static java.util.Map<String, io.motionua.drivers.profile.DriveProfile> allProfiles(
      java.util.Map<String, io.motionua.drivers.profile.DriveProfile> drives,
      java.util.Map<String, io.motionua.drivers.profile.DriveProfile> devices) {
    java.util.Map<String, io.motionua.drivers.profile.DriveProfile> all =
        new java.util.LinkedHashMap<>(drives);
    all.putAll(devices);
    return all;
  }

  /**
   * Groups: known member axes, each axis in one group at most, a safe pose of one position per axis
   * within its limits, and no {@code continue} for mechanically coupled axes.
   */
  private List<GroupSpec> groups(List<GroupSpec> rawGroups, List<AxisSpec> axes) {
    List<GroupSpec> groups = new ArrayList<>();
    java.util.Map<String, String> groupOfAxis = new java.util.HashMap<>();
    for (int i = 0; i < rawGroups.size(); i++) {
      if (rawGroups.get(i) == null) {
        continue;
      }
      GroupSpec g = rawGroups.get(i).withDefaults();
      String at = "/groups/" + i;
      String field = "groups[" + i + "]";
      checkName(at + "/name", field + ".name", g.name());
      if (g.axes().isEmpty()) {
        problems.add(at + "/axes", field + ".axes", "a group needs at least one axis");
      }
      for (int j = 0; j < g.axes().size(); j++) {
        String axis = g.axes().get(j);
        String axisAt = at + "/axes/" + j;
        String axisField = field + ".axes[" + j + "]";
        if (!reference(axisAt, axisField, axis, axes, AxisSpec::name, "axis")) {
          continue;
        }
        String other = groupOfAxis.putIfAbsent(axis, g.name());
        if (other != null) {
          problems.add(
              axisAt,
              axisField,
              "axis '" + axis + "' is already a member of group '" + other + "'");
        }
      }
      if (!Set.of(GroupSpec.STOP, GroupSpec.SAFE_POSE, GroupSpec.CONTINUE)
          .contains(g.faultReaction())) {
        problems.add(
            at + "/faultReaction",
            field + ".faultReaction",
            "must be stop, safe-pose or continue, not '" + g.faultReaction() + "'");
      }
      if (g.faultReaction().equals(GroupSpec.CONTINUE) && g.coupled()) {
        problems.add(
            at + "/faultReaction",
            field + ".faultReaction",
            "continue is refused for a coupled group: its axes must never move on alone"
                + " (use stop or safe-pose)");
      }
      if (!Set.of(GroupSpec.DRIVE_PROFILES, GroupSpec.INTERPOLATED).contains(g.mode())) {
        problems.add(
            at + "/mode",
            field + ".mode",
            "must be drive-profiles or interpolated, not '" + g.mode() + "'");
      }
      if (g.cycleMs() < 1 || g.cycleMs() > 1000) {
        problems.add(at + "/cycleMs", field + ".cycleMs", "must be 1 to 1000, not " + g.cycleMs());
      }
      if (g.realtimePriority() < 0 || g.realtimePriority() > 99) {
        problems.add(
            at + "/realtimePriority",
            field + ".realtimePriority",
            "must be 0 (off) or a SCHED_FIFO priority 1 to 99, not " + g.realtimePriority());
      }
      positive(
          at + "/followingErrorLimit", field + ".followingErrorLimit", g.followingErrorLimit());
      if (g.pairTolerance() != null) {
        if (!g.coupled()) {
          problems.add(
              at + "/pairTolerance",
              field + ".pairTolerance",
              "applies to coupled groups only: add coupled: true or remove it");
        }
        positive(at + "/pairTolerance", field + ".pairTolerance", g.pairTolerance());
      }
      checkSafePose(g, at, field, axes);
      groups.add(g);
    }
    unique(groups, GroupSpec::name, "/groups", "groups");
    return groups;
  }

  private void checkSafePose(GroupSpec g, String at, String field, List<AxisSpec> axes) {
    if (g.safePose() == null) {
      if (g.faultReaction().equals(GroupSpec.SAFE_POSE)) {
        problems.add(
            at + "/faultReaction",
            field + ".safePose",
            "is required for faultReaction safe-pose (one position per axis: "
                + String.join(", ", g.axes())
                + ")");
      }
      return;
    }
    if (g.safePose().size() != g.axes().size()) {
      problems.add(
          at + "/safePose",
          field + ".safePose",
          "has "
              + g.safePose().size()
              + " positions for "
              + g.axes().size()
              + " axes ("
              + String.join(", ", g.axes())
              + ")");
      return;
    }
    for (int j = 0; j < g.safePose().size(); j++) {
      String axisName = g.axes().get(j);
      Double p = g.safePose().get(j);
      LimitsSpec lim =
          axes.stream()
              .filter(a -> java.util.Objects.equals(a.name(), axisName))
              .findFirst()
              .map(AxisSpec::limits)
              .orElse(null);
      if (lim == null) {
        continue; // an unknown axis, already reported
      }
      if (p == null || !(p >= lim.min() && p <= lim.max())) {
        problems.add(
            at + "/safePose/" + j,
            field + ".safePose[" + j + "]",
            "position "
                + p
                + " of axis '"
                + axisName
                + "' is outside its software limits ["
                + lim.min()
                + ", "
                + lim.max()
                + "]");
      }
    }
  }

  /** Users, roles and anonymous access; the messages never echo a password hash. */
  private void checkAccess(ServerSpec server) {
    if (server.allowAnonymous() != null) {
      problems.add(
          "/server/allowAnonymous",
          "server.allowAnonymous",
          "replaced by 'anonymous: off | viewer | operator' (the role anonymous sessions get)");
    }
    if (!ServerSpec.ANONYMOUS_VALUES.contains(server.anonymous())) {
      problems.add(
          "/server/anonymous",
          "server.anonymous",
          "must be off, viewer or operator, not '" + server.anonymous() + "'");
    }
    List<UserSpec> users = server.users();
    for (int i = 0; i < users.size(); i++) {
      UserSpec u = users.get(i);
      String at = "/server/users/" + i;
      String field = "server.users[" + i + "]";
      if (u == null || u.name() == null) {
        problems.add(at, field + ".name", "is required");
        continue;
      }
      if (!USER_NAME.matcher(u.name()).matches()) {
        problems.add(
            at + "/name",
            field + ".name",
            "'"
                + u.name()
                + "' is not a usable user name (1 to 64 letters, digits, '_', '.', '-', '@')");
      }
      if (u.passwordHash() == null) {
        problems.add(at, field + ".passwordHash", "is required (make one with 'motionua passwd')");
      } else if (!PasswordHash.isHash(u.passwordHash())) {
        problems.add(
            at + "/passwordHash",
            field + ".passwordHash",
            "is not a bcrypt hash ('$2b$', a cost from 04 to 14, '$', 53 characters); make one with"
                + " 'motionua passwd', and quote it in the file");
      }
      if (u.role() == null) {
        problems.add(at, field + ".role", "is required (" + Role.configNames() + ")");
      } else if (Role.fromConfigName(u.role()).isEmpty()) {
        problems.add(
            at + "/role",
            field + ".role",
            "unknown role '" + u.role() + "' (known: " + Role.configNames() + ")");
      }
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < users.size(); i++) {
      String name = users.get(i) == null ? null : users.get(i).name();
      if (name != null && !seen.add(name)) {
        problems.add(
            "/server/users/" + i + "/name",
            "server.users[" + i + "].name",
            "'" + name + "' is already the name of another user");
      }
    }
  }

  /**
   * A section's entries, never null; a null entry (an empty {@code -} item) is reported, and kept
   * so that indexes stay those of the file: loops skip it.
   */
  private <T> List<T> present(List<T> list, String section) {
    if (list == null) {
      return List.of();
    }
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) == null) {
        problems.add("/" + section + "/" + i, section + "[" + i + "]", "is empty");
      }
    }
    return list;
  }

  boolean checkName(String pointer, String field, String name) {
    if (name == null) {
      return problems.add(pointer.substring(0, pointer.lastIndexOf('/')), field, "is required");
    }
    if (!NAME.matcher(name).matches()) {
      return problems.add(
          pointer,
          field,
          "'" + name + "' is not a usable name (a letter, then letters, digits, '_', '.', '-')");
    }
    return true;
  }

  boolean positive(String pointer, String field, Number value) {
    if (value == null || !(value.doubleValue() > 0)) {
      return problems.add(pointer, field, "must be positive, not " + value);
    }
    return true;
  }

  <T> boolean reference(
      String pointer,
      String field,
      String name,
      List<T> candidates,
      Function<T, String> nameOf,
      String what) {
    if (name == null) {
      return problems.add(pointer.substring(0, pointer.lastIndexOf('/')), field, "is required");
    }
    if (candidates.stream().noneMatch(c -> name.equals(nameOf.apply(c)))) {
      String known =
          candidates.stream()
              .map(nameOf)
              .filter(java.util.Objects::nonNull)
              .collect(Collectors.joining(", "));
      return problems.add(
          pointer,
          field,
          "no "
              + what
              + " named '"
              + name
              + "'"
              + (known.isEmpty() ? "" : " (known: " + known + ")"));
    }
    return true;
  }

  private <T> void unique(List<T> specs, Function<T, String> nameOf, String pointer, String field) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < specs.size(); i++) {
      String name = nameOf.apply(specs.get(i));
      if (name != null && !seen.add(name)) {
        problems.add(
            pointer + "/" + i + "/name",
            field + "[" + i + "].name",
            "'" + name + "' is already the name of another entry");
      }
    }
  }
}
