package io.motionua.server.config;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The identification fields of a machine file: the machine's (Machinery MachineIdentification) and
 * each drive's and motor's nameplate (DI names). Texts are at most {@link #MAX_TEXT} characters
 * (what the address space accepts for a written Location too), the year of construction is a
 * four-digit year (a UInt16 in the address space), the manufacturer URI an absolute URI, the
 * category one of Robotics' names. Each problem goes to the reporter with its JSON pointer and
 * field.
 */
final class IdentificationChecks {

  static final int MAX_TEXT = 255;

  /** Where a problem goes: the validator's own way of reporting. */
  @FunctionalInterface
  interface Reporter {
    void add(String pointer, String field, String message) throws ConfigException;
  }

  private final Reporter reporter;

  IdentificationChecks(Reporter reporter) {
    this.reporter = reporter;
  }

  void machine(MachineSpec m) throws ConfigException {
    text("/machine", "machine", "manufacturer", m.manufacturer());
    text("/machine", "machine", "model", m.model());
    text("/machine", "machine", "serialNumber", m.serialNumber());
    text("/machine", "machine", "location", m.location());
    productCode("/machine", "machine", m.productCode());
    if (m.manufacturerUri() != null) {
      text("/machine", "machine", "manufacturerUri", m.manufacturerUri());
      if (!isAbsoluteUri(m.manufacturerUri())) {
        reporter.add(
            "/machine/manufacturerUri",
            "machine.manufacturerUri",
            "'" + m.manufacturerUri() + "' is not an absolute URI (e.g. https://example.com/)");
      }
    }
    Integer year = m.yearOfConstruction();
    if (year != null && (year < 1900 || year > 9999)) {
      reporter.add(
          "/machine/yearOfConstruction",
          "machine.yearOfConstruction",
          "must be a year from 1900 to 9999, not " + year);
    }
    if (!MachineSpec.CATEGORIES.contains(m.motionDeviceCategory())) {
      reporter.add(
          "/machine/motionDeviceCategory",
          "machine.motionDeviceCategory",
          "must be one of "
              + String.join(", ", MachineSpec.CATEGORIES)
              + ", not '"
              + m.motionDeviceCategory()
              + "'");
    }
  }

  /** A drive's or motor's nameplate, e.g. {@code nameplate("/drives/0", "drives[0]", ...)}. */
  void nameplate(
      String pointer,
      String field,
      String manufacturer,
      String model,
      String serial,
      String productCode)
      throws ConfigException {
    text(pointer, field, "manufacturer", manufacturer);
    text(pointer, field, "model", model);
    text(pointer, field, "serialNumber", serial);
    productCode(pointer, field, productCode);
  }

  /** A DI ProductCode: at most {@link #MAX_TEXT} characters and not blank when given. */
  void productCode(String pointer, String field, String productCode) throws ConfigException {
    text(pointer, field, "productCode", productCode);
    if (productCode != null && productCode.isBlank()) {
      reporter.add(
          pointer + "/productCode",
          field + ".productCode",
          "must not be blank (leave it out when there is none)");
    }
  }

  private void text(String pointer, String field, String name, String value)
      throws ConfigException {
    if (value != null && value.length() > MAX_TEXT) {
      reporter.add(
          pointer + "/" + name,
          field + "." + name,
          "at most %d characters, not %d".formatted(MAX_TEXT, value.length()));
    }
  }

  private static boolean isAbsoluteUri(String text) {
    try {
      return new URI(text).isAbsolute();
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
