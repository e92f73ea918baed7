package io.motionua.drivers.profile;

import io.motionua.drivers.DriveSignals;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a profile's {@code motion:} section (its shape is already checked by the schema) and checks
 * what a schema cannot: that every signal it names exists, that writes go to writable signals and
 * status bits to 16-bit registers, and that a trigger drive maps {@code positionActual}. Each
 * problem is added with its line and column; reading goes on after one.
 */
final class MotionSectionReader {

  private final String file;
  private final Map<String, SignalSpec> signals;
  private final List<ProfileException> problems;

  MotionSectionReader(
      String file, Map<String, SignalSpec> signals, List<ProfileException> problems) {
    this.file = file;
    this.signals = signals;
    this.problems = problems;
  }

  /** The trigger scheme the section declares, or null for CiA 402 (or when it has problems). */
  TriggerMotion read(YamlNode section) {
    Map<String, YamlNode> m = section.map();
    if (!"trigger".equals(text(m.get("scheme")))) {
      return null;
    }
    int before = problems.size();
    if (!signals.containsKey(DriveSignals.POSITION_ACTUAL)) {
      problem(section, "a trigger drive needs a positionActual signal (increments)");
    }
    Map<String, YamlNode> status = m.get("status").map();
    TriggerMotion motion =
        new TriggerMotion(
            write(m.get("enable"), "enable"),
            write(m.get("disable"), "disable"),
            command(m.get("move"), "move", "target"),
            command(m.get("velocityMove"), "velocityMove", null),
            write(m.get("halt"), "halt"),
            write(m.get("stop"), "stop"),
            write(m.get("home"), "home"),
            write(m.get("reset"), "reset"),
            command(m.get("setPosition"), "setPosition", "position"),
            bit(status.get("enabled"), "status.enabled"),
            bit(status.get("inPosition"), "status.inPosition"),
            bit(status.get("moving"), "status.moving"),
            bit(status.get("alarm"), "status.alarm"),
            bit(status.get("homeDone"), "status.homeDone"),
            readable(m.get("faultCode"), "faultCode"),
            faultTexts(m.get("faultTexts")),
            "true".equals(text(m.get("confirmWrites"))));
    return problems.size() == before ? motion : null;
  }

  private SignalWrite write(YamlNode node, String what) {
    if (node == null) {
      return null;
    }
    Map<String, YamlNode> m = node.map();
    YamlNode signalNode = m.get("signal");
    SignalSpec spec = signals.get(text(signalNode));
    if (spec == null) {
      problem(signalNode, "%s: no signal %s in the profile".formatted(what, text(signalNode)));
    } else if (!spec.writable()) {
      problem(signalNode, "%s: signal %s is not writable (access rw)".formatted(what, spec.name()));
    }
    long value = m.containsKey("value") ? Long.decode(text(m.get("value"))) : 0;
    int edge = m.containsKey("risingEdge") ? Integer.parseInt(text(m.get("risingEdge"))) : -1;
    if (edge >= 0 && spec != null && spec.table().isBitTable()) {
      problem(m.get("risingEdge"), what + ": a rising edge needs a register, not a coil");
    }
    return new SignalWrite(text(signalNode), value, edge);
  }

  private MotionCommand command(YamlNode node, String what, String positionKey) {
    if (node == null) {
      return null;
    }
    Map<String, YamlNode> m = node.map();
    String target =
        positionKey == null ? null : value(m.get(positionKey), what + "." + positionKey);
    return new MotionCommand(
        target,
        value(m.get("velocity"), what + ".velocity"),
        value(m.get("acceleration"), what + ".acceleration"),
        value(m.get("deceleration"), what + ".deceleration"),
        write(m.get("trigger"), what + ".trigger"));
  }

  /** A writable numeric signal for a command's values. */
  private String value(YamlNode node, String what) {
    if (node == null) {
      return null;
    }
    SignalSpec spec = signals.get(text(node));
    if (spec == null) {
      problem(node, "%s: no signal %s in the profile".formatted(what, text(node)));
    } else if (!spec.writable() || spec.table().isBitTable()) {
      problem(node, "%s: signal %s is not a writable register".formatted(what, spec.name()));
    }
    return text(node);
  }

  private String readable(YamlNode node, String what) {
    if (node == null) {
      return null;
    }
    if (!signals.containsKey(text(node))) {
      problem(node, "%s: no signal %s in the profile".formatted(what, text(node)));
    }
    return text(node);
  }

  private StatusBit bit(YamlNode node, String what) {
    if (node == null) {
      return null;
    }
    Map<String, YamlNode> m = node.map();
    YamlNode signalNode = m.get("signal");
    SignalSpec spec = signals.get(text(signalNode));
    if (spec == null) {
      problem(signalNode, "%s: no signal %s in the profile".formatted(what, text(signalNode)));
    } else if (spec.type() != DataType.UINT16 && spec.type() != DataType.INT16) {
      problem(
          signalNode,
          "%s: signal %s is %s; status bits are read from a 16-bit register (uint16 or int16)"
              .formatted(what, spec.name(), spec.type().name().toLowerCase(java.util.Locale.ROOT)));
    }
    return new StatusBit(
        text(signalNode),
        Integer.parseInt(text(m.get("bit"))),
        "true".equals(text(m.get("activeLow"))));
  }

  private Map<Integer, String> faultTexts(YamlNode node) {
    Map<Integer, String> texts = new HashMap<>();
    if (node != null) {
      for (Map.Entry<String, YamlNode> e : node.map().entrySet()) {
        texts.put(Integer.decode(e.getKey()), text(e.getValue()));
      }
    }
    return texts;
  }

  private static String text(YamlNode node) {
    return node == null ? null : node.text();
  }

  private void problem(YamlNode node, String message) {
    problems.add(new ProfileException(file, node.line(), node.column(), message, null));
  }
}
