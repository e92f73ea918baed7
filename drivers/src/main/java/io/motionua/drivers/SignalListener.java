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
}
