package io.motionua.drivers.profile;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads drive profiles from YAML (format: docs/drivers.md). Every error names the file, line,
 * column and, where one is at fault, the signal; a profile whose signals overlap or run past the
 * last register is refused.
 */
public final class ProfileLoader {

  /** The profiles shipped in the jar, under {@code profiles/}. */
  public static final List<String> BUILT_IN =
      List.of("motionua-sim", "cia402-modbus", "applied-motion-sv200", "xinje-ds2");

  private static final Set<String> PROFILE_KEYS =
      Set.of(
          "name",
          "description",
          "source",
          "verifiedOnHardware",
          "maxReadRegisters",
          "maxWriteRegisters",
          "singleWritesWithFc06",
          "wordOrder",
          "startTrigger",
          "signals",
          "motion");
  private static final Set<String> SIGNAL_KEYS =
      Set.of(
          "address",
          "type",
          "bit",
          "length",
          "wordOrder",
          "scale",
          "offset",
          "access",
          "unit",
          "description",
          "writeOnChange");

  private final String file;

  private ProfileLoader(String file) {
    this.file = file;
  }

  public static DriveProfile load(Path path) throws ProfileException {
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      return load(path.toString(), reader);
    } catch (IOException e) {
      throw new ProfileException(path.toString(), 1, 1, "cannot read: " + e.getMessage(), e);
    }
  }

  /** A built-in profile by name, e.g. {@code motionua-sim}. */
  public static DriveProfile builtIn(String name) throws ProfileException {
    String resource = "profiles/" + name + ".yaml";
    InputStream in = ProfileLoader.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new ProfileException(
          resource, 1, 1, "no built-in profile %s (have %s)".formatted(name, BUILT_IN), null);
    }
    try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      return load(resource, reader);
    } catch (IOException e) {
      throw new ProfileException(resource, 1, 1, "cannot read: " + e.getMessage(), e);
    }
  }

  /** Reads a profile; {@code file} only names the source in messages. */
  public static DriveProfile load(String file, Reader reader) throws ProfileException {
    return new ProfileLoader(file).profile(YamlNode.parse(file, reader));
  }

  /**
   * Checks the document against the schema first (every schema error, with its place), then what a
   * schema cannot say (overlaps, references of the motion section), again collecting every problem.
   */
  private DriveProfile profile(YamlNode root) throws ProfileException {
    List<ProfileException> problems = ProfileSchema.validate(file, root);
    if (!problems.isEmpty()) {
      throw ProfileException.of(problems);
    }
    Map<String, YamlNode> map = map(root, "the profile", PROFILE_KEYS);
    String name = required(map, root, "name", "the profile").text();
    WordOrder defaultOrder = wordOrder(map.get("wordOrder"), WordOrder.BIG_ENDIAN, null);
    YamlNode signalsNode = required(map, root, "signals", "the profile");
    Map<String, YamlNode> signalNodes = map(signalsNode, "signals", null);
    List<SignalSpec> specs = new ArrayList<>();
    List<YamlNode> nodes = new ArrayList<>();
    Set<String> writeOnChange = new LinkedHashSet<>();
    for (Map.Entry<String, YamlNode> entry : signalNodes.entrySet()) {
      SignalSpec spec;
      try {
        spec = signal(entry.getKey(), entry.getValue(), defaultOrder);
      } catch (ProfileException e) {
        problems.add(e);
        continue;
      }
      for (int i = 0; i < specs.size(); i++) {
        if (spec.overlaps(specs.get(i))) {
          problems.add(
              error(
                  entry.getValue(),
                  "signal %s overlaps signal %s (line %d) in %s"
                      .formatted(
                          spec.name(),
                          specs.get(i).name(),
                          nodes.get(i).line(),
                          RegisterAddress.name(spec.table()))));
        }
      }
      specs.add(spec);
      nodes.add(entry.getValue());
      if (bool(entry.getValue().map().get("writeOnChange"), false)) {
        if (!spec.writable()) {
          problems.add(
              error(
                  entry.getValue(),
                  "signal %s: writeOnChange needs access rw".formatted(spec.name())));
        }
        writeOnChange.add(spec.name());
      }
    }
    Map<String, SignalSpec> byName = new java.util.LinkedHashMap<>();
    specs.forEach(spec -> byName.put(spec.name(), spec));
    TriggerMotion motion =
        map.containsKey("motion")
            ? new MotionSectionReader(file, byName, problems).read(map.get("motion"))
            : null;
    if (!problems.isEmpty()) {
      throw ProfileException.of(problems);
    }
    int maxRead = integer(map.get("maxReadRegisters"), DriveProfile.MODBUS_MAX_READ, null);
    int maxWrite = integer(map.get("maxWriteRegisters"), DriveProfile.MODBUS_MAX_WRITE, null);
    boolean fc06 = bool(map.get("singleWritesWithFc06"), false);
    boolean verified = bool(map.get("verifiedOnHardware"), false);
    StartTrigger trigger = null;
    YamlNode triggerNode = map.get("startTrigger");
    if (triggerNode != null) {
      Map<String, YamlNode> t = map(triggerNode, "startTrigger", Set.of("signal", "value"));
      trigger =
          new StartTrigger(
              required(t, triggerNode, "signal", "startTrigger").text(),
              integer(required(t, triggerNode, "value", "startTrigger"), 0, null));
    }
    try {
      DriveProfile profile =
          new DriveProfile(name, specs, maxRead, maxWrite, fc06, trigger, verified)
              .withWriteOnChange(writeOnChange);
      return motion == null ? profile : profile.withMotion(motion);
    } catch (IllegalArgumentException e) {
      throw error(root, e.getMessage());
    }
  }

  private SignalSpec signal(String name, YamlNode node, WordOrder defaultOrder)
      throws ProfileException {
    String who = "signal " + name;
    Map<String, YamlNode> map = map(node, who, SIGNAL_KEYS);
    YamlNode addressNode = required(map, node, "address", who);
    RegisterAddress address;
    try {
      address = RegisterAddress.parse(addressNode.text());
    } catch (IllegalArgumentException e) {
      throw error(addressNode, who + ": " + e.getMessage());
    }
    YamlNode typeNode = required(map, node, "type", who);
    DataType type = enumValue(DataType.class, typeNode, who + ": type");
    String access = map.containsKey("access") ? map.get("access").text() : "r";
    if (!"r".equals(access) && !"rw".equals(access)) {
      throw error(map.get("access"), who + ": access '%s' is not r or rw".formatted(access));
    }
    try {
      return new SignalSpec(
          name,
          address.table(),
          address.address(),
          type,
          number(map.get("scale"), 1.0, who),
          number(map.get("offset"), 0.0, who),
          "rw".equals(access),
          wordOrder(map.get("wordOrder"), defaultOrder, who),
          integer(map.get("bit"), -1, who),
          integer(map.get("length"), 0, who));
    } catch (IllegalArgumentException e) {
      throw error(node, e.getMessage());
    }
  }

  // ---- typed access to nodes, each error at the node ----

  private Map<String, YamlNode> map(YamlNode node, String what, Set<String> allowed)
      throws ProfileException {
    if (!node.isMap()) {
      throw error(node, what + " must be a mapping");
    }
    if (allowed != null) {
      for (Map.Entry<String, YamlNode> entry : node.map().entrySet()) {
        if (!allowed.contains(entry.getKey())) {
          throw error(
              entry.getValue(),
              "%s: unknown key %s (known: %s)"
                  .formatted(
                      what, entry.getKey(), String.join(", ", allowed.stream().sorted().toList())));
        }
      }
    }
    return node.map();
  }

  private YamlNode required(Map<String, YamlNode> map, YamlNode parent, String key, String what)
      throws ProfileException {
    YamlNode node = map.get(key);
    if (node == null || (node.value() == null)) {
      throw error(parent, "%s: %s is missing".formatted(what, key));
    }
    return node;
  }

  private int integer(YamlNode node, int fallback, String who) throws ProfileException {
    if (node == null) {
      return fallback;
    }
    try {
      return Integer.decode(String.valueOf(node.text()).trim());
    } catch (NumberFormatException e) {
      throw error(node, prefix(who) + "'%s' is not an integer".formatted(node.text()));
    }
  }

  private double number(YamlNode node, double fallback, String who) throws ProfileException {
    if (node == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(String.valueOf(node.text()).trim());
    } catch (NumberFormatException e) {
      throw error(node, prefix(who) + "'%s' is not a number".formatted(node.text()));
    }
  }

  private boolean bool(YamlNode node, boolean fallback) throws ProfileException {
    if (node == null) {
      return fallback;
    }
    String text = String.valueOf(node.text());
    if (!text.equals("true") && !text.equals("false")) {
      throw error(node, "'%s' is not true or false".formatted(text));
    }
    return Boolean.parseBoolean(text);
  }

  private WordOrder wordOrder(YamlNode node, WordOrder fallback, String who)
      throws ProfileException {
    if (node == null) {
      return fallback;
    }
    return switch (String.valueOf(node.text()).toUpperCase(Locale.ROOT)) {
      case "ABCD" -> WordOrder.BIG_ENDIAN;
      case "CDAB" -> WordOrder.WORD_SWAPPED;
      case "BADC" -> WordOrder.BYTE_SWAPPED;
      case "DCBA" -> WordOrder.LITTLE_ENDIAN;
      default -> enumValue(WordOrder.class, node, prefix(who) + "wordOrder");
    };
  }

  private <E extends Enum<E>> E enumValue(Class<E> type, YamlNode node, String what)
      throws ProfileException {
    String text = String.valueOf(node.text());
    for (E value : type.getEnumConstants()) {
      if (value.name().replace('_', '-').equalsIgnoreCase(text)) {
        return value;
      }
    }
    List<String> names = new ArrayList<>();
    for (E value : type.getEnumConstants()) {
      names.add(value.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
    throw error(node, "%s '%s' is not one of %s".formatted(what, text, names));
  }

  private static String prefix(String who) {
    return who == null ? "" : who + ": ";
  }

  private ProfileException error(YamlNode node, String message) {
    return new ProfileException(file, node.line(), node.column(), message, null);
  }
}
