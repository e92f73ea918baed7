package io.motionua.server.config;

import io.motionua.drivers.profile.DataType;
import io.motionua.drivers.profile.DriveProfile;
import io.motionua.drivers.profile.RegisterAddress;
import io.motionua.drivers.profile.RegisterTable;
import io.motionua.drivers.profile.SignalSpec;
import io.motionua.drivers.profile.WordOrder;
import io.motionua.server.security.Role;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks the {@code devices} section (plain Modbus devices and their tags) and makes each device's
 * register map: a profile whose signals are the tags, polled like a drive's.
 */
final class IoDeviceChecks {

  private static final Pattern UNECE = Pattern.compile("[A-Z0-9]{2,3}");
  private static final Set<String> TYPES =
      Set.of("bool", "int16", "uint16", "int32", "uint32", "float32");

  private final Problems problems;
  private final ConfigValidator validator;

  IoDeviceChecks(Problems problems, ConfigValidator validator) {
    this.problems = problems;
    this.validator = validator;
  }

  /**
   * The checked devices; their profiles go into {@code profiles} by device name.
   *
   * @param usedUnits link#unit of every drive, so a device cannot take a drive's unit id
   * @param deviceNames names already taken on links (the drives'), shared with devices
   */
  List<IoDeviceSpec> devices(
      List<IoDeviceSpec> raw,
      List<LinkSpec> links,
      Set<String> usedUnits,
      Set<String> deviceNames,
      Map<String, DriveProfile> profiles) {
    List<IoDeviceSpec> devices = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      if (raw.get(i) == null) {
        continue;
      }
      IoDeviceSpec d = raw.get(i).withDefaults();
      String at = "/devices/" + i;
      String field = "devices[" + i + "]";
      validator.checkName(at + "/name", field + ".name", d.name());
      if (d.name() != null && !deviceNames.add(d.name())) {
        problems.add(
            at + "/name", field + ".name", "'" + d.name() + "' is already a drive or device");
      }
      validator.reference(at + "/link", field + ".link", d.link(), links, LinkSpec::name, "link");
      if (d.unitId() == null || d.unitId() < 1 || d.unitId() > 247) {
        problems.add(at + "/unitId", field + ".unitId", "must be 1 to 247");
      } else if (!usedUnits.add(d.link() + "#" + d.unitId())) {
        problems.add(
            at + "/unitId",
            field + ".unitId",
            "unit id " + d.unitId() + " is already used on link '" + d.link() + "'");
      }
      if (d.pollMs() != null) {
        validator.positive(at + "/pollMs", field + ".pollMs", d.pollMs());
      }
      if (d.tags().isEmpty()) {
        problems.add(at, field + ".tags", "a device needs at least one tag");
      }
      List<SignalSpec> signals = new ArrayList<>();
      Set<String> tagNames = new HashSet<>();
      for (int t = 0; t < d.tags().size(); t++) {
        TagSpec tag = d.tags().get(t);
        String tagAt = at + "/tags/" + t;
        String tagField = field + ".tags[" + t + "]";
        if (tag == null) {
          problems.add(tagAt, tagField, "is empty");
          continue;
        }
        validator.checkName(tagAt + "/name", tagField + ".name", tag.name());
        if (tag.name() != null && !tagNames.add(tag.name())) {
          problems.add(tagAt + "/name", tagField + ".name", "'" + tag.name() + "' appears twice");
        }
        SignalSpec signal = signal(tag, tagAt, tagField);
        if (signal != null) {
          signals.add(signal);
        }
      }
      if (signals.size() == d.tags().size() && !signals.isEmpty()) {
        try {
          profiles.put(d.name(), new DriveProfile("device " + d.name(), signals, 125, 123));
        } catch (IllegalArgumentException e) {
          problems.add(at + "/tags", field + ".tags", e.getMessage());
        }
      }
      devices.add(d);
    }
    return devices;
  }

  /** The tag's signal, or null after reporting what is wrong with it. */
  private SignalSpec signal(TagSpec tag, String at, String field) {
    if (tag.address() == null) {
      problems.add(at, field + ".address", "is required (e.g. coil:1, 30001)");
      return null;
    }
    RegisterAddress address;
    try {
      address = RegisterAddress.parse(tag.address());
    } catch (IllegalArgumentException e) {
      problems.add(at + "/address", field + ".address", e.getMessage());
      return null;
    }
    RegisterTable table = address.table();
    String type = tag.type() != null ? tag.type() : table.isBitTable() ? "bool" : "uint16";
    boolean ok = true;
    if (!TYPES.contains(type)) {
      ok = problems.add(at + "/type", field + ".type", "must be one of " + sorted(TYPES));
    } else if (table.isBitTable() != type.equals("bool")) {
      ok =
          problems.add(
              at + "/type",
              field + ".type",
              table.isBitTable()
                  ? "a " + RegisterAddress.name(table) + " holds a bool, not " + type
                  : "a register holds a number (int16, uint16, ...), not bool");
    }
    if (tag.isWritable() && !table.isWritable()) {
      ok =
          problems.add(
              at + "/writable",
              field + ".writable",
              "a " + RegisterAddress.name(table) + " cannot be written");
    }
    if (tag.role() != null
        && Role.fromConfigName(tag.role()).filter(r -> r != Role.VIEWER).isEmpty()) {
      ok = problems.add(at + "/role", field + ".role", "must be operator, engineer or admin");
    }
    if (tag.unit() != null && !UNECE.matcher(tag.unit()).matches()) {
      ok =
          problems.add(
              at + "/unit",
              field + ".unit",
              "'" + tag.unit() + "' is not a UNECE common code (2-3 capitals or digits: BAR, CEL)");
    }
    if (tag.range() != null
        && (tag.range().size() != 2 || !(tag.range().get(0) < tag.range().get(1)))) {
      ok = problems.add(at + "/range", field + ".range", "must be [low, high] with low < high");
    }
    if (tag.scale() != null && (tag.scale() == 0 || !Double.isFinite(tag.scale()))) {
      ok = problems.add(at + "/scale", field + ".scale", "must be a finite number other than 0");
    }
    if (table.isBitTable() && (tag.scale() != null || tag.offset() != null)) {
      ok = problems.add(at + "/scale", field + ".scale", "a bool has no scale or offset");
    }
    if (!ok || tag.name() == null) {
      return null;
    }
    try {
      return new SignalSpec(
          tag.name(),
          table,
          address.address(),
          DataType.valueOf(type.toUpperCase(Locale.ROOT)),
          tag.scale() == null ? 1.0 : tag.scale(),
          tag.offset() == null ? 0.0 : tag.offset(),
          tag.isWritable(),
          WordOrder.BIG_ENDIAN,
          -1,
          0);
    } catch (IllegalArgumentException e) {
      problems.add(at, field, e.getMessage());
      return null;
    }
  }

  private static List<String> sorted(Set<String> names) {
    return names.stream().sorted().toList();
  }
}
