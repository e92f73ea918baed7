package io.motionua.drivers.modbus;

import java.io.IOException;
import java.net.SocketTimeoutException;

/**
 * Moves request PDUs to a unit id and response PDUs back over one connection (TCP, RTU on a serial
 * line, RTU over TCP). Used by one thread only: the link's.
 */
interface ModbusTransport {

  /** Opens the connection, waiting at most the given time. */
  void open(long timeoutNanos) throws IOException;

  boolean isOpen();

  /**
   * Sends one request and returns its response PDU (which may be an exception response).
   *
   * @throws SocketTimeoutException when no response arrived in time; the connection stays usable
   * @throws IOException when the connection failed; it is closed
   */
  byte[] exchange(int unitId, byte[] pdu, long timeoutNanos) throws IOException;

  /** Closes the connection; a later {@link #open} may reopen it. */
  void close();

  /** Where the transport connects to, for messages: {@code tcp 127.0.0.1:502}. */
  String describe();
}
