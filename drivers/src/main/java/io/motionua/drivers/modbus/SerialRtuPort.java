package io.motionua.drivers.modbus;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.util.concurrent.locks.LockSupport;

/**
 * A serial port through jSerialComm, in non-blocking mode: reads poll for bytes until their
 * deadline, in steps well under one character time at 115200 baud, so timing stays tight.
 */
public final class SerialRtuPort implements RtuPort {

  private static final long POLL_STEP_NANOS = 50_000;

  private final SerialSettings settings;
  private final SerialPort port;

  public SerialRtuPort(SerialSettings settings) throws IOException {
    this.settings = settings;
    try {
      this.port = SerialPort.getCommPort(settings.port());
    } catch (RuntimeException e) {
      throw new IOException("no serial port " + settings.port(), e);
    }
    int parity =
        switch (settings.parity()) {
          case NONE -> SerialPort.NO_PARITY;
          case EVEN -> SerialPort.EVEN_PARITY;
          case ODD -> SerialPort.ODD_PARITY;
        };
    int stopBits = settings.stopBits() == 2 ? SerialPort.TWO_STOP_BITS : SerialPort.ONE_STOP_BIT;
    port.setComPortParameters(settings.baud(), settings.dataBits(), stopBits, parity);
    port.setComPortTimeouts(SerialPort.TIMEOUT_NONBLOCKING, 0, 0);
    if (!port.openPort()) {
      throw new IOException(
          "cannot open serial port %s (error %d at %d)"
              .formatted(settings.port(), port.getLastErrorCode(), port.getLastErrorLocation()));
    }
  }

  public SerialSettings settings() {
    return settings;
  }

  @Override
  public void write(byte[] bytes) throws IOException {
    int done = 0;
    while (done < bytes.length) {
      int n = port.writeBytes(bytes, bytes.length - done, done);
      if (n < 0) {
        throw new IOException("writing to serial port %s failed".formatted(settings.port()));
      }
      done += n;
    }
  }

  @Override
  public int read(byte[] buffer, int offset, int length, long deadlineNanos) throws IOException {
    while (true) {
      int n = port.readBytes(buffer, length, offset);
      if (n < 0) {
        throw new IOException("reading serial port %s failed".formatted(settings.port()));
      }
      if (n > 0 || System.nanoTime() >= deadlineNanos) {
        return n;
      }
      LockSupport.parkNanos(POLL_STEP_NANOS);
      if (Thread.currentThread().isInterrupted()) {
        throw new IOException("interrupted while reading serial port " + settings.port());
      }
    }
  }

  @Override
  public void discardInput() {
    byte[] sink = new byte[256];
    while (port.bytesAvailable() > 0 && port.readBytes(sink, sink.length, 0) > 0) {
      // dropping stale bytes
    }
  }

  @Override
  public void close() {
    port.closePort();
  }

  @Override
  public String describe() {
    return "rtu %s %d %d%s%d"
        .formatted(
            settings.port(),
            settings.baud(),
            settings.dataBits(),
            settings.parity().name().charAt(0),
            settings.stopBits());
  }
}
