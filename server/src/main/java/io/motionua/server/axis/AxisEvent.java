package io.motionua.server.axis;

/**
 * Something an axis did that clients hear about as an OPC UA event.
 *
 * @param kind what happened
 * @param code the drive's error code for a fault, else 0
 * @param message a sentence naming the axis and the cause
 */
public record AxisEvent(Kind kind, int code, String message) {

  public enum Kind {
    FAULT,
    COMMUNICATION_LOST,
    COMMUNICATION_RESTORED,
    MOVE_COMPLETED
  }
}
