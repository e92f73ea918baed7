package io.motionua.drivers;

import java.util.Map;

/**
 * Receives values after each poll of a device. Called on the link's own thread: implementations
 * must be quick and must not block (hand the values on, e.g. set them on nodes).
 */
@FunctionalInterface
public interface SignalListener {

  /**
   * @param device the device's name as configured
   * @param values every signal of the poll that just ran, by signal name, with its status; after a
   *     failure, every affected signal with its degraded status
   */
  void onValues(String device, Map<String, SignalValue> values);

  /**
   * A device missed the first answer of a poll; the poll's retries are still to come, and {@link
   * #onValues} follows when they are done. {@code values} are the kept ones, now
   * Uncertain_LastUsableValue with their source times (or Bad when stale). For listeners that show
   * values and want them Uncertain at once (the server: every tag and axis value); what reacts to a
   * lost device (a powered axis goes to ErrorStop) waits for {@link #onValues}, so a retry that is
   * answered does not trip it. Does nothing unless overridden.
   */
  default void onMissedAnswer(String device, Map<String, SignalValue> values) {}
}
