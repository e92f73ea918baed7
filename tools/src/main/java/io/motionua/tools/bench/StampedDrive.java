package io.motionua.tools.bench;

import io.motionua.drivers.sim.RegisterAccessException;
import io.motionua.drivers.sim.SimulatedDevice;
import io.motionua.drivers.sim.SimulatedDrive;

/**
 * A simulated drive whose position register the plant benchmark changes: reads of the actual
 * position (the {@code motionua-sim} profile's {@code positionActual}, holding registers 16 and 17,
 * int32, high word first) return the simulated drive's value plus an offset the benchmark sets. The
 * moment {@link #setOffset} returns is the register change the benchmark times from: the link reads
 * the new value at its next poll.
 */
final class StampedDrive implements SimulatedDevice {

  /** The 0-based address of the actual position's high word in the simulator's map. */
  static final int POSITION_ACTUAL = 16;

  private final SimulatedDrive drive = new SimulatedDrive();
  private volatile int offset;

  /** Changes the actual position register by this many increments from the simulated one. */
  void setOffset(int increments) {
    offset = increments;
  }

  @Override
  public int[] readRegisters(int address, int count) throws RegisterAccessException {
    int[] values = drive.readRegisters(address, count);
    int add = offset;
    if (add != 0 && address <= POSITION_ACTUAL && POSITION_ACTUAL + 1 < address + count) {
      int hi = POSITION_ACTUAL - address;
      int position = ((values[hi] & 0xFFFF) << 16 | (values[hi + 1] & 0xFFFF)) + add;
      values[hi] = (position >>> 16) & 0xFFFF;
      values[hi + 1] = position & 0xFFFF;
    }
    return values;
  }

  @Override
  public void writeRegisters(int address, int[] values) throws RegisterAccessException {
    drive.writeRegisters(address, values);
  }
}
