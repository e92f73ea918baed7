package io.motionua.drivers;

/**
 * A failed request on a link. {@link #status()} says how the failure maps to a signal status (and
 * so to an OPC UA StatusCode in the server). The message names the link, the device and the
 * register address where they are known.
 */
public class DriverException extends Exception {

  private static final long serialVersionUID = 1L;

  private final SignalStatus status;

  public DriverException(SignalStatus status, String message) {
    super(message);
    this.status = status;
  }

  public DriverException(SignalStatus status, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  public SignalStatus status() {
    return status;
  }
}
