package io.motionua.drivers.modbus;

import io.motionua.drivers.profile.RegisterTable;
import java.util.List;

/**
 * One write request: registers (or coils) from a 0-based address, and the signals they carry.
 *
 * @param table holding registers or coils
 * @param address 0-based address of the first register or coil
 * @param words the registers' values (0 or 1 for coils)
 * @param signals names of the signals written, in order
 */
record WriteRequest(RegisterTable table, int address, int[] words, List<String> signals) {

  WriteRequest {
    signals = List.copyOf(signals);
  }

  /**
   * The PDU: for registers FC06 for one register when the device prefers it, FC16 otherwise; for
   * coils FC05 for one, FC15 for several.
   */
  byte[] pdu(boolean singleWithFc06) {
    if (table == RegisterTable.COIL) {
      return words.length == 1
          ? ModbusPdu.writeSingleCoilRequest(address, words[0] != 0)
          : ModbusPdu.writeMultipleCoilsRequest(address, words);
    }
    return singleWithFc06 && words.length == 1
        ? ModbusPdu.writeSingleRequest(address, words[0])
        : ModbusPdu.writeMultipleRequest(address, words);
  }
}
