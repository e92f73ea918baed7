package io.motionua.drivers.modbus;

import java.time.Duration;
import java.util.Objects;

/**
 * How a serial line is set up.
 *
 * @param port the device path, e.g. {@code /dev/ttyUSB0} or a pty
 * @param baud bits per second, e.g. 19200 or 115200
 * @param dataBits 7 or 8 (RTU needs 8)
 * @param parity none, even or odd (Modbus's default is even)
 * @param stopBits 1 or 2
 * @param interFrameDelay the silent interval before each request, or null for the Modbus serial
 *     spec's: 3.5 characters, fixed at 1.75 ms above 19200 baud
 * @param rs485 how the port drives an RS-485 transceiver's direction, or null when the adapter
 *     switches by itself (most USB adapters do)
 */
public record SerialSettings(
    String port,
    int baud,
    int dataBits,
    Parity parity,
    int stopBits,
    Duration interFrameDelay,
    Rs485 rs485) {

  /** Parity of each character. */
  public enum Parity {
    NONE,
    EVEN,
    ODD
  }

  /**
   * RS-485 direction control through the RTS line (jSerialComm's RS-485 mode).
   *
   * @param rtsActiveHigh whether RTS is high while sending
   * @param delayBeforeMicros how long RTS is set before the first bit goes out
   * @param delayAfterMicros how long RTS stays set after the last bit
   */
  public record Rs485(boolean rtsActiveHigh, int delayBeforeMicros, int delayAfterMicros) {

    public Rs485 {
      if (delayBeforeMicros < 0 || delayAfterMicros < 0) {
        throw new IllegalArgumentException("RS-485 delays must not be negative");
      }
    }
  }

  /** The spec's inter-frame delay and no RS-485 direction control. */
  public SerialSettings(String port, int baud, int dataBits, Parity parity, int stopBits) {
    this(port, baud, dataBits, parity, stopBits, null, null);
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

  /**
   * The RTU silent interval: the configured inter-frame delay, else 3.5 characters, fixed at 1.75
   * ms above 19200 baud.
   */
  public long silentIntervalNanos() {
    if (interFrameDelay != null) {
      return interFrameDelay.toNanos();
    }
    return baud > 19200 ? 1_750_000L : Math.round(3.5 * bitsPerCharacter() * 1e9 / baud);
  }

  /** Wire time of a number of characters. */
  public long wireNanos(int characters) {
    return Math.round((double) characters * bitsPerCharacter() * 1e9 / baud);
  }
}
