package io.motionua.drivers.modbus;

/**
 * The CRC-16 of Modbus RTU frames (polynomial 0xA001 reflected, initial 0xFFFF, low byte first).
 */
public final class ModbusCrc {

  private static final int[] TABLE = new int[256];

  static {
    for (int i = 0; i < 256; i++) {
      int crc = i;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
      }
      TABLE[i] = crc;
    }
  }

  private ModbusCrc() {}

  /** The CRC of {@code bytes[0..length)}. */
  public static int of(byte[] bytes, int length) {
    int crc = 0xFFFF;
    for (int i = 0; i < length; i++) {
      crc = (crc >>> 8) ^ TABLE[(crc ^ bytes[i]) & 0xFF];
    }
    return crc;
  }

  /** An RTU frame: unit id, PDU, CRC low byte then high byte. */
  public static byte[] frame(int unitId, byte[] pdu) {
    byte[] frame = new byte[pdu.length + 3];
    frame[0] = (byte) unitId;
    System.arraycopy(pdu, 0, frame, 1, pdu.length);
    int crc = of(frame, pdu.length + 1);
    frame[pdu.length + 1] = (byte) crc;
    frame[pdu.length + 2] = (byte) (crc >>> 8);
    return frame;
  }

  /** True when the last two bytes of {@code frame[0..length)} are its CRC. */
  public static boolean check(byte[] frame, int length) {
    if (length < 4) {
      return false;
    }
    int crc = of(frame, length - 2);
    return (frame[length - 2] & 0xFF) == (crc & 0xFF) && (frame[length - 1] & 0xFF) == crc >>> 8;
  }
}
