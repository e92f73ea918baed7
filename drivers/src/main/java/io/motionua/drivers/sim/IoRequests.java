package io.motionua.drivers.sim;

import io.motionua.drivers.modbus.ModbusPdu;
import io.motionua.drivers.profile.RegisterTable;

/**
 * Answers the eight data functions (FC01-06, FC15, FC16) for a {@link SimulatedIoModule}, each on
 * its own table: what a remote I/O module behind the simulated gateway says.
 */
final class IoRequests {

  private static final int ILLEGAL_FUNCTION = 0x01;
  private static final int ILLEGAL_DATA_VALUE = 0x03;

  private IoRequests() {}

  static byte[] answer(SimulatedIoModule module, byte[] pdu) throws RegisterAccessException {
    int function = pdu[0] & 0xFF;
    return switch (function) {
      case ModbusPdu.READ_COILS -> readBits(module, RegisterTable.COIL, pdu);
      case ModbusPdu.READ_DISCRETE_INPUTS -> readBits(module, RegisterTable.DISCRETE_INPUT, pdu);
      case ModbusPdu.READ_HOLDING_REGISTERS ->
          readWords(module, RegisterTable.HOLDING_REGISTER, pdu);
      case ModbusPdu.READ_INPUT_REGISTERS -> readWords(module, RegisterTable.INPUT_REGISTER, pdu);
      case ModbusPdu.WRITE_SINGLE_COIL -> {
        int value = ModbusPdu.word(pdu, 3);
        if (pdu.length != 5 || (value != 0xFF00 && value != 0)) {
          yield ModbusPdu.exceptionResponse(function, ILLEGAL_DATA_VALUE);
        }
        module.write(RegisterTable.COIL, ModbusPdu.word(pdu, 1), new int[] {value == 0 ? 0 : 1});
        yield pdu.clone();
      }
      case ModbusPdu.WRITE_SINGLE_REGISTER -> {
        module.write(
            RegisterTable.HOLDING_REGISTER,
            ModbusPdu.word(pdu, 1),
            new int[] {ModbusPdu.word(pdu, 3)});
        yield pdu.clone();
      }
      case ModbusPdu.WRITE_MULTIPLE_COILS -> {
        int count = ModbusPdu.word(pdu, 3);
        int[] bits = new int[count];
        for (int i = 0; i < count; i++) {
          bits[i] = (pdu[6 + i / 8] >> (i % 8)) & 1;
        }
        module.write(RegisterTable.COIL, ModbusPdu.word(pdu, 1), bits);
        yield java.util.Arrays.copyOf(pdu, 5);
      }
      case ModbusPdu.WRITE_MULTIPLE_REGISTERS -> {
        int count = ModbusPdu.word(pdu, 3);
        int[] words = new int[count];
        for (int i = 0; i < count; i++) {
          words[i] = ModbusPdu.word(pdu, 6 + 2 * i);
        }
        module.write(RegisterTable.HOLDING_REGISTER, ModbusPdu.word(pdu, 1), words);
        yield java.util.Arrays.copyOf(pdu, 5);
      }
      default -> ModbusPdu.exceptionResponse(function, ILLEGAL_FUNCTION);
    };
  }

  private static byte[] readBits(SimulatedIoModule module, RegisterTable table, byte[] pdu)
      throws RegisterAccessException {
    int count = ModbusPdu.word(pdu, 3);
    if (pdu.length != 5 || count < 1 || count > 2000) {
      return ModbusPdu.exceptionResponse(pdu[0], ILLEGAL_DATA_VALUE);
    }
    int[] bits = module.read(table, ModbusPdu.word(pdu, 1), count);
    byte[] response = new byte[2 + (count + 7) / 8];
    response[0] = pdu[0];
    response[1] = (byte) ((count + 7) / 8);
    for (int i = 0; i < count; i++) {
      if (bits[i] != 0) {
        response[2 + i / 8] |= (byte) (1 << (i % 8));
      }
    }
    return response;
  }

  private static byte[] readWords(SimulatedIoModule module, RegisterTable table, byte[] pdu)
      throws RegisterAccessException {
    int count = ModbusPdu.word(pdu, 3);
    if (pdu.length != 5 || count < 1 || count > 125) {
      return ModbusPdu.exceptionResponse(pdu[0], ILLEGAL_DATA_VALUE);
    }
    int[] words = module.read(table, ModbusPdu.word(pdu, 1), count);
    byte[] response = new byte[2 + 2 * count];
    response[0] = pdu[0];
    response[1] = (byte) (2 * count);
    for (int i = 0; i < count; i++) {
      response[2 + 2 * i] = (byte) (words[i] >> 8);
      response[3 + 2 * i] = (byte) words[i];
    }
    return response;
  }
}
