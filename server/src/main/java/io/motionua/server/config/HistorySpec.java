package io.motionua.server.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code history} section: which variables are recorded into the embedded store in {@code
 * <data-dir>/history}, how densely, and how long they are kept (docs/history.md). On by default: a
 * machine file without the section records {@link #DEFAULT_VARIABLES} with their defaults.
 *
 * @param enabled false turns recording and HistoryRead off
 * @param maxAgeDays records older than this many days are dropped, a day at a time
 * @param maxSizeMb the store is kept under this size by dropping its oldest days
 * @param maxIntervalMs a value is recorded at least this often while it does not change (0: only on
 *     change)
 * @param variables per variable browse name, its recording; names not listed keep the defaults
 * @param external the same recording also sent to a PostgreSQL historian; null: none
 */
public record HistorySpec(
    Boolean enabled,
    Integer maxAgeDays,
    Integer maxSizeMb,
    Integer maxIntervalMs,
    Map<String, HistoryVariableSpec> variables,
    HistoryExternalSpec external) {

  /**
   * The variables recorded unless a file says otherwise: positions, speed, following error, motor
   * temperature, axis state, drive state (Statusword) and DeviceHealth.
   */
  public static final List<String> DEFAULT_VARIABLES =
      List.of(
          "ActualPosition",
          "CommandedPosition",
          "ActualSpeed",
          "FollowingError",
          "AxisState",
          "MotorTemperature",
          "Statusword",
          "DeviceHealth");

  /** Every variable name the section accepts (the defaults plus those only recorded on request). */
  public static final List<String> KNOWN_VARIABLES =
      List.of(
          "ActualPosition",
          "CommandedPosition",
          "ActualSpeed",
          "FollowingError",
          "AxisState",
          "Homed",
          "MotorTemperature",
          "Statusword",
          "Controlword",
          "ErrorCode",
          "DeviceHealth");

  static HistorySpec defaults() {
    return new HistorySpec(null, null, null, null, null, null).withDefaults();
  }

  HistorySpec withDefaults() {
    Map<String, HistoryVariableSpec> all = new LinkedHashMap<>();
    for (String name : KNOWN_VARIABLES) {
      HistoryVariableSpec given = variables == null ? null : variables.get(name);
      boolean byDefault = DEFAULT_VARIABLES.contains(name);
      all.put(name, (given == null ? HistoryVariableSpec.EMPTY : given).withDefaults(byDefault));
    }
    return new HistorySpec(
        enabled == null || enabled,
        maxAgeDays == null ? 30 : maxAgeDays,
        maxSizeMb == null ? 1024 : maxSizeMb,
        maxIntervalMs == null ? 10_000 : maxIntervalMs,
        java.util.Collections.unmodifiableMap(all),
        external);
  }

  /** Whether recording is on at all. */
  public boolean isEnabled() {
    return enabled == null || enabled;
  }

  /** The variables recorded, by browse name. */
  public Map<String, HistoryVariableSpec> recorded() {
    Map<String, HistoryVariableSpec> on = new LinkedHashMap<>();
    if (variables != null) {
      variables.forEach(
          (name, v) -> {
            if (Boolean.TRUE.equals(v.record())) {
              on.put(name, v);
            }
          });
    }
    return on;
  }

  /** The max interval of one variable: its own, else the section's. */
  public int maxIntervalMs(HistoryVariableSpec variable) {
    return variable.maxIntervalMs() != null ? variable.maxIntervalMs() : maxIntervalMs;
  }

  /** A copy that records nothing (tests, tools that build a server without a store). */
  public HistorySpec disabled() {
    return new HistorySpec(false, maxAgeDays, maxSizeMb, maxIntervalMs, variables, external);
  }

  /** A copy with another external historian (null: none). */
  public HistorySpec withExternal(HistoryExternalSpec newExternal) {
    return new HistorySpec(enabled, maxAgeDays, maxSizeMb, maxIntervalMs, variables, newExternal);
  }
}
