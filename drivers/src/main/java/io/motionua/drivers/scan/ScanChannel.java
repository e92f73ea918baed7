package io.motionua.drivers.scan;

import java.io.IOException;
import java.time.Duration;

/**
 * One request at a time to a unit id on a line or connection, for {@link UnitScanner}. Unlike a
 * link it polls nothing and keeps no devices: a scan asks each unit once and moves on.
 */
public interface ScanChannel extends AutoCloseable {

  /**
   * Sends a request PDU to a unit and returns the response PDU (which may be an exception
   * response), or null when nothing came back in time or what came was damaged (after which the
   * channel is ready for the next request).
   *
   * @throws IOException when the line or connection failed and cannot go on
   */
  byte[] exchange(int unitId, byte[] pdu, Duration timeout) throws IOException;

  /** Where the scan runs, for messages: {@code tcp 127.0.0.1:502}, {@code rtu /dev/ttyUSB0 ...}. */
  String describe();

  @Override
  void close();
}
