package io.motionua.server.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The problems found in one machine file, collected so that a single run reports them all. One
 * problem per place and field: a field that failed to bind is not reported again by the checks
 * after binding.
 */
final class Problems {

  private final SourceLocations locations;
  private final List<String> messages = new ArrayList<>();
  private final Set<String> pointers = new HashSet<>();

  Problems(SourceLocations locations) {
    this.locations = locations;
  }

  /**
   * Records {@code file:line:column: field: problem} for a JSON pointer ({@code /links/0/baud});
   * returns false, so that checks read {@code ok &= ...} or {@code return problems.add(...)}.
   */
  boolean add(String pointer, String field, String problem) {
    if (pointers.add(pointer + " " + field)) {
      messages.add(locations.at(pointer) + field + ": " + problem);
    }
    return false;
  }

  /** A problem already formatted with its own place (one in a profile file). */
  void addFormatted(String message) {
    if (!messages.contains(message)) {
      messages.add(message);
    }
  }

  boolean isEmpty() {
    return messages.isEmpty();
  }

  void throwIfAny() throws ConfigException {
    if (!messages.isEmpty()) {
      throw toException();
    }
  }

  /** The problems, those of the machine file in line order, then those of profile files. */
  ConfigException toException() {
    List<String> sorted = new ArrayList<>(messages);
    sorted.sort(Comparator.comparingLong(this::order));
    return new ConfigException(sorted);
  }

  private long order(String message) {
    String prefix = locations.file() + ":";
    if (!message.startsWith(prefix)) {
      return Long.MAX_VALUE;
    }
    String[] parts = message.substring(prefix.length()).split(":", 3);
    try {
      return Long.parseLong(parts[0]) * 100_000 + Long.parseLong(parts[1]);
    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
      return Long.MAX_VALUE - 1;
    }
  }

  /** {@code file:line:column: } of a pointer. */
  String at(String pointer) {
    return locations.at(pointer);
  }
}
