package io.motionua.drivers.modbus;

import java.io.IOException;

/**
 * A response that arrived damaged or did not match its request (bad CRC, wrong unit id, bad
 * length). Unlike other I/O errors the connection stays usable: the link counts it and treats the
 * request as unanswered.
 */
final class FrameException extends IOException {

  private static final long serialVersionUID = 1L;

  /** Whether the frame failed its CRC (rather than its framing). */
  private final boolean crc;

  FrameException(String message, boolean crc) {
    super(message);
    this.crc = crc;
  }

  boolean isCrcError() {
    return crc;
  }
}
