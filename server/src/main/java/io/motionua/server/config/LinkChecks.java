package io.motionua.server.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the links of a machine file: the type, the fields that type needs (host and port, or the
 * serial line's settings), no fields of another type, and the timing fields.
 */
final class LinkChecks {

  /** The serial line's fields, which only an {@code rtu} link takes. */
  private static final List<String> SERIAL_FIELDS =
      List.of("device", "baud", "parity", "dataBits", "stopBits", "interFrameDelayMs", "rs485");

  private static final Set<String> PARITIES = Set.of("none", "even", "odd");

  private final Problems problems;
  private final ConfigValidator validator;
  private final Map<LinkSpec, Integer> fileIndex = new java.util.IdentityHashMap<>();

  LinkChecks(Problems problems, ConfigValidator validator) {
    this.problems = problems;
    this.validator = validator;
  }

  List<LinkSpec> links(List<LinkSpec> rawLinks) {
    List<LinkSpec> links = new ArrayList<>();
    for (int i = 0; i < rawLinks.size(); i++) {
      if (rawLinks.get(i) == null) {
        continue;
      }
      LinkSpec raw = rawLinks.get(i);
      LinkSpec l = raw.withDefaults();
      String at = "/links/" + i;
      String field = "links[" + i + "]";
      validator.checkName(at + "/name", field + ".name", l.name());
      switch (l.type()) {
        case LinkSpec.TCP, LinkSpec.RTU_OVER_TCP -> checkTcp(raw, l, at, field);
        case LinkSpec.RTU -> checkSerial(l, at, field);
        default ->
            problems.add(
                at + "/type",
                field + ".type",
                "must be tcp, rtu or rtu-over-tcp, not '" + l.type() + "'");
      }
      validator.positive(at + "/timeoutMs", field + ".timeoutMs", l.timeoutMs());
      validator.positive(at + "/pollMs", field + ".pollMs", l.pollMs());
      validator.positive(at + "/staleAfterMs", field + ".staleAfterMs", l.staleAfterMs());
      if (l.retries() < 0) {
        problems.add(at + "/retries", field + ".retries", "must not be negative");
      }
      checkPeriods(l.signalPeriods(), at, field);
      links.add(l);
      fileIndex.put(l, i);
    }
    return links;
  }

  /** A link's index in the file's list (entries left out for being empty count too). */
  int fileIndex(LinkSpec link) {
    return fileIndex.get(link);
  }

  /** The per-signal periods' values; their names are checked against the profiles later. */
  void checkPeriods(Map<String, Integer> periods, String at, String field) {
    for (Map.Entry<String, Integer> e : periods.entrySet()) {
      validator.positive(
          at + "/signalPeriods/" + e.getKey(),
          field + ".signalPeriods." + e.getKey(),
          e.getValue());
    }
  }

  private void checkTcp(LinkSpec raw, LinkSpec l, String at, String field) {
    if (l.host().isBlank()) {
      problems.add(at + "/host", field + ".host", "must not be empty");
    }
    if (l.port() < 0 || l.port() > 65535 || (l.port() == 0 && !l.isSimulated())) {
      problems.add(at + "/port", field + ".port", "must be 1 to 65535 (0 only when simulated)");
    }
    List<Object> serial =
        java.util.Arrays.asList(
            raw.device(),
            raw.baud(),
            raw.parity(),
            raw.dataBits(),
            raw.stopBits(),
            raw.interFrameDelayMs(),
            raw.rs485());
    for (int k = 0; k < SERIAL_FIELDS.size(); k++) {
      if (serial.get(k) != null) {
        String name = SERIAL_FIELDS.get(k);
        problems.add(
            at + "/" + name,
            field + "." + name,
            "applies to rtu links only (this link is " + l.type() + ")");
      }
    }
  }

  private void checkSerial(LinkSpec l, String at, String field) {
    if (l.host() != null) {
      problems.add(
          at + "/host", field + ".host", "an rtu link has a device, not a host (or: rtu-over-tcp)");
    }
    if (l.port() != null) {
      problems.add(
          at + "/port", field + ".port", "an rtu link has a device, not a port (or: rtu-over-tcp)");
    }
    if (l.device() == null && !l.isSimulated()) {
      problems.add(
          at,
          field + ".device",
          "is required for an rtu link (the serial port, e.g. /dev/ttyUSB0)");
    } else if (l.device() != null && l.device().isBlank()) {
      problems.add(at + "/device", field + ".device", "must not be empty");
    }
    if (l.baud() < 300 || l.baud() > 4_000_000) {
      problems.add(at + "/baud", field + ".baud", "must be 300 to 4000000, not " + l.baud());
    }
    if (!PARITIES.contains(l.parity())) {
      problems.add(
          at + "/parity", field + ".parity", "must be none, even or odd, not '" + l.parity() + "'");
    }
    if (l.dataBits() != 8) {
      problems.add(
          at + "/dataBits",
          field + ".dataBits",
          "must be 8 (Modbus RTU sends 8-bit characters), not " + l.dataBits());
    }
    if (l.stopBits() != 1 && l.stopBits() != 2) {
      problems.add(at + "/stopBits", field + ".stopBits", "must be 1 or 2, not " + l.stopBits());
    }
    Double delay = l.interFrameDelayMs();
    if (delay != null && !(delay >= 0 && delay <= 1000)) {
      problems.add(
          at + "/interFrameDelayMs",
          field + ".interFrameDelayMs",
          "must be 0 to 1000 (ms), not " + delay);
    }
    LinkSpec.Rs485Spec rs485 = l.rs485();
    if (rs485 != null) {
      checkMicros(rs485.delayBeforeUs(), at + "/rs485/delayBeforeUs", field + ".rs485");
      checkMicros(rs485.delayAfterUs(), at + "/rs485/delayAfterUs", field + ".rs485");
    }
  }

  private void checkMicros(int value, String pointer, String field) {
    if (value < 0 || value > 1_000_000) {
      String name = pointer.substring(pointer.lastIndexOf('/') + 1);
      problems.add(pointer, field + "." + name, "must be 0 to 1000000 (µs), not " + value);
    }
  }
}
