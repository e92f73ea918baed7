package io.motionua.drivers.sim;

import io.motionua.drivers.modbus.ModbusPdu;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Answers Modbus PDUs for several simulated drives by unit id, as a gateway in front of them would;
 * shared by the TCP and RTU simulators. Thread-safe.
 */
final class DriveGateway {

  /** Exception 0x0B: the gateway's target device failed to respond. */
  static final int GATEWAY_TARGET_FAILED = 0x0B;

  private static final int ILLEGAL_FUNCTION = 0x01;
  private static final int ILLEGAL_DATA_VALUE = 0x03;

  private final Map<Integer, SimulatedDevice> drives;
  private final Map<Integer, SimFault> faults = new ConcurrentHashMap<>();

  /**
   * What to send back for one request.
   *
   * @param pdu the response PDU, or null for no reply
   * @param delayNanos how long to hold the reply back
   * @param corrupt whether to damage the frame (wrong CRC or unit id)
   * @param close whether to close the connection instead of answering
   */
  record Reply(byte[] pdu, long delayNanos, boolean corrupt, boolean close) {}

  DriveGateway(Map<Integer, ? extends SimulatedDevice> drivesByUnitId) {
    this.drives = new TreeMap<>(drivesByUnitId);
  }

  /** The CiA 402 simulator with a unit id; IllegalArgumentException for another device. */
  SimulatedDrive drive(int unitId) {
    if (device(unitId) instanceof SimulatedDrive drive) {
      return drive;
    }
    throw new IllegalArgumentException(
        "unit id %d is not a CiA 402 simulated drive but %s".formatted(unitId, device(unitId)));
  }

  SimulatedDevice device(int unitId) {
    SimulatedDevice drive = drives.get(unitId);
    if (drive == null) {
      throw new IllegalArgumentException(
          "no simulated drive with unit id %d (have %s)".formatted(unitId, drives.keySet()));
    }
    return drive;
  }

  Set<Integer> unitIds() {
    return drives.keySet();
  }

  boolean serves(int unitId) {
    return drives.containsKey(unitId);
  }

  void setResponding(int unitId, boolean responding) {
    setFault(unitId, responding ? SimFault.none() : SimFault.noReply());
  }

  void setFault(int unitId, SimFault fault) {
    drive(unitId);
    if (fault.kind() == SimFault.Kind.NONE) {
      faults.remove(unitId);
    } else {
      faults.put(unitId, fault);
    }
  }

  /** Answers one request, with the unit's injected fault applied. */
  Reply handle(int unitId, byte[] pdu) {
    SimFault fault = faults.getOrDefault(unitId, SimFault.none());
    int function = pdu.length > 0 ? pdu[0] & 0xFF : 0;
    return switch (fault.kind()) {
      case NO_REPLY -> new Reply(null, 0, false, false);
      case CLOSE_CONNECTION -> new Reply(null, 0, false, true);
      case EXCEPTION ->
          new Reply(ModbusPdu.exceptionResponse(function, fault.exceptionCode()), 0, false, false);
      case SLOW_REPLY -> new Reply(answer(unitId, pdu), fault.delay().toNanos(), false, false);
      case SLOW_REQUEST -> {
        holdBack(fault.delay().toNanos());
        yield new Reply(answer(unitId, pdu), 0, false, false);
      }
      case CORRUPT_REPLY -> new Reply(answer(unitId, pdu), 0, true, false);
      case NONE -> new Reply(answer(unitId, pdu), 0, false, false);
    };
  }

  /** Waits {@code nanos} on the connection's thread; an interrupt (closing) cuts it short. */
  private static void holdBack(long nanos) {
    long until = System.nanoTime() + nanos;
    for (long left = nanos; left > 0 && !Thread.currentThread().isInterrupted(); ) {
      LockSupport.parkNanos(left);
      left = until - System.nanoTime();
    }
  }

  /** The drive's own answer to a request. */
  private byte[] answer(int unitId, byte[] pdu) {
    int function = pdu.length > 0 ? pdu[0] & 0xFF : 0;
    SimulatedDevice drive = drives.get(unitId);
    if (drive == null) {
      return ModbusPdu.exceptionResponse(function, GATEWAY_TARGET_FAILED);
    }
    try {
      if (drive instanceof SimulatedIoModule module) {
        return IoRequests.answer(module, pdu);
      }
      return switch (function) {
        case ModbusPdu.READ_HOLDING_REGISTERS, ModbusPdu.READ_INPUT_REGISTERS -> read(drive, pdu);
        case ModbusPdu.WRITE_SINGLE_REGISTER -> writeSingle(drive, pdu);
        case ModbusPdu.WRITE_MULTIPLE_REGISTERS -> writeMultiple(drive, pdu);
        case SimIdentification.FUNCTION -> SimIdentification.answer(pdu);
        default -> ModbusPdu.exceptionResponse(function, ILLEGAL_FUNCTION);
      };
    } catch (RegisterAccessException e) {
      return ModbusPdu.exceptionResponse(function, e.exceptionCode());
    }
  }

  private static byte[] read(SimulatedDevice drive, byte[] pdu) throws RegisterAccessException {
    if (pdu.length != 5) {
      return ModbusPdu.exceptionResponse(pdu[0], ILLEGAL_DATA_VALUE);
    }
    int count = ModbusPdu.word(pdu, 3);
    if (count < 1 || count > 125) {
      return ModbusPdu.exceptionResponse(pdu[0], ILLEGAL_DATA_VALUE);
    }
    int[] words = drive.readRegisters(ModbusPdu.word(pdu, 1), count);
    byte[] response = new byte[2 + 2 * count];
    response[0] = pdu[0];
    response[1] = (byte) (2 * count);
    for (int i = 0; i < count; i++) {
      response[2 + 2 * i] = (byte) (words[i] >> 8);
      response[3 + 2 * i] = (byte) words[i];
    }
    return response;
  }

  private static byte[] writeSingle(SimulatedDevice drive, byte[] pdu)
      throws RegisterAccessException {
    if (pdu.length != 5) {
      return ModbusPdu.exceptionResponse(pdu[0], ILLEGAL_DATA_VALUE);
    }
    drive.writeRegisters(ModbusPdu.word(pdu, 1), new int[] {ModbusPdu.word(pdu, 3)});
    return pdu.clone(); // FC06 echoes the request
  }

  private static byte[] writeMultiple(SimulatedDevice drive, byte[] pdu)
      throws RegisterAccessException {
    int count = pdu.length >= 6 ? ModbusPdu.word(pdu, 3) : -1;
    if (count < 1 || count > 123 || (pdu[5] & 0xFF) != 2 * count || pdu.length != 6 + 2 * count) {
      return ModbusPdu.exceptionResponse(pdu[0], ILLEGAL_DATA_VALUE);
    }
    int[] words = new int[count];
    for (int i = 0; i < count; i++) {
      words[i] = ModbusPdu.word(pdu, 6 + 2 * i);
    }
    drive.writeRegisters(ModbusPdu.word(pdu, 1), words);
    byte[] response = new byte[5];
    System.arraycopy(pdu, 0, response, 0, 5);
    return response;
  }
}
