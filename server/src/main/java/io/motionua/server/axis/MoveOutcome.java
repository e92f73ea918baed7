package io.motionua.server.axis;

import java.util.Locale;

/**
 * How one discrete move of an axis ended, for its log line.
 *
 * @param axis the axis's name
 * @param command the method that started it ({@code MoveAbsolute}, {@code MoveRelative})
 * @param target where it was to go, in the axis's units (absolute; for MoveRelative the position
 *     the distance leads to)
 * @param unit the axis's unit ({@code deg}, {@code mm})
 * @param durationNanos from the call reaching the axis to the end
 * @param result {@code completed}, {@code aborted by Halt}, {@code failed: ...}
 */
public record MoveOutcome(
    String axis, String command, double target, String unit, long durationNanos, String result) {

  /** The log line: {@code axis J1: MoveAbsolute to 0.5 deg completed after 182.4 ms}. */
  public String line() {
    return String.format(
        Locale.ROOT,
        "axis %s: %s to %s %s %s after %.1f ms",
        axis,
        command,
        target,
        unit,
        result,
        durationNanos / 1e6);
  }
}
