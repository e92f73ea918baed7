package io.motionua.drivers.modbus;

import java.util.Objects;

/**
 * How a serial line is set up.
 *
 * @param port the device path, e.g. {@code /dev/ttyUSB0} or a pty
 * @param baud bits per second, e.g. 19200 or 115200
 * @param dataBits 7 or 8 (RTU needs 8)
 * @param parity none, even or odd (Modbus's default is even)
 * @param stopBits 1 or 2
 */
public record SerialSettings(String port, int baud, int dataBits, Parity parity, int stopBits) {

  /** Parity of each character. */
  public enum Parity {
    NONE,
    EVEN,
    ODD
  }

  public SerialSettings {
    Objects.requireNonNull(port, "port");
    Objects.requireNonNull(parity, "parity of " + port);
    if (baud < 300 || dataBits < 7 || dataBits > 8 || stopBits < 1 || stopBits > 2) {
      throw new IllegalArgumentException(
          "serial port %s: %d baud, %d data bits, %d stop bits is not a valid setting"
              .formatted(port, baud, dataBits, stopBits));
    }
  }

  /** 8 data bits, even parity, 1 stop bit: the Modbus default. */
  public static SerialSettings modbusDefault(String port, int baud) {
    return new SerialSettings(port, baud, 8, Parity.EVEN, 1);
  }

  /** Bits per character on the wire: start bit, data, parity, stop bits (11 for 8E1). */
  public int bitsPerCharacter() {
    return 1 + dataBits + (parity == Parity.NONE ? 0 : 1) + stopBits;
  }

  /** The RTU silent interval: 3.5 characters, fixed at 1.75 ms above 19200 baud. */
  public long silentIntervalNanos() {
    return baud > 19200 ? 1_750_000L : Math.round(3.5 * bitsPerCharacter() * 1e9 / baud);
  }

  /** Wire time of a number of characters. */
  public long wireNanos(int characters) {
    return Math.round((double) characters * bitsPerCharacter() * 1e9 / baud);
  }
}
