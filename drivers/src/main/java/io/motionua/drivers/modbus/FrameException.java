package io.motionua.drivers.modbus;

import java.io.IOException;

/**
 * A response that arrived damaged or did not match its request (bad CRC, wrong unit id or function,
 * bad length). The transport has already dropped the connection it came on and opens a fresh one
 * for the next request, so to the link the transport stays usable: it counts the error and treats
 * the request as unanswered.
 */
final class FrameException extends IOException {

  private static final long serialVersionUID = 1L;

  /** Whether the frame failed its CRC (rather than its framing). */
  private final boolean crc;

  FrameException(String message, boolean crc) {
    super(message);
    this.crc = crc;
  }

  FrameException(String message, boolean crc, Throwable cause) {
    super(message, cause);
    this.crc = crc;
  }

  boolean isCrcError() {
    return crc;
  }
}
