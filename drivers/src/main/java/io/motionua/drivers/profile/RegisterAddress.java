package io.motionua.drivers.profile;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A register (or bit) in one of the four Modbus tables, parsed from any common notation.
 *
 * <p>Accepted, all naming holding register 0-based 0:
 *
 * <ul>
 *   <li>{@code 40001}: five digits, table digit then a 1-based number 1..9999
 *   <li>{@code 400001}: six digits, table digit then a 1-based number 1..65536
 *   <li>{@code 4x00001} (also {@code 4x0001}): table digit, {@code x}, 1-based number
 *   <li>{@code holding-register:1}: table name, colon, 1-based number
 *   <li>{@code holding-register[0]}: table name, the 0-based PDU address in brackets
 * </ul>
 *
 * Table digits: 0 coil, 1 discrete input, 3 input register, 4 holding register. Table names: {@code
 * coil}, {@code discrete-input}, {@code input-register}, {@code holding-register}. {@link
 * #toString()} prints the 1-based {@code holding-register:1} form, which {@link #parse} reads back.
 *
 * @param table the table
 * @param address the 0-based PDU address, 0..65535
 */
public record RegisterAddress(RegisterTable table, int address) {

  /** The accepted notations, for error messages. */
  public static final String NOTATIONS =
      "40001 (5 digits, 1-based), 400001 (6 digits, 1-based), 4x00001 (1-based),"
          + " holding-register:1 (1-based) or holding-register[0] (0-based)";

  private static final Pattern MODICON = Pattern.compile("([0134])(\\d{4,5})");
  private static final Pattern X_FORM = Pattern.compile("([0134])[xX](\\d{1,5})");
  private static final Pattern NAMED = Pattern.compile("([a-z-]+):(\\d{1,5})");
  private static final Pattern ZERO_BASED = Pattern.compile("([a-z-]+)\\[(\\d{1,5})]");

  public RegisterAddress {
    Objects.requireNonNull(table, "table");
    if (address < 0 || address > SignalSpec.MAX_ADDRESS) {
      throw new IllegalArgumentException(
          "0-based address %d is outside 0..65535".formatted(address));
    }
  }

  /**
   * Parses any accepted notation.
   *
   * @throws IllegalArgumentException echoing the input and listing the accepted notations
   */
  public static RegisterAddress parse(String text) {
    String s = text == null ? "" : text.trim();
    Matcher m;
    if ((m = MODICON.matcher(s)).matches()) {
      int number = Integer.parseInt(m.group(2));
      int max = m.group(2).length() == 4 ? 9999 : 65536;
      return oneBased(text, tableOfDigit(m.group(1)), number, max);
    }
    if ((m = X_FORM.matcher(s)).matches()) {
      return oneBased(text, tableOfDigit(m.group(1)), Integer.parseInt(m.group(2)), 65536);
    }
    if ((m = NAMED.matcher(s.toLowerCase(Locale.ROOT))).matches()) {
      return oneBased(text, tableOfName(text, m.group(1)), Integer.parseInt(m.group(2)), 65536);
    }
    if ((m = ZERO_BASED.matcher(s.toLowerCase(Locale.ROOT))).matches()) {
      int address = Integer.parseInt(m.group(2));
      if (address > SignalSpec.MAX_ADDRESS) {
        throw invalid(text, "0-based address %d is above 65535".formatted(address));
      }
      return new RegisterAddress(tableOfName(text, m.group(1)), address);
    }
    throw invalid(text, "not a register address");
  }

  /** The 1-based named form, e.g. {@code holding-register:1}; {@link #parse} reads it back. */
  @Override
  public String toString() {
    return name(table) + ":" + (address + 1);
  }

  /** The 0-based form, e.g. {@code holding-register[0]}. */
  public String toZeroBasedString() {
    return name(table) + "[" + address + "]";
  }

  /** The 6-digit Modicon form, e.g. {@code 400001}. */
  public String toModiconString() {
    return "%d%05d".formatted(digit(table), address + 1);
  }

  private static RegisterAddress oneBased(String text, RegisterTable table, int number, int max) {
    if (number < 1 || number > max) {
      throw invalid(text, "1-based number %d is outside 1..%d".formatted(number, max));
    }
    return new RegisterAddress(table, number - 1);
  }

  private static RegisterTable tableOfDigit(String digit) {
    return switch (digit) {
      case "0" -> RegisterTable.COIL;
      case "1" -> RegisterTable.DISCRETE_INPUT;
      case "3" -> RegisterTable.INPUT_REGISTER;
      default -> RegisterTable.HOLDING_REGISTER;
    };
  }

  private static RegisterTable tableOfName(String text, String name) {
    for (RegisterTable table : RegisterTable.values()) {
      if (name(table).equals(name)) {
        return table;
      }
    }
    throw invalid(
        text,
        "unknown table %s (coil, discrete-input, input-register, holding-register)"
            .formatted(name));
  }

  /** The table's name in addresses and profiles: {@code holding-register}. */
  public static String name(RegisterTable table) {
    return table.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static int digit(RegisterTable table) {
    return switch (table) {
      case COIL -> 0;
      case DISCRETE_INPUT -> 1;
      case INPUT_REGISTER -> 3;
      case HOLDING_REGISTER -> 4;
    };
  }

  private static IllegalArgumentException invalid(String text, String why) {
    return new IllegalArgumentException(
        "register address '%s': %s; accepted: %s".formatted(text, why, NOTATIONS));
  }
}
