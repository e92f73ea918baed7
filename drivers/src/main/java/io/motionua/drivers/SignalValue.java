package io.motionua.drivers;

import java.time.Instant;

/**
 * One signal's value as the driver last saw it.
 *
 * @param value the decoded value in the signal's own units (after the profile's scale and offset):
 *     a {@link Long} for integer types, a {@link Double} for float or scaled types, a {@link
 *     Boolean} for bits, a {@link String} for strings; {@code null} when no value was read yet
 * @param status how far the value can be trusted
 * @param sourceTime when the device delivered this value (for a stale value: when it was read)
 */
public record SignalValue(Object value, SignalStatus status, Instant sourceTime) {

  public static SignalValue waiting() {
    return new SignalValue(null, SignalStatus.BAD_WAITING_FOR_INITIAL_DATA, Instant.EPOCH);
  }

  /** The value as a double; NaN when there is none. */
  public double asDouble() {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    if (value instanceof Boolean b) {
      return b ? 1.0 : 0.0;
    }
    return Double.NaN;
  }

  /** The value as a long (truncating a double); 0 when there is none. */
  public long asLong() {
    if (value instanceof Number n) {
      return n.longValue();
    }
    if (value instanceof Boolean b) {
      return b ? 1L : 0L;
    }
    return 0L;
  }
}
