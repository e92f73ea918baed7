package io.motionua.server.config;

import java.util.Map;

/**
 * Checks the {@code history} section: positive retention, non-negative intervals and deadbands, one
 * kind of deadband per variable, and only variable names the recorder knows.
 */
final class HistoryChecks {

  /** More than ten years of history is a typo, not a retention policy. */
  static final int MAX_AGE_DAYS = 3650;

  private HistoryChecks() {}

  static void check(HistorySpec history, Problems problems) {
    if (history == null) {
      return;
    }
    if (history.maxAgeDays() != null
        && (history.maxAgeDays() < 1 || history.maxAgeDays() > MAX_AGE_DAYS)) {
      problems.add(
          "/history/maxAgeDays",
          "history.maxAgeDays",
          "must be 1 to " + MAX_AGE_DAYS + ", not " + history.maxAgeDays());
    }
    if (history.maxSizeMb() != null && history.maxSizeMb() < 16) {
      problems.add(
          "/history/maxSizeMb",
          "history.maxSizeMb",
          "must be at least 16 (one day of a small machine), not " + history.maxSizeMb());
    }
    interval(history.maxIntervalMs(), "/history/maxIntervalMs", "history.maxIntervalMs", problems);
    Map<String, HistoryVariableSpec> variables = history.variables();
    if (variables == null) {
      return;
    }
    for (var entry : variables.entrySet()) {
      String name = entry.getKey();
      String at = "/history/variables/" + name;
      String field = "history.variables." + name;
      if (!HistorySpec.KNOWN_VARIABLES.contains(name)) {
        problems.add(
            at,
            field,
            "unknown variable '"
                + name
                + "' (known: "
                + String.join(", ", HistorySpec.KNOWN_VARIABLES)
                + ")");
        continue;
      }
      HistoryVariableSpec v = entry.getValue();
      if (v == null) {
        continue;
      }
      if (v.deadband() != null && v.deadbandPercent() != null) {
        problems.add(
            at + "/deadbandPercent",
            field + ".deadbandPercent",
            "give either deadband (absolute) or deadbandPercent (of the EURange), not both");
      }
      if (v.deadband() != null && !(v.deadband() >= 0)) {
        problems.add(
            at + "/deadband", field + ".deadband", "must be 0 or more, not " + v.deadband());
      }
      if (v.deadbandPercent() != null
          && !(v.deadbandPercent() >= 0 && v.deadbandPercent() <= 100)) {
        problems.add(
            at + "/deadbandPercent",
            field + ".deadbandPercent",
            "must be 0 to 100, not " + v.deadbandPercent());
      }
      interval(v.maxIntervalMs(), at + "/maxIntervalMs", field + ".maxIntervalMs", problems);
    }
  }

  private static void interval(Integer ms, String pointer, String field, Problems problems) {
    if (ms != null && ms < 0) {
      problems.add(pointer, field, "must be 0 (only on change) or more, not " + ms);
    }
  }
}
