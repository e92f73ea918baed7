package io.motionua.drivers.modbus;

import io.motionua.drivers.profile.RegisterAddress;
import io.motionua.drivers.profile.RegisterTable;

/**
 * A request PDU in words for error messages: its function and the registers it names, in the
 * 1-based form profiles use ({@code FC03 holding-register:1 x10}), so that a user can find the
 * register in the profile without counting.
 */
final class RequestText {

  private RequestText() {}

  static String of(byte[] pdu) {
    if (pdu == null || pdu.length < 3) {
      return "request";
    }
    int function = pdu[0] & 0xFF;
    RegisterTable table =
        switch (function) {
          case ModbusPdu.READ_COILS, ModbusPdu.WRITE_SINGLE_COIL, ModbusPdu.WRITE_MULTIPLE_COILS ->
              RegisterTable.COIL;
          case ModbusPdu.READ_DISCRETE_INPUTS -> RegisterTable.DISCRETE_INPUT;
          case ModbusPdu.READ_INPUT_REGISTERS -> RegisterTable.INPUT_REGISTER;
          case ModbusPdu.READ_HOLDING_REGISTERS,
                  ModbusPdu.WRITE_SINGLE_REGISTER,
                  ModbusPdu.WRITE_MULTIPLE_REGISTERS ->
              RegisterTable.HOLDING_REGISTER;
          default -> null;
        };
    if (table == null) {
      return "FC%02X".formatted(function);
    }
    int address = ((pdu[1] & 0xFF) << 8) | (pdu[2] & 0xFF);
    String text = "FC%02X %s".formatted(function, new RegisterAddress(table, address));
    boolean single =
        function == ModbusPdu.WRITE_SINGLE_COIL || function == ModbusPdu.WRITE_SINGLE_REGISTER;
    if (single || pdu.length < 5) {
      return text;
    }
    return text + " x" + (((pdu[3] & 0xFF) << 8) | (pdu[4] & 0xFF));
  }
}
