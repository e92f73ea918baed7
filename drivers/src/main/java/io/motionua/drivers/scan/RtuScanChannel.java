package io.motionua.drivers.scan;

import io.motionua.drivers.modbus.ModbusCrc;
import io.motionua.drivers.modbus.ModbusPdu;
import io.motionua.drivers.modbus.RtuPort;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * Modbus RTU frames on a serial line (or a TCP socket to a serial device server). A response's end
 * is found from its function code, as a master must; a damaged or foreign frame counts as no
 * answer, and the line is left silent for a while and its input dropped before the next request.
 */
public final class RtuScanChannel implements ScanChannel {

  /** Longest RTU frame: unit id, 253-byte PDU, CRC. */
  private static final int MAX_FRAME = 256;

  private final RtuPort port;
  private final long silentIntervalNanos;
  private long quietSinceNanos = System.nanoTime();

  /**
   * @param silentIntervalNanos the RTU silent interval between frames on this line (3.5 characters,
   *     1.75 ms above 19200 baud)
   */
  public RtuScanChannel(RtuPort port, long silentIntervalNanos) {
    this.port = port;
    this.silentIntervalNanos = silentIntervalNanos;
  }

  @Override
  public byte[] exchange(int unitId, byte[] pdu, Duration timeout) throws IOException {
    for (long left; (left = quietSinceNanos + silentIntervalNanos - System.nanoTime()) > 0; ) {
      LockSupport.parkNanos(left);
    }
    port.discardInput();
    port.write(ModbusCrc.frame(unitId, pdu));
    long deadline = System.nanoTime() + timeout.toNanos();
    byte[] frame = new byte[MAX_FRAME];
    try {
      int length = readFrame(frame, deadline);
      if (length < 0
          || !ModbusCrc.check(frame, length)
          || (frame[0] & 0xFF) != unitId
          || ((frame[1] & 0xFF) & ~ModbusPdu.EXCEPTION_FLAG) != (pdu[0] & 0xFF)) {
        settle();
        return null;
      }
      return Arrays.copyOfRange(frame, 1, length - 2);
    } finally {
      quietSinceNanos = System.nanoTime();
    }
  }

  /** Reads one response frame; its length, or -1 when it did not come whole in time. */
  private int readFrame(byte[] frame, long deadline) throws IOException {
    if (!fill(frame, 0, 2, deadline)) {
      return -1;
    }
    int function = frame[1] & 0xFF;
    if ((function & ModbusPdu.EXCEPTION_FLAG) != 0) {
      return fill(frame, 2, 5, deadline) ? 5 : -1;
    }
    return switch (function) {
      case ModbusPdu.READ_COILS,
          ModbusPdu.READ_DISCRETE_INPUTS,
          ModbusPdu.READ_HOLDING_REGISTERS,
          ModbusPdu.READ_INPUT_REGISTERS -> {
        if (!fill(frame, 2, 3, deadline)) {
          yield -1;
        }
        int length = 5 + (frame[2] & 0xFF);
        yield fill(frame, 3, length, deadline) ? length : -1;
      }
      case DeviceIdentification.FUNCTION -> readIdentification(frame, deadline);
      default -> -1; // a function this scan never sends: someone else's traffic
    };
  }

  /** FC43/14: eight header bytes, then per object its id, its length and its bytes; then CRC. */
  private int readIdentification(byte[] frame, long deadline) throws IOException {
    if (!fill(frame, 2, 8, deadline)) {
      return -1;
    }
    int at = 8;
    int objects = frame[7] & 0xFF;
    for (int i = 0; i < objects; i++) {
      if (at + 2 > MAX_FRAME - 2 || !fill(frame, at, at + 2, deadline)) {
        return -1;
      }
      int end = at + 2 + (frame[at + 1] & 0xFF);
      if (end > MAX_FRAME - 2 || !fill(frame, at + 2, end, deadline)) {
        return -1;
      }
      at = end;
    }
    return fill(frame, at, at + 2, deadline) ? at + 2 : -1;
  }

  private boolean fill(byte[] frame, int have, int need, long deadline) throws IOException {
    while (have < need) {
      int n = port.read(frame, have, need - have, deadline);
      if (n == 0) {
        return false;
      }
      have += n;
    }
    return true;
  }

  /** After a bad frame: let the line fall silent, then drop what is left of it. */
  private void settle() throws IOException {
    byte[] sink = new byte[MAX_FRAME];
    long quietFor = Math.max(silentIntervalNanos, 20_000_000L);
    while (port.read(sink, 0, sink.length, System.nanoTime() + quietFor) > 0) {
      // still bytes coming: keep dropping until the line is quiet
    }
  }

  @Override
  public String describe() {
    return port.describe();
  }

  @Override
  public void close() {
    port.close();
  }
}
