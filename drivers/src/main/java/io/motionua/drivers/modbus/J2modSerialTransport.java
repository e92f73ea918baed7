package io.motionua.drivers.modbus;

import com.fazecast.jSerialComm.SerialPort;
import com.ghgande.j2mod.modbus.Modbus;
import com.ghgande.j2mod.modbus.ModbusIOException;
import com.ghgande.j2mod.modbus.io.ModbusRTUTransport;
import com.ghgande.j2mod.modbus.msg.ModbusRequest;
import com.ghgande.j2mod.modbus.msg.ModbusResponse;
import com.ghgande.j2mod.modbus.net.SerialConnection;
import com.ghgande.j2mod.modbus.util.SerialParameters;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Modbus RTU on a serial port through j2mod's {@link SerialConnection} and {@link
 * ModbusRTUTransport} (jSerialComm underneath). j2mod drops stale input before each request, finds
 * the response's end from its function code and checks its CRC; this class adds:
 *
 * <ul>
 *   <li>the RTU silent interval (3.5 characters, 1.75 ms above 19200 baud) before each request,
 *       timed from the end of the last response, to the microsecond rather than j2mod's whole
 *       milliseconds;
 *   <li>the check that a response comes from the unit asked and answers the function asked;
 *   <li>after a timeout or a damaged response the port is closed and opened again for the next
 *       request, which also drops whatever the operating system still buffered;
 *   <li>a timeout told from a cut-off frame and from a CRC error by the bytes read, since j2mod's
 *       exceptions carry only a message.
 * </ul>
 */
final class J2modSerialTransport implements ModbusTransport {

  private final SerialSettings settings;
  private boolean open;
  private RecordingConnection connection;
  private RequestWriter transport;
  private int timeoutMillis;
  private long quietSinceNanos;

  J2modSerialTransport(SerialSettings settings) {
    this.settings = settings;
  }

  @Override
  public void open(long timeoutNanos) throws IOException {
    close();
    connect();
    open = true;
  }

  private void connect() throws IOException {
    RecordingConnection c = new RecordingConnection(parameters(settings));
    try {
      c.open();
    } catch (IOException e) {
      c.close();
      throw new IOException(
          "cannot open serial port %s: %s".formatted(settings.port(), openProblem(e)), e);
    } catch (RuntimeException e) {
      // jSerialComm refuses a path that is not there with an unchecked exception.
      c.close();
      throw new IOException(
          "cannot open serial port %s: %s".formatted(settings.port(), openProblem(e)), e);
    }
    RequestWriter writer = new RequestWriter();
    writer.setCommPort(c);
    connection = c;
    transport = writer;
    timeoutMillis = 0;
    quietSinceNanos = System.nanoTime();
  }

  /** Why a port did not open, in words: jSerialComm's own messages say little. */
  private String openProblem(Exception e) {
    java.io.File device = new java.io.File(settings.port());
    if (!device.exists()) {
      return "no such device";
    }
    if (!device.canRead() || !device.canWrite()) {
      return "permission denied (is the user in the dialout group?)";
    }
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    return message.contains("busy") || message.contains("in use") || heldByAnother()
        ? "in use by another program"
        : message;
  }

  /**
   * Whether another program holds the port: jSerialComm locks a port exclusively (TIOCEXCL and
   * flock) and, when that fails, says only "cannot be opened"; the errno of one more try tells
   * EBUSY (16) or EWOULDBLOCK (11) apart from other causes.
   */
  private boolean heldByAnother() {
    SerialPort probe = SerialPort.getCommPort(settings.port());
    if (probe.openPort(0)) {
      probe.closePort();
      return false;
    }
    int errno = probe.getLastErrorCode();
    return errno == 16 || errno == 11;
  }

  private static SerialParameters parameters(SerialSettings settings) {
    SerialParameters p = new SerialParameters();
    p.setPortName(settings.port());
    p.setBaudRate(settings.baud());
    p.setDatabits(settings.dataBits());
    p.setStopbits(settings.stopBits() == 2 ? SerialPort.TWO_STOP_BITS : SerialPort.ONE_STOP_BIT);
    p.setParity(
        switch (settings.parity()) {
          case NONE -> SerialPort.NO_PARITY;
          case EVEN -> SerialPort.EVEN_PARITY;
          case ODD -> SerialPort.ODD_PARITY;
        });
    p.setEncoding(Modbus.SERIAL_ENCODING_RTU);
    p.setEcho(false);
    if (settings.rs485() != null) {
      p.setRs485Mode(true);
      p.setRs485TxEnableActiveHigh(settings.rs485().rtsActiveHigh());
      p.setRs485DelayBeforeTxMicroseconds(settings.rs485().delayBeforeMicros());
      p.setRs485DelayAfterTxMicroseconds(settings.rs485().delayAfterMicros());
    }
    return p;
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public byte[] exchange(int unitId, byte[] pdu, long timeoutNanos) throws IOException {
    if (!open) {
      throw new IOException("not connected to " + describe());
    }
    if (connection == null) {
      connect(); // the last request timed out or was answered badly
    }
    ModbusRequest request = J2modMessages.request(unitId, pdu);
    long quietUntil = quietSinceNanos + settings.silentIntervalNanos();
    for (long left; (left = quietUntil - System.nanoTime()) > 0; ) {
      LockSupport.parkNanos(left);
    }
    int millis =
        (int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(timeoutNanos)));
    if (millis != timeoutMillis) {
      transport.setTimeout(millis);
      timeoutMillis = millis;
    }
    try {
      transport.send(request);
    } catch (ModbusIOException e) {
      drop();
      throw new IOException(
          "writing to serial port %s failed: %s".formatted(settings.port(), e.getMessage()), e);
    }
    RecordingInput input = connection.input;
    input.startFrame();
    ModbusResponse response;
    try {
      response = transport.readResponse();
    } catch (ModbusIOException e) {
      drop(); // the next request opens the port again
      throw input.failure(describe(), e, true);
    } finally {
      quietSinceNanos = System.nanoTime();
    }
    try {
      J2modMessages.checkAnswers(request, response, describe());
    } catch (FrameException e) {
      drop();
      throw e;
    }
    return J2modMessages.pdu(response);
  }

  private void drop() {
    if (connection != null) {
      connection.close();
      connection = null;
      transport = null;
    }
  }

  @Override
  public void close() {
    open = false;
    drop();
  }

  @Override
  public String describe() {
    return "rtu " + settings.port();
  }

  /**
   * j2mod's RTU transport, sending without the wait j2mod's {@code writeRequest} adds: it
   * busy-waits for 1.3 times the request's wire time at the lowest thread priority
   * (ModbusSerialTransport.java lines 105-135), which on a small machine takes the CPU from the
   * process at the other end of the line. The read that follows blocks until the response comes
   * anyway.
   */
  private static final class RequestWriter extends ModbusRTUTransport {

    /** Frames the request (unit id, PDU, CRC) after dropping stale input, and writes it. */
    void send(ModbusRequest request) throws ModbusIOException {
      writeMessageOut(request);
    }
  }

  /** j2mod's serial connection with its reads recorded. */
  private static final class RecordingConnection extends SerialConnection {

    private final RecordingInput input = new RecordingInput(InputStream.nullInputStream());

    RecordingConnection(SerialParameters parameters) {
      super(parameters);
    }

    @Override
    public int readBytes(byte[] buffer, int bytesToRead) {
      int got = super.readBytes(buffer, bytesToRead);
      input.record(buffer, 0, bytesToRead, Math.max(0, got));
      return got;
    }
  }
}
