package io.motionua.drivers.modbus;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Modbus RTU framing (unit id, PDU, CRC) over a serial line or a TCP socket. Before each request
 * the line must have been silent for the RTU interval; bytes left over from an earlier, late answer
 * are dropped. A response's length follows from its function code, so no inter-character timing is
 * needed to find its end.
 */
final class RtuTransport implements ModbusTransport {

  /** Opens the byte stream. */
  @FunctionalInterface
  interface Opener {
    RtuPort open(long timeoutNanos) throws IOException;
  }

  private static final int MAX_FRAME = 256;

  private final Opener opener;
  private final String description;
  private final long silentNanos;
  private RtuPort port;
  private long quietSinceNanos;

  RtuTransport(Opener opener, String description, long silentNanos) {
    this.opener = opener;
    this.description = description;
    this.silentNanos = silentNanos;
  }

  @Override
  public void open(long timeoutNanos) throws IOException {
    close();
    port = opener.open(timeoutNanos);
    quietSinceNanos = System.nanoTime();
  }

  @Override
  public boolean isOpen() {
    return port != null;
  }

  @Override
  public byte[] exchange(int unitId, byte[] pdu, long timeoutNanos) throws IOException {
    if (port == null) {
      throw new IOException("not connected to " + description);
    }
    try {
      port.discardInput();
      long quietUntil = quietSinceNanos + silentNanos;
      for (long left; (left = quietUntil - System.nanoTime()) > 0; ) {
        LockSupport.parkNanos(left);
      }
      long deadline = System.nanoTime() + timeoutNanos;
      port.write(ModbusCrc.frame(unitId, pdu));
      byte[] frame = new byte[MAX_FRAME];
      int have = readAtLeast(frame, 0, 3, deadline);
      int length = expectedLength(frame);
      have = readAtLeast(frame, have, length, deadline);
      quietSinceNanos = System.nanoTime();
      if (have > length) {
        throw new FrameException(
            "%s: %d bytes where %d were expected".formatted(description, have, length), false);
      }
      if (!ModbusCrc.check(frame, length)) {
        throw new FrameException(description + ": response failed its CRC", true);
      }
      if ((frame[0] & 0xFF) != unitId) {
        throw new FrameException(
            "%s: response from unit %d to a request to unit %d"
                .formatted(description, frame[0] & 0xFF, unitId),
            false);
      }
      byte[] response = new byte[length - 3];
      System.arraycopy(frame, 1, response, 0, response.length);
      return response;
    } catch (FrameException | SocketTimeoutException e) {
      quietSinceNanos = System.nanoTime();
      throw e;
    } catch (IOException e) {
      close();
      throw e;
    }
  }

  /** The whole response's length from its first three bytes. */
  private int expectedLength(byte[] frame) throws FrameException {
    int function = frame[1] & 0xFF;
    if ((function & ModbusPdu.EXCEPTION_FLAG) != 0) {
      return 5;
    }
    return switch (function) {
      case ModbusPdu.READ_COILS,
              ModbusPdu.READ_DISCRETE_INPUTS,
              ModbusPdu.READ_HOLDING_REGISTERS,
              ModbusPdu.READ_INPUT_REGISTERS ->
          5 + (frame[2] & 0xFF);
      case 0x05, ModbusPdu.WRITE_SINGLE_REGISTER, 0x0F, ModbusPdu.WRITE_MULTIPLE_REGISTERS -> 8;
      default ->
          throw new FrameException(
              "%s: response with unexpected function %d".formatted(description, function), false);
    };
  }

  /** Reads until {@code frame} holds {@code need} bytes; a timeout mid-frame is a framing error. */
  private int readAtLeast(byte[] frame, int have, int need, long deadline) throws IOException {
    while (have < need) {
      int n = port.read(frame, have, MAX_FRAME - have, deadline);
      if (n == 0) {
        if (have == 0) {
          throw new SocketTimeoutException("no response within the timeout");
        }
        throw new FrameException(
            "%s: response cut off after %d bytes".formatted(description, have), false);
      }
      have += n;
    }
    return have;
  }

  @Override
  public void close() {
    if (port != null) {
      port.close();
      port = null;
    }
  }

  @Override
  public String describe() {
    return description;
  }
}
