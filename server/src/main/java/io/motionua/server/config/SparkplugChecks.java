package io.motionua.server.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks the {@code sparkplug} section. Ids must be valid MQTT topic levels (Sparkplug forbids
 * {@code + # /}); broker URLs must be {@code tcp://} or {@code ssl://} with a host and a port; key
 * and trust store files must exist (their contents are read when connecting: a wrong password or
 * certificate then stops publication with a log line, not the OPC UA server).
 */
final class SparkplugChecks {

  /** Printable, without the topic separators and wildcards Sparkplug forbids in ids. */
  private static final Pattern ID = Pattern.compile("[^/+#\\s]{1,64}");

  private SparkplugChecks() {}

  static SparkplugSpec check(
      SparkplugSpec raw,
      MachineSpec machine,
      Path source,
      List<AxisSpec> axes,
      List<IoDeviceSpec> ioDevices,
      List<UserSpec> users,
      Problems problems) {
    if (raw == null) {
      return null;
    }
    SparkplugSpec s = raw.withDefaults(machine.name());
    if (s.brokers().isEmpty()) {
      problems.add("/sparkplug", "sparkplug.brokers", "is required (e.g. [tcp://broker:1883])");
    }
    for (int i = 0; i < s.brokers().size(); i++) {
      broker(
          s.brokers().get(i), "/sparkplug/brokers/" + i, "sparkplug.brokers[" + i + "]", problems);
    }
    if (s.groupId() == null) {
      problems.add("/sparkplug", "sparkplug.groupId", "is required (the plant area, e.g. hall-2)");
    } else {
      id(s.groupId(), "/sparkplug/groupId", "sparkplug.groupId", problems);
    }
    id(s.edgeNodeId(), "/sparkplug/edgeNodeId", "sparkplug.edgeNodeId", problems);
    if (s.primaryHostId() != null) {
      id(s.primaryHostId(), "/sparkplug/primaryHostId", "sparkplug.primaryHostId", problems);
    }
    if (s.password() != null && s.user() == null) {
      problems.add("/sparkplug/password", "sparkplug.password", "needs a sparkplug.user");
    }
    file(s.trustStore(), source, "/sparkplug/trustStore", "sparkplug.trustStore", problems);
    file(s.keyStore(), source, "/sparkplug/keyStore", "sparkplug.keyStore", problems);
    if (s.storeAndForwardMb() < 1 || s.storeAndForwardMb() > 100_000) {
      problems.add(
          "/sparkplug/storeAndForwardMb",
          "sparkplug.storeAndForwardMb",
          "must be 1 to 100000, not " + s.storeAndForwardMb());
    }
    if (!(s.deadband() >= 0)) {
      problems.add(
          "/sparkplug/deadband", "sparkplug.deadband", "must be 0 or more, not " + s.deadband());
    }
    for (Map.Entry<String, Double> e : s.deadbands().entrySet()) {
      if (e.getValue() == null || !(e.getValue() >= 0)) {
        problems.add(
            "/sparkplug/deadbands/" + e.getKey(),
            "sparkplug.deadbands." + e.getKey(),
            "must be 0 or more, not " + e.getValue());
      }
    }
    if (s.reconnectMs() < 100) {
      problems.add(
          "/sparkplug/reconnectMs",
          "sparkplug.reconnectMs",
          "must be at least 100, not " + s.reconnectMs());
    }
    commands(raw.commands(), writableMetrics(machine, axes, ioDevices), users, problems);
    return s;
  }

  /**
   * The published metrics that could take commands, by name, each with whether it is writable in
   * OPC UA: an axis's setpoints (TargetVelocity, the software limits, ModuloDirection) and the tags
   * of plain devices (writable with {@code writable: true}).
   */
  private static Map<String, Boolean> writableMetrics(
      MachineSpec machine, List<AxisSpec> axes, List<IoDeviceSpec> ioDevices) {
    Map<String, Boolean> metrics = new LinkedHashMap<>();
    for (AxisSpec a : axes) {
      String params =
          "MotionDevices/%s/Axes/%s/ParameterSet/".formatted(machine.motionDevice(), a.name());
      a.setpoints().forEach(name -> metrics.put(params + name, true));
    }
    for (IoDeviceSpec d : ioDevices) {
      d.tags().forEach(t -> metrics.put("Devices/" + d.name() + "/" + t.name(), t.isWritable()));
    }
    return metrics;
  }

  /**
   * Each command names a writable metric (an axis's setpoint or a plain device's writable tag; an
   * axis's measured values are read-only in OPC UA too), once, and a user of server.users.
   */
  private static void commands(
      List<SparkplugCommandSpec> commands,
      Map<String, Boolean> tags,
      List<UserSpec> users,
      Problems problems) {
    if (commands == null) {
      return;
    }
    Set<String> userNames = new HashSet<>();
    users.forEach(u -> userNames.add(u.name()));
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < commands.size(); i++) {
      SparkplugCommandSpec c = commands.get(i);
      String at = "/sparkplug/commands/" + i;
      String field = "sparkplug.commands[" + i + "]";
      if (c == null) {
        problems.add(at, field, "needs metric and user");
        continue;
      }
      if (c.metric() == null) {
        problems.add(at, field + ".metric", "is required (e.g. Devices/gripper-io/VacuumValve)");
      } else if (!seen.add(c.metric())) {
        problems.add(at + "/metric", field + ".metric", "'" + c.metric() + "' is listed twice");
      } else if (!tags.containsKey(c.metric())) {
        problems.add(
            at + "/metric",
            field + ".metric",
            "'%s' is not a writable metric: only axes' setpoints and writable tags of plain devices take commands (%s)"
                .formatted(c.metric(), writable(tags)));
      } else if (!tags.get(c.metric())) {
        problems.add(
            at + "/metric",
            field + ".metric",
            "'%s' is read-only: the tag needs writable: true to take commands"
                .formatted(c.metric()));
      }
      if (c.user() == null) {
        problems.add(at, field + ".user", "is required (a user of server.users)");
      } else if (!userNames.contains(c.user())) {
        problems.add(
            at + "/user",
            field + ".user",
            "'%s' is not a user of server.users (%s)"
                .formatted(
                    c.user(), userNames.isEmpty() ? "none listed" : String.join(", ", userNames)));
      }
    }
  }

  private static String writable(Map<String, Boolean> tags) {
    List<String> names =
        tags.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
    return names.isEmpty()
        ? "this machine has none"
        : "this machine's: " + String.join(", ", names);
  }

  private static void broker(String url, String at, String field, Problems problems) {
    String hint = "'" + url + "' is not a broker URL (tcp://HOST:PORT or ssl://HOST:PORT)";
    if (url == null) {
      problems.add(at, field, hint);
      return;
    }
    try {
      URI uri = new URI(url);
      boolean schemeOk = "tcp".equals(uri.getScheme()) || "ssl".equals(uri.getScheme());
      if (!schemeOk || uri.getHost() == null || uri.getPort() < 1 || uri.getPort() > 65535) {
        problems.add(at, field, hint);
      } else if (uri.getPath() != null && !uri.getPath().isEmpty()) {
        problems.add(at, field, hint + ": no path after the port");
      }
    } catch (URISyntaxException e) {
      problems.add(at, field, hint);
    }
  }

  private static void id(String id, String at, String field, Problems problems) {
    if (id == null || !ID.matcher(id).matches()) {
      problems.add(
          at, field, "'" + id + "' must be 1 to 64 characters without '/', '+', '#' or spaces");
    }
  }

  private static void file(String name, Path source, String at, String field, Problems problems) {
    if (name == null) {
      return;
    }
    Path path = resolve(name, source);
    if (!Files.isReadable(path)) {
      problems.add(at, field, "no readable file " + path);
    }
  }

  /** A file named in the section, relative to the machine file. */
  static Path resolve(String name, Path source) {
    Path p = Path.of(name);
    if (p.isAbsolute() || source == null || source.getParent() == null) {
      return p;
    }
    return source.getParent().resolve(p);
  }
}
