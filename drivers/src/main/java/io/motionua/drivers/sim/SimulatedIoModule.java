package io.motionua.drivers.sim;

import io.motionua.drivers.profile.RegisterTable;
import java.util.EnumMap;
import java.util.Map;

/**
 * A simulated remote I/O module: the four Modbus tables as plain memory, each answering from its
 * lowest to its highest configured address (outside that: exception 02), as a small I/O module
 * does. Wiring for a demo without hardware: a discrete input at the same address as a coil follows
 * that coil (a valve with its position switch). Thread-safe.
 */
public final class SimulatedIoModule implements SimulatedDevice {

  private static final class Table {
    final int first;
    final int[] values;

    Table(int first, int last) {
      this.first = first;
      this.values = new int[last - first + 1];
    }

    boolean covers(int address, int count) {
      return count >= 1 && address >= first && address + count <= first + values.length;
    }
  }

  private final Map<RegisterTable, Table> tables = new EnumMap<>(RegisterTable.class);

  /**
   * @param spans per table, the lowest and highest address it answers for (0-based); tables not
   *     given answer nothing (exception 02)
   */
  public SimulatedIoModule(Map<RegisterTable, int[]> spans) {
    spans.forEach((table, span) -> tables.put(table, new Table(span[0], span[1])));
  }

  /** Sets a value (a register word, or 0/1 for a bit), as the process would. */
  public synchronized void set(RegisterTable table, int address, int value) {
    Table t = tables.get(table);
    if (t == null || !t.covers(address, 1)) {
      throw new IllegalArgumentException(
          "the simulated module has no %s at %d".formatted(table, address));
    }
    t.values[address - t.first] = value & 0xFFFF;
  }

  /** Reads values of one table (bits as 0/1). */
  public synchronized int[] read(RegisterTable table, int address, int count)
      throws RegisterAccessException {
    Table t = tables.get(table);
    if (t == null || !t.covers(address, count)) {
      throw new RegisterAccessException(
          RegisterAccessException.ILLEGAL_DATA_ADDRESS,
          "no %s %d..%d".formatted(table, address, address + count - 1));
    }
    if (table == RegisterTable.DISCRETE_INPUT) {
      mirrorCoils(t);
    }
    int[] out = new int[count];
    System.arraycopy(t.values, address - t.first, out, 0, count);
    return out;
  }

  /** Writes values of a writable table (coils, holding registers). */
  public synchronized void write(RegisterTable table, int address, int[] values)
      throws RegisterAccessException {
    Table t = tables.get(table);
    if (!table.isWritable() || t == null || !t.covers(address, values.length)) {
      throw new RegisterAccessException(
          RegisterAccessException.ILLEGAL_DATA_ADDRESS,
          "cannot write %s %d..%d".formatted(table, address, address + values.length - 1));
    }
    for (int i = 0; i < values.length; i++) {
      t.values[address - t.first + i] = values[i] & 0xFFFF;
    }
  }

  private void mirrorCoils(Table inputs) {
    Table coils = tables.get(RegisterTable.COIL);
    if (coils == null) {
      return;
    }
    for (int i = 0; i < inputs.values.length; i++) {
      int address = inputs.first + i;
      if (coils.covers(address, 1)) {
        inputs.values[i] = coils.values[address - coils.first];
      }
    }
  }

  /** Function 3: holding registers. */
  @Override
  public int[] readRegisters(int address, int count) throws RegisterAccessException {
    return read(RegisterTable.HOLDING_REGISTER, address, count);
  }

  @Override
  public void writeRegisters(int address, int[] values) throws RegisterAccessException {
    write(RegisterTable.HOLDING_REGISTER, address, values);
  }
}
