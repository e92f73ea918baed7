package io.motionua.drivers.modbus;

import java.util.List;

/**
 * One write request: registers from a 0-based address, and the signals they carry.
 *
 * @param address 0-based address of the first holding register
 * @param words the registers' values
 * @param signals names of the signals written, in order
 */
record WriteRequest(int address, int[] words, List<String> signals) {

  WriteRequest {
    signals = List.copyOf(signals);
  }

  /** The PDU: FC06 for one register when the device prefers it, FC16 otherwise. */
  byte[] pdu(boolean singleWithFc06) {
    return singleWithFc06 && words.length == 1
        ? ModbusPdu.writeSingleRequest(address, words[0])
        : ModbusPdu.writeMultipleRequest(address, words);
  }
}
