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
 * to link, motor to drive, axis to motor and reducer). Stops at the first problem, named by its
 * place in the file.
 */
final class ConfigValidator {

  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
  private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}");
  private static final Set<String> PROFILES = Set.of("motionua-sim");
  private static final Set<String> MOTION_PROFILES =
      Set.of("rotary", "rotary-endless", "linear", "linear-endless");

  private final SourceLocations locations;

  ConfigValidator(SourceLocations locations) {
    this.locations = locations;
  }

  MachineConfig validate(RawConfig raw, Path source) throws ConfigException {
    if (raw.machine() == null || raw.machine().name() == null) {
      throw problem("/machine", "machine.name", "is required");
    }
    checkName("/machine/name", "machine.name", raw.machine().name());
    if (raw.machine().motionDevice() != null) {
      checkName("/machine/motionDevice", "machine.motionDevice", raw.machine().motionDevice());
    }
    IdentificationChecks identification =
        new IdentificationChecks(
            (pointer, field, message) -> {
              throw problem(pointer, field, message);
            });
    identification.machine(raw.machine().withDefaults());
    ServerSpec server = raw.server() == null ? ServerSpec.defaults() : raw.server().withDefaults();
    if (server.port() < 0 || server.port() > 65535) {
      throw problem("/server/port", "server.port", "must be 0 to 65535, not " + server.port());
    }
    checkAccess(server);

    List<LinkSpec> links = new ArrayList<>();
    List<LinkSpec> rawLinks = orEmpty(raw.links());
    for (int i = 0; i < rawLinks.size(); i++) {
      LinkSpec l = rawLinks.get(i).withDefaults();
      String at = "/links/" + i;
      String field = "links[" + i + "]";
      checkName(at + "/name", field + ".name", l.name());
      if (!l.type().equals("tcp")) {
        throw problem(at + "/type", field + ".type", "must be tcp, not '" + l.type() + "'");
      }
      if (l.port() < 0 || l.port() > 65535 || (l.port() == 0 && !l.isSimulated())) {
        throw problem(at + "/port", field + ".port", "must be 1 to 65535 (0 only when simulated)");
      }
      positive(at + "/timeoutMs", field + ".timeoutMs", l.timeoutMs());
      positive(at + "/pollMs", field + ".pollMs", l.pollMs());
      positive(at + "/staleAfterMs", field + ".staleAfterMs", l.staleAfterMs());
      if (l.retries() < 0) {
        throw problem(at + "/retries", field + ".retries", "must not be negative");
      }
      links.add(l);
    }
    unique(links, LinkSpec::name, "/links", "links");

    List<DriveSpec> drives = new ArrayList<>();
    List<DriveSpec> rawDrives = orEmpty(raw.drives());
    Set<String> unitIdsPerLink = new HashSet<>();
    for (int i = 0; i < rawDrives.size(); i++) {
      DriveSpec d = rawDrives.get(i).withDefaults();
      String at = "/drives/" + i;
      String field = "drives[" + i + "]";
      checkName(at + "/name", field + ".name", d.name());
      reference(at + "/link", field + ".link", d.link(), links, LinkSpec::name, "link");
      identification.nameplate(at, field, d.manufacturer(), d.model(), d.serialNumber());
      if (d.unitId() == null || d.unitId() < 1 || d.unitId() > 247) {
        throw problem(at + "/unitId", field + ".unitId", "must be 1 to 247");
      }
      if (!unitIdsPerLink.add(d.link() + "#" + d.unitId())) {
        throw problem(
            at + "/unitId",
            field + ".unitId",
            "unit id " + d.unitId() + " is already used on link '" + d.link() + "'");
      }
      if (!PROFILES.contains(d.profile())) {
        throw problem(
            at + "/profile",
            field + ".profile",
            "unknown drive profile '"
                + d.profile()
                + "' (known: "
                + String.join(", ", PROFILES)
                + ")");
      }
      drives.add(d);
    }
    unique(drives, DriveSpec::name, "/drives", "drives");

    List<MotorSpec> motors = new ArrayList<>();
    List<MotorSpec> rawMotors = orEmpty(raw.motors());
    for (int i = 0; i < rawMotors.size(); i++) {
      MotorSpec m = rawMotors.get(i).withDefaults();
      String at = "/motors/" + i;
      String field = "motors[" + i + "]";
      checkName(at + "/name", field + ".name", m.name());
      reference(at + "/drive", field + ".drive", m.drive(), drives, DriveSpec::name, "drive");
      identification.nameplate(at, field, m.manufacturer(), m.model(), m.serialNumber());
      if (m.incrementsPerRev() <= 0) {
        throw problem(at + "/incrementsPerRev", field + ".incrementsPerRev", "must be positive");
      }
      motors.add(m);
    }
    unique(motors, MotorSpec::name, "/motors", "motors");

    List<ReducerSpec> reducers = new ArrayList<>();
    List<ReducerSpec> rawReducers = orEmpty(raw.reducers());
    for (int i = 0; i < rawReducers.size(); i++) {
      ReducerSpec r = rawReducers.get(i).withDefaults();
      String at = "/reducers/" + i;
      String field = "reducers[" + i + "]";
      checkName(at + "/name", field + ".name", r.name());
      if (!(r.ratio() > 0)) {
        throw problem(at + "/ratio", field + ".ratio", "must be positive, not " + r.ratio());
      }
      if (r.pitch() != null && !(r.pitch() > 0)) {
        throw problem(at + "/pitch", field + ".pitch", "must be positive, not " + r.pitch());
      }
      reducers.add(r);
    }
    unique(reducers, ReducerSpec::name, "/reducers", "reducers");

    List<AxisSpec> axes = new ArrayList<>();
    List<AxisSpec> rawAxes = orEmpty(raw.axes());
    Set<String> usedMotors = new HashSet<>();
    for (int i = 0; i < rawAxes.size(); i++) {
      AxisSpec a = rawAxes.get(i).withDefaults();
      String at = "/axes/" + i;
      String field = "axes[" + i + "]";
      checkName(at + "/name", field + ".name", a.name());
      reference(at + "/motor", field + ".motor", a.motor(), motors, MotorSpec::name, "motor");
      if (!usedMotors.add(a.motor())) {
        throw problem(
            at + "/motor",
            field + ".motor",
            "motor '" + a.motor() + "' already moves another axis");
      }
      reference(
          at + "/reducer", field + ".reducer", a.reducer(), reducers, ReducerSpec::name, "reducer");
      if (!MOTION_PROFILES.contains(a.motionProfile())) {
        throw problem(
            at + "/motionProfile",
            field + ".motionProfile",
            "must be one of rotary, rotary-endless, linear, linear-endless, not '"
                + a.motionProfile()
                + "'");
      }
      ReducerSpec reducer =
          reducers.stream().filter(r -> r.name().equals(a.reducer())).findFirst().orElseThrow();
      if (a.isLinear() && reducer.pitch() == null) {
        throw problem(
            at + "/reducer",
            field + ".reducer",
            "linear axis needs a pitch (mm per load revolution) on reducer '" + a.reducer() + "'");
      }
      LimitsSpec lim = a.limits();
      if (!(lim.min() < lim.max())) {
        throw problem(
            at + "/limits",
            field + ".limits",
            "min " + lim.min() + " must be below max " + lim.max());
      }
      positive(
          at + "/followingErrorLimit", field + ".followingErrorLimit", a.followingErrorLimit());
      positive(at + "/limits/velocity", field + ".limits.velocity", lim.velocity());
      positive(at + "/limits/acceleration", field + ".limits.acceleration", lim.acceleration());
      positive(at + "/limits/deceleration", field + ".limits.deceleration", lim.deceleration());
      axes.add(a);
    }
    unique(axes, AxisSpec::name, "/axes", "axes");
    List<GroupSpec> groups = groups(orEmpty(raw.groups()), axes);

    return new MachineConfig(
        server,
        raw.machine().withDefaults(),
        links,
        drives,
        motors,
        reducers,
        axes,
        groups,
        source);
  }

  /**
   * Groups: known member axes, each axis in one group at most, a safe pose of one position per axis
   * within its limits, and no {@code continue} for mechanically coupled axes.
   */
  private List<GroupSpec> groups(List<GroupSpec> rawGroups, List<AxisSpec> axes)
      throws ConfigException {
    List<GroupSpec> groups = new ArrayList<>();
    java.util.Map<String, String> groupOfAxis = new java.util.HashMap<>();
    for (int i = 0; i < rawGroups.size(); i++) {
      GroupSpec g = rawGroups.get(i).withDefaults();
      String at = "/groups/" + i;
      String field = "groups[" + i + "]";
      checkName(at + "/name", field + ".name", g.name());
      if (g.axes().isEmpty()) {
        throw problem(at, field + ".axes", "a group needs at least one axis");
      }
      for (int j = 0; j < g.axes().size(); j++) {
        String axis = g.axes().get(j);
        String axisAt = at + "/axes/" + j;
        String axisField = field + ".axes[" + j + "]";
        reference(axisAt, axisField, axis, axes, AxisSpec::name, "axis");
        String other = groupOfAxis.putIfAbsent(axis, g.name());
        if (other != null) {
          throw problem(
              axisAt,
              axisField,
              "axis '" + axis + "' is already a member of group '" + other + "'");
        }
      }
      if (!Set.of(GroupSpec.STOP, GroupSpec.SAFE_POSE, GroupSpec.CONTINUE)
          .contains(g.faultReaction())) {
        throw problem(
            at + "/faultReaction",
            field + ".faultReaction",
            "must be stop, safe-pose or continue, not '" + g.faultReaction() + "'");
      }
      if (g.faultReaction().equals(GroupSpec.CONTINUE) && g.coupled()) {
        throw problem(
            at + "/faultReaction",
            field + ".faultReaction",
            "continue is refused for a coupled group: its axes must never move on alone"
                + " (use stop or safe-pose)");
      }
      if (!Set.of(GroupSpec.DRIVE_PROFILES, GroupSpec.INTERPOLATED).contains(g.mode())) {
        throw problem(
            at + "/mode",
            field + ".mode",
            "must be drive-profiles or interpolated, not '" + g.mode() + "'");
      }
      if (g.cycleMs() < 1 || g.cycleMs() > 1000) {
        throw problem(at + "/cycleMs", field + ".cycleMs", "must be 1 to 1000, not " + g.cycleMs());
      }
      if (g.realtimePriority() < 0 || g.realtimePriority() > 99) {
        throw problem(
            at + "/realtimePriority",
            field + ".realtimePriority",
            "must be 0 (off) or a SCHED_FIFO priority 1 to 99, not " + g.realtimePriority());
      }
      positive(
          at + "/followingErrorLimit", field + ".followingErrorLimit", g.followingErrorLimit());
      if (g.pairTolerance() != null) {
        if (!g.coupled()) {
          throw problem(
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

  private void checkSafePose(GroupSpec g, String at, String field, List<AxisSpec> axes)
      throws ConfigException {
    if (g.safePose() == null) {
      if (g.faultReaction().equals(GroupSpec.SAFE_POSE)) {
        throw problem(
            at + "/faultReaction",
            field + ".safePose",
            "is required for faultReaction safe-pose (one position per axis: "
                + String.join(", ", g.axes())
                + ")");
      }
      return;
    }
    if (g.safePose().size() != g.axes().size()) {
      throw problem(
          at + "/safePose",
          field + ".safePose",
          "has "
              + g.safePose().size()
              + " positions for "
              + g.axes().size()
              + " axes ("
              + String.join(", ", g.axes())
              + ")");
    }
    for (int j = 0; j < g.safePose().size(); j++) {
      String axisName = g.axes().get(j);
      Double p = g.safePose().get(j);
      LimitsSpec lim =
          axes.stream().filter(a -> a.name().equals(axisName)).findFirst().orElseThrow().limits();
      if (p == null || !(p >= lim.min() && p <= lim.max())) {
        throw problem(
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
  private void checkAccess(ServerSpec server) throws ConfigException {
    if (server.allowAnonymous() != null) {
      throw problem(
          "/server/allowAnonymous",
          "server.allowAnonymous",
          "replaced by 'anonymous: off | viewer | operator' (the role anonymous sessions get)");
    }
    if (!ServerSpec.ANONYMOUS_VALUES.contains(server.anonymous())) {
      throw problem(
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
        throw problem(at, field + ".name", "is required");
      }
      if (!USER_NAME.matcher(u.name()).matches()) {
        throw problem(
            at + "/name",
            field + ".name",
            "'"
                + u.name()
                + "' is not a usable user name (1 to 64 letters, digits, '_', '.', '-', '@')");
      }
      if (u.passwordHash() == null) {
        throw problem(at, field + ".passwordHash", "is required (make one with 'motionua passwd')");
      }
      if (!PasswordHash.isHash(u.passwordHash())) {
        throw problem(
            at + "/passwordHash",
            field + ".passwordHash",
            "is not a bcrypt hash ('$2b$', a cost from 04 to 14, '$', 53 characters); make one with"
                + " 'motionua passwd', and quote it in the file");
      }
      if (u.role() == null) {
        throw problem(at, field + ".role", "is required (" + Role.configNames() + ")");
      }
      if (Role.fromConfigName(u.role()).isEmpty()) {
        throw problem(
            at + "/role",
            field + ".role",
            "unknown role '" + u.role() + "' (known: " + Role.configNames() + ")");
      }
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < users.size(); i++) {
      String name = users.get(i).name();
      if (!seen.add(name)) {
        throw problem(
            "/server/users/" + i + "/name",
            "server.users[" + i + "].name",
            "'" + name + "' is already the name of another user");
      }
    }
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  private void checkName(String pointer, String field, String name) throws ConfigException {
    if (name == null) {
      throw problem(pointer.substring(0, pointer.lastIndexOf('/')), field, "is required");
    }
    if (!NAME.matcher(name).matches()) {
      throw problem(
          pointer,
          field,
          "'" + name + "' is not a usable name (a letter, then letters, digits, '_', '.', '-')");
    }
  }

  private void positive(String pointer, String field, Number value) throws ConfigException {
    if (!(value.doubleValue() > 0)) {
      throw problem(pointer, field, "must be positive, not " + value);
    }
  }

  private <T> void reference(
      String pointer,
      String field,
      String name,
      List<T> candidates,
      Function<T, String> nameOf,
      String what)
      throws ConfigException {
    if (name == null) {
      throw problem(pointer.substring(0, pointer.lastIndexOf('/')), field, "is required");
    }
    if (candidates.stream().noneMatch(c -> nameOf.apply(c).equals(name))) {
      String known = candidates.stream().map(nameOf).collect(Collectors.joining(", "));
      throw problem(
          pointer,
          field,
          "no "
              + what
              + " named '"
              + name
              + "'"
              + (known.isEmpty() ? "" : " (known: " + known + ")"));
    }
  }

  private <T> void unique(List<T> specs, Function<T, String> nameOf, String pointer, String field)
      throws ConfigException {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < specs.size(); i++) {
      String name = nameOf.apply(specs.get(i));
      if (!seen.add(name)) {
        throw problem(
            pointer + "/" + i + "/name",
            field + "[" + i + "].name",
            "'" + name + "' is already the name of another entry");
      }
    }
  }

  private ConfigException problem(String pointer, String field, String message) {
    return new ConfigException(locations.at(pointer) + field + ": " + message);
  }
}
