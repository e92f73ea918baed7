package io.motionua.drivers.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Which unit ids to scan, from a text such as {@code 1-247}, {@code 1,3,5-7}. Unit ids run from 1
 * to 247 (0 is the broadcast address, 248-255 are reserved).
 */
public record UnitRange(List<Integer> units) {

  public static final int FIRST = 1;
  public static final int LAST = 247;

  public UnitRange {
    units = List.copyOf(units);
  }

  /** Every unit id, 1 to 247. */
  public static UnitRange all() {
    return parse(FIRST + "-" + LAST);
  }

  /**
   * Parses a list of ids and ranges.
   *
   * @throws IllegalArgumentException naming the part that is wrong and echoing the input
   */
  public static UnitRange parse(String text) {
    TreeSet<Integer> units = new TreeSet<>();
    for (String part : text.split(",", -1)) {
      String p = part.strip();
      int dash = p.indexOf('-');
      int from = id(dash < 0 ? p : p.substring(0, dash), text);
      int to = dash < 0 ? from : id(p.substring(dash + 1), text);
      if (to < from) {
        throw new IllegalArgumentException(
            "unit range '%s' in '%s' runs backwards".formatted(p, text));
      }
      for (int u = from; u <= to; u++) {
        units.add(u);
      }
    }
    return new UnitRange(new ArrayList<>(units));
  }

  private static int id(String s, String text) {
    int id;
    try {
      id = Integer.parseInt(s.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "'%s' in '%s' is not a unit id (write ids and ranges: 1-247 or 1,3,5-7)"
              .formatted(s.strip(), text));
    }
    if (id < FIRST || id > LAST) {
      throw new IllegalArgumentException(
          "unit id %d in '%s' is outside %d-%d".formatted(id, text, FIRST, LAST));
    }
    return id;
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < units.size(); ) {
      int j = i;
      while (j + 1 < units.size() && units.get(j + 1) == units.get(j) + 1) {
        j++;
      }
      s.append(s.isEmpty() ? "" : ",").append(units.get(i));
      if (j > i) {
        s.append('-').append(units.get(j));
      }
      i = j + 1;
    }
    return s.toString();
  }
}
