package io.motionua.drivers.sim;

/**
 * A simulated Modbus device as the simulator's gateway sees it: registers it reads and writes. FC03
 * and FC04 read the same registers; FC06 and FC16 write them.
 */
public interface SimulatedDevice {

  /**
   * Reads registers.
   *
   * @throws RegisterAccessException with code 02 when the range leaves the device's map
   */
  int[] readRegisters(int address, int count) throws RegisterAccessException;

  /**
   * Writes registers, all at once.
   *
   * @throws RegisterAccessException 02 for a register outside the map or not writable
   */
  void writeRegisters(int address, int[] values) throws RegisterAccessException;
}
