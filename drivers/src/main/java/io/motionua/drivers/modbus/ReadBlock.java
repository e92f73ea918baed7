package io.motionua.drivers.modbus;

import io.motionua.drivers.profile.RegisterTable;
import io.motionua.drivers.profile.SignalSpec;
import java.util.List;

/**
 * One read request: a run of registers (or bits) of one table covering whole signals.
 *
 * @param table the table read
 * @param address 0-based address of the first register
 * @param count number of registers (or bits)
 * @param signals the signals decoded from the response, ordered by address
 */
record ReadBlock(RegisterTable table, int address, int count, List<SignalSpec> signals) {

  ReadBlock {
    signals = List.copyOf(signals);
  }

  int functionCode() {
    return switch (table) {
      case COIL -> ModbusPdu.READ_COILS;
      case DISCRETE_INPUT -> ModbusPdu.READ_DISCRETE_INPUTS;
      case INPUT_REGISTER -> ModbusPdu.READ_INPUT_REGISTERS;
      case HOLDING_REGISTER -> ModbusPdu.READ_HOLDING_REGISTERS;
    };
  }

  /** For messages: {@code holding registers 0..27 (0-based)}. */
  String describe() {
    return "%s %d..%d (0-based)".formatted(table, address, address + count - 1);
  }
}
