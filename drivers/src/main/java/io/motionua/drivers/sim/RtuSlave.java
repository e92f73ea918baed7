package io.motionua.drivers.sim;

import io.motionua.drivers.modbus.ModbusCrc;
import io.motionua.drivers.modbus.ModbusPdu;
import io.motionua.drivers.modbus.RtuPort;
import java.io.IOException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Serves RTU requests from one byte stream with a gateway's drives, as the slaves on one RS-485
 * line would: a request to a unit id nobody serves, or with a bad CRC, gets no answer at all.
 * Optionally emulates the wire time of a real line, so that a pty behaves like 115200 baud.
 */
final class RtuSlave {

  private static final long IDLE_POLL_NANOS = 100_000_000;

  private final DriveGateway gateway;
  private final long nanosPerCharacter;
  private final long silentNanos;

  /**
   * @param nanosPerCharacter wire time of one character to emulate, 0 for none
   * @param silentNanos the silent interval to emulate between frames, 0 for none
   */
  RtuSlave(DriveGateway gateway, long nanosPerCharacter, long silentNanos) {
    this.gateway = gateway;
    this.nanosPerCharacter = nanosPerCharacter;
    this.silentNanos = silentNanos;
  }

  /** Serves until {@code stop} says so or the stream fails. */
  void serve(RtuPort port, BooleanSupplier stop) throws IOException {
    byte[] frame = new byte[300];
    while (!stop.getAsBoolean()) {
      int have = port.read(frame, 0, 2, System.nanoTime() + IDLE_POLL_NANOS);
      if (have == 0) {
        continue;
      }
      long started = System.nanoTime();
      have = fill(port, frame, have, 2);
      if (have > 0 && isMultipleWrite(frame[1] & 0xFF)) {
        have = fill(port, frame, have, 7); // up to the byte count
      }
      int length = have < 0 ? -1 : requestLength(frame);
      if (length < 0 || fill(port, frame, have, length) < 0) {
        port.discardInput(); // cut off, or an unknown function whose end cannot be found
        continue;
      }
      if (!ModbusCrc.check(frame, length)) {
        continue; // a damaged request: a real slave stays silent
      }
      byte[] pdu = new byte[length - 3];
      System.arraycopy(frame, 1, pdu, 0, pdu.length);
      int unitId = frame[0] & 0xFF;
      if (!gateway.serves(unitId)) {
        continue; // another slave's address (or nobody's): silence
      }
      DriveGateway.Reply reply = gateway.handle(unitId, pdu);
      if (reply.pdu() == null || reply.close()) {
        continue;
      }
      byte[] response = ModbusCrc.frame(unitId, reply.pdu());
      if (reply.corrupt()) {
        response[response.length - 1] ^= 0x5A;
      }
      long wire = nanosPerCharacter * (length + response.length) + silentNanos;
      waitUntil(started + wire + reply.delayNanos());
      port.write(response);
    }
  }

  private static boolean isMultipleWrite(int function) {
    return function == 0x0F || function == ModbusPdu.WRITE_MULTIPLE_REGISTERS;
  }

  /** The request's full length from its first bytes, or -1 for a function this slave lacks. */
  private static int requestLength(byte[] frame) {
    int function = frame[1] & 0xFF;
    if (isMultipleWrite(function)) {
      return 9 + (frame[6] & 0xFF);
    }
    return switch (function) {
      case ModbusPdu.READ_COILS,
              ModbusPdu.READ_DISCRETE_INPUTS,
              ModbusPdu.READ_HOLDING_REGISTERS,
              ModbusPdu.READ_INPUT_REGISTERS,
              0x05,
              ModbusPdu.WRITE_SINGLE_REGISTER ->
          8;
      case SimIdentification.FUNCTION -> 7; // unit, 43, MEI type, code, object id, CRC
      default -> -1;
    };
  }

  /** Reads until {@code need} bytes are there; -1 when the request was cut off. */
  private static int fill(RtuPort port, byte[] frame, int have, int need) throws IOException {
    if (have < 0) {
      return -1;
    }
    while (have < need) {
      int n = port.read(frame, have, need - have, System.nanoTime() + 100_000_000L);
      if (n == 0) {
        return -1;
      }
      have += n;
    }
    return have;
  }

  private static void waitUntil(long nanos) {
    for (long left; (left = nanos - System.nanoTime()) > 0; ) {
      LockSupport.parkNanos(left);
    }
  }
}
