package io.motionua.drivers.sim;

/**
 * The simulator's register map (docs/drive-registers.md): 0-based holding-register addresses, which
 * of them a master may write, and 32-bit values high word first.
 */
final class SimRegisters {

  /** Number of registers in the map. */
  static final int COUNT = 28;

  static final int CONTROLWORD = 0;
  static final int STATUSWORD = 1;
  static final int MODE = 2;
  static final int MODE_DISPLAY = 3;
  static final int TARGET_POSITION = 4;
  static final int PROFILE_VELOCITY = 6;
  static final int PROFILE_ACCELERATION = 8;
  static final int PROFILE_DECELERATION = 10;
  static final int TARGET_VELOCITY = 12;
  static final int HOMING_METHOD = 14;
  static final int POSITION_ACTUAL = 16;
  static final int VELOCITY_ACTUAL = 18;
  static final int TORQUE_ACTUAL = 20;
  static final int MOTOR_TEMPERATURE = 21;
  static final int ERROR_CODE = 22;
  static final int POSITION_DEMAND = 24;
  static final int FOLLOWING_ERROR = 26;

  /** Registers a master may write; the others are read-only or reserved. */
  private static final boolean[] WRITABLE = new boolean[COUNT];

  static {
    for (int a : new int[] {CONTROLWORD, MODE, HOMING_METHOD}) {
      WRITABLE[a] = true;
    }
    for (int a = TARGET_POSITION; a < HOMING_METHOD; a++) {
      WRITABLE[a] = true;
    }
  }

  private SimRegisters() {}

  static void checkWritable(int address, int count) throws RegisterAccessException {
    checkRange(address, count);
    for (int i = 0; i < count; i++) {
      if (!WRITABLE[address + i]) {
        throw new RegisterAccessException(
            RegisterAccessException.ILLEGAL_DATA_ADDRESS,
            "register %d (0-based) is not writable".formatted(address + i));
      }
    }
  }

  static void checkRange(int address, int count) throws RegisterAccessException {
    if (address < 0 || count < 1 || address + count > COUNT) {
      throw new RegisterAccessException(
          RegisterAccessException.ILLEGAL_DATA_ADDRESS,
          "registers %d..%d (0-based) leave the map 0..%d"
              .formatted(address, address + count - 1, COUNT - 1));
    }
  }

  static void putInt32(int[] image, int address, long value) {
    image[address] = (int) (value >>> 16) & 0xFFFF;
    image[address + 1] = (int) value & 0xFFFF;
  }

  static boolean touches(int from, int to, int address, int count) {
    return from < address + count && address < to;
  }
}
