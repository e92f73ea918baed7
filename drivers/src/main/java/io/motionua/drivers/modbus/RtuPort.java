package io.motionua.drivers.modbus;

import java.io.IOException;

/** A byte stream RTU frames travel on: a serial port, or a TCP socket to a serial device server. */
public interface RtuPort {

  void write(byte[] bytes) throws IOException;

  /**
   * Reads up to {@code length} bytes, waiting until the deadline for the first; returns 0 when none
   * came in time.
   */
  int read(byte[] buffer, int offset, int length, long deadlineNanos) throws IOException;

  /** Drops bytes already received: the rest of an earlier answer that came too late. */
  void discardInput() throws IOException;

  void close();

  String describe();
}
