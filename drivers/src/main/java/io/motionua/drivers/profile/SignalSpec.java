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
 * @param bit for {@link DataType#BIT}: which bit of the register, 0..15; otherwise -1
 * @param length for {@link DataType#STRING}: number of registers; otherwise 0
 */
public record SignalSpec(
    String name,
    RegisterTable table,
    int address,
    DataType type,
    double scale,
    double offset,
    boolean writable,
    WordOrder order,
    int bit,
    int length) {

  /** Highest 0-based address of a Modbus table. */
  public static final int MAX_ADDRESS = 0xFFFF;

  public SignalSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(table, "table of " + name);
    Objects.requireNonNull(type, "type of " + name);
    Objects.requireNonNull(order, "order of " + name);
    if ((type == DataType.BIT) != (bit >= 0) || bit > 15) {
      throw new IllegalArgumentException(
          "signal %s: a bit index (0..15) goes with type bit and only with it, not %s bit %d"
              .formatted(name, type, bit));
    }
    if ((type == DataType.STRING) != (length > 0) || length > 123) {
      throw new IllegalArgumentException(
          "signal %s: a length of 1..123 registers goes with type string and only with it"
              .formatted(name));
    }
    if (type == DataType.BIT && writable) {
      throw new IllegalArgumentException(
          "signal %s: a bit in a register cannot be written alone; write the whole register"
              .formatted(name));
    }
    int registers = type == DataType.STRING ? length : type.registers();
    if (address < 0 || address + registers - 1 > MAX_ADDRESS) {
      throw new IllegalArgumentException(
          "signal %s: %s of %d registers at 0-based address %d does not fit below 65536"
              .formatted(name, type, registers, address));
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
    this(name, table, address, type, scale, offset, writable, WordOrder.BIG_ENDIAN, -1, 0);
  }

  /** A signal of a fixed-size type in the given order. */
  public SignalSpec(
      String name,
      RegisterTable table,
      int address,
      DataType type,
      double scale,
      double offset,
      boolean writable,
      WordOrder order) {
    this(name, table, address, type, scale, offset, writable, order, -1, 0);
  }

  /** Number of registers (or bits) the signal occupies. */
  public int count() {
    return type == DataType.STRING ? length : type.registers();
  }

  /** The 0-based address just past the signal. */
  public int end() {
    return address + count();
  }

  /** True when the engineering value differs from the raw value. */
  public boolean isScaled() {
    return scale != 1.0 || offset != 0.0;
  }

  /**
   * True when this signal shares a register (or bit) with another one in the same table. Bits of a
   * register may overlap the register itself and each other's registers, not the same bit.
   */
  public boolean overlaps(SignalSpec other) {
    boolean shared = table == other.table && address < other.end() && other.address < end();
    if (!shared) {
      return false;
    }
    if (type == DataType.BIT && other.type == DataType.BIT) {
      return bit == other.bit;
    }
    return type != DataType.BIT && other.type != DataType.BIT;
  }
}
