package io.motionua.drivers.profile;

import java.util.Objects;

/**
 * Where one named signal lives in a device and how to decode it. The value in engineering units is
 * {@code raw * scale + offset}.
 *
 * @param name the signal's name (see {@link io.motionua.drivers.DriveSignals} for standard ones)
 * @param table the Modbus table
 * @param address the 0-based PDU address of the first register (or bit)
 * @param type how the registers encode the value
 * @param scale multiplier from raw to engineering units
 * @param offset added after scaling
 * @param writable whether the master may write it
 * @param order word and byte order of multi-register values
 */
public record SignalSpec(
    String name,
    RegisterTable table,
    int address,
    DataType type,
    double scale,
    double offset,
    boolean writable,
    WordOrder order) {

  /** Highest 0-based address of a Modbus table. */
  public static final int MAX_ADDRESS = 0xFFFF;

  public SignalSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(table, "table of " + name);
    Objects.requireNonNull(type, "type of " + name);
    Objects.requireNonNull(order, "order of " + name);
    if (address < 0 || address + type.registers() - 1 > MAX_ADDRESS) {
      throw new IllegalArgumentException(
          "signal %s: %s at 0-based address %d does not fit below 65536"
              .formatted(name, type, address));
    }
    if (table.isBitTable() != (type == DataType.BOOL)) {
      throw new IllegalArgumentException(
          "signal %s: type %s does not fit table %s".formatted(name, type, table));
    }
    if (writable && !table.isWritable()) {
      throw new IllegalArgumentException(
          "signal %s: table %s is read-only, the signal cannot be writable".formatted(name, table));
    }
    if (scale == 0.0 || !Double.isFinite(scale) || !Double.isFinite(offset)) {
      throw new IllegalArgumentException(
          "signal %s: scale %s and offset %s must be finite, scale not 0"
              .formatted(name, scale, offset));
    }
  }

  /** A big-endian signal (high word first). */
  public SignalSpec(
      String name,
      RegisterTable table,
      int address,
      DataType type,
      double scale,
      double offset,
      boolean writable) {
    this(name, table, address, type, scale, offset, writable, WordOrder.BIG_ENDIAN);
  }

  /** Number of registers (or bits) the signal occupies. */
  public int count() {
    return type.registers();
  }

  /** The 0-based address just past the signal. */
  public int end() {
    return address + type.registers();
  }

  /** True when the engineering value differs from the raw value. */
  public boolean isScaled() {
    return scale != 1.0 || offset != 0.0;
  }

  /** True when this signal shares a register (or bit) with another one in the same table. */
  public boolean overlaps(SignalSpec other) {
    return table == other.table && address < other.end() && other.address < end();
  }
}
