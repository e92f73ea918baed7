package io.motionua.drivers.modbus;

/**
 * Builds and checks Modbus PDUs (function code plus data, without unit id or framing) for the
 * register functions MotionUA uses. Registers are ints holding unsigned 16-bit words.
 */
public final class ModbusPdu {

  public static final int READ_COILS = 0x01;
  public static final int READ_DISCRETE_INPUTS = 0x02;
  public static final int READ_HOLDING_REGISTERS = 0x03;
  public static final int READ_INPUT_REGISTERS = 0x04;
  public static final int WRITE_SINGLE_COIL = 0x05;
  public static final int WRITE_SINGLE_REGISTER = 0x06;
  public static final int WRITE_MULTIPLE_COILS = 0x0F;
  public static final int WRITE_MULTIPLE_REGISTERS = 0x10;

  /** Set in the function code of an exception response. */
  public static final int EXCEPTION_FLAG = 0x80;

  private ModbusPdu() {}

  /** A read request for FC01-FC04. */
  public static byte[] readRequest(int functionCode, int address, int count) {
    return new byte[] {
      (byte) functionCode, (byte) (address >> 8), (byte) address, (byte) (count >> 8), (byte) count
    };
  }

  /** An FC06 request. */
  public static byte[] writeSingleRequest(int address, int word) {
    return new byte[] {
      WRITE_SINGLE_REGISTER, (byte) (address >> 8), (byte) address, (byte) (word >> 8), (byte) word
    };
  }

  /** An FC16 request. */
  public static byte[] writeMultipleRequest(int address, int[] words) {
    byte[] pdu = new byte[6 + 2 * words.length];
    pdu[0] = WRITE_MULTIPLE_REGISTERS;
    putWord(pdu, 1, address);
    putWord(pdu, 3, words.length);
    pdu[5] = (byte) (2 * words.length);
    for (int i = 0; i < words.length; i++) {
      putWord(pdu, 6 + 2 * i, words[i]);
    }
    return pdu;
  }

  /** An FC05 request: ON is 0xFF00, OFF 0x0000. */
  public static byte[] writeSingleCoilRequest(int address, boolean on) {
    return new byte[] {
      WRITE_SINGLE_COIL, (byte) (address >> 8), (byte) address, (byte) (on ? 0xFF : 0), 0
    };
  }

  /** An FC15 request; bits are ints 0 or 1, packed low bit first. */
  public static byte[] writeMultipleCoilsRequest(int address, int[] bits) {
    int bytes = (bits.length + 7) / 8;
    byte[] pdu = new byte[6 + bytes];
    pdu[0] = WRITE_MULTIPLE_COILS;
    putWord(pdu, 1, address);
    putWord(pdu, 3, bits.length);
    pdu[5] = (byte) bytes;
    for (int i = 0; i < bits.length; i++) {
      if (bits[i] != 0) {
        pdu[6 + i / 8] |= (byte) (1 << (i % 8));
      }
    }
    return pdu;
  }

  /** An exception response to the given function. */
  public static byte[] exceptionResponse(int functionCode, int exceptionCode) {
    return new byte[] {(byte) (functionCode | EXCEPTION_FLAG), (byte) exceptionCode};
  }

  /** True when the response carries an exception code (in byte 1). */
  public static boolean isException(byte[] response) {
    return response.length >= 2 && (response[0] & EXCEPTION_FLAG) != 0;
  }

  /**
   * The registers of an FC03/FC04 response, after checking it answers the request.
   *
   * @throws IllegalStateException when the response does not match (wrong function or length)
   */
  public static int[] registers(byte[] response, int functionCode, int count) {
    if (response.length != 2 + 2 * count
        || (response[0] & 0xFF) != functionCode
        || (response[1] & 0xFF) != 2 * count) {
      throw new IllegalStateException(
          "response of %d bytes with function %d does not answer FC%02d for %d registers"
              .formatted(
                  response.length, response.length > 0 ? response[0] : -1, functionCode, count));
    }
    int[] words = new int[count];
    for (int i = 0; i < count; i++) {
      words[i] = word(response, 2 + 2 * i);
    }
    return words;
  }

  /**
   * The bits of an FC01/FC02 response, one int (0 or 1) per bit, after checking it answers the
   * request.
   */
  public static int[] bits(byte[] response, int functionCode, int count) {
    int bytes = (count + 7) / 8;
    if (response.length != 2 + bytes
        || (response[0] & 0xFF) != functionCode
        || (response[1] & 0xFF) != bytes) {
      throw new IllegalStateException(
          "response of %d bytes does not answer FC%02d for %d bits"
              .formatted(response.length, functionCode, count));
    }
    int[] bits = new int[count];
    for (int i = 0; i < count; i++) {
      bits[i] = (response[2 + i / 8] >> (i % 8)) & 1;
    }
    return bits;
  }

  /** An unsigned 16-bit big-endian word at an offset. */
  public static int word(byte[] bytes, int offset) {
    return ((bytes[offset] & 0xFF) << 8) | (bytes[offset + 1] & 0xFF);
  }

  static void putWord(byte[] bytes, int offset, int word) {
    bytes[offset] = (byte) (word >> 8);
    bytes[offset + 1] = (byte) word;
  }
}
