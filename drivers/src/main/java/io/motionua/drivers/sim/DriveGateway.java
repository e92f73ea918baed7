package io.motionua.drivers.sim;

import io.motionua.drivers.modbus.ModbusPdu;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers Modbus PDUs for several simulated drives by unit id, as a gateway in front of them would;
 * shared by the TCP and RTU simulators. Thread-safe.
 */
final class DriveGateway {

  /** Exception 0x0B: the gateway's target device failed to respond. */
  static final int GATEWAY_TARGET_FAILED = 0x0B;

  private static final int ILLEGAL_FUNCTION = 0x01;
  private static final int ILLEGAL_DATA_VALUE = 0x03;

  private final Map<Integer, SimulatedDrive> drives;
  private final Set<Integer> silent = ConcurrentHashMap.newKeySet();

  DriveGateway(Map<Integer, SimulatedDrive> drivesByUnitId) {
    this.drives = new TreeMap<>(drivesByUnitId);
  }

  SimulatedDrive drive(int unitId) {
    SimulatedDrive drive = drives.get(unitId);
    if (drive == null) {
      throw new IllegalArgumentException(
          "no simulated drive with unit id %d (have %s)".formatted(unitId, drives.keySet()));
    }
    return drive;
  }

  void setResponding(int unitId, boolean responding) {
    drive(unitId);
    if (responding) {
      silent.remove(unitId);
    } else {
      silent.add(unitId);
    }
  }

  /** The response PDU, or null when the drive does not answer at all. */
  byte[] handle(int unitId, byte[] pdu) {
    if (silent.contains(unitId)) {
      return null;
    }
    int function = pdu.length > 0 ? pdu[0] & 0xFF : 0;
    SimulatedDrive drive = drives.get(unitId);
    if (drive == null) {
      return ModbusPdu.exceptionResponse(function, GATEWAY_TARGET_FAILED);
    }
    try {
      return switch (function) {
        case ModbusPdu.READ_HOLDING_REGISTERS, ModbusPdu.READ_INPUT_REGISTERS -> read(drive, pdu);
        case ModbusPdu.WRITE_SINGLE_REGISTER -> writeSingle(drive, pdu);
        case ModbusPdu.WRITE_MULTIPLE_REGISTERS -> writeMultiple(drive, pdu);
        default -> ModbusPdu.exceptionResponse(function, ILLEGAL_FUNCTION);
      };
    } catch (RegisterAccessException e) {
      return ModbusPdu.exceptionResponse(function, e.exceptionCode());
    }
  }

  private static byte[] read(SimulatedDrive drive, byte[] pdu) throws RegisterAccessException {
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

  private static byte[] writeSingle(SimulatedDrive drive, byte[] pdu)
      throws RegisterAccessException {
    if (pdu.length != 5) {
      return ModbusPdu.exceptionResponse(pdu[0], ILLEGAL_DATA_VALUE);
    }
    drive.writeRegisters(ModbusPdu.word(pdu, 1), new int[] {ModbusPdu.word(pdu, 3)});
    return pdu.clone(); // FC06 echoes the request
  }

  private static byte[] writeMultiple(SimulatedDrive drive, byte[] pdu)
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
