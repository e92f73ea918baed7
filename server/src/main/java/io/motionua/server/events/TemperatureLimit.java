package io.motionua.server.events;

/**
 * When an over-temperature alarm is active: above {@code limit}, and until the temperature falls
 * below {@code limit - hysteresis}. Without the hysteresis a temperature hovering at the limit
 * would raise and clear the alarm on every poll.
 *
 * @param limit °C above which the alarm raises (the motor's maxTemperature)
 * @param hysteresis °C below the limit the temperature must fall before the alarm clears
 */
public record TemperatureLimit(double limit, double hysteresis) {

  /** Whether the alarm is active after a reading of {@code temperature}. */
  public boolean activeAfter(boolean active, double temperature) {
    return active ? temperature >= limit - hysteresis : temperature > limit;
  }
}
