package io.motionua.drivers.modbus;

import com.ghgande.j2mod.modbus.ModbusIOException;
import com.ghgande.j2mod.modbus.io.ModbusRTUTCPTransport;
import com.ghgande.j2mod.modbus.io.ModbusTCPTransport;
import com.ghgande.j2mod.modbus.msg.ModbusRequest;
import com.ghgande.j2mod.modbus.msg.ModbusResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.TimeUnit;

/**
 * Modbus TCP (MBAP), or RTU frames over TCP, through j2mod's {@link ModbusTCPTransport} and {@link
 * ModbusRTUTCPTransport}. j2mod frames and parses; this class guards what j2mod 3.3.0 leaves open:
 *
 * <ul>
 *   <li>After a timeout or any doubt about the framing the socket is closed, and the next request
 *       goes out on a fresh one, so a late answer can never be read as the next request's. (j2mod's
 *       transaction would resend on the same socket.)
 *   <li>Each request gets this connection's next transaction id; the response must carry it, the
 *       protocol id 0, the unit id and the function of the request.
 *   <li>RTU over TCP: j2mod reads the CRC without checking it; it is checked here.
 * </ul>
 *
 * To the link the transport stays open across such a reopen; only a failed reopen reports the
 * connection lost.
 */
final class J2modTcpTransport implements ModbusTransport {

  private final String host;
  private final int port;
  private final boolean rtu;
  private boolean open;
  private RecordingSocket socket;
  private ModbusTCPTransport transport;
  private int timeoutMillis;
  private int transactionId;

  /**
   * @param rtu RTU frames (unit id, PDU, CRC) instead of MBAP
   */
  J2modTcpTransport(String host, int port, boolean rtu) {
    this.host = host;
    this.port = port;
    this.rtu = rtu;
  }

  @Override
  public void open(long timeoutNanos) throws IOException {
    close();
    connect(timeoutNanos);
    open = true;
  }

  private void connect(long timeoutNanos) throws IOException {
    RecordingSocket s = new RecordingSocket();
    try {
      s.setTcpNoDelay(true);
      s.connect(new InetSocketAddress(host, port), millis(timeoutNanos));
      transport = rtu ? new ModbusRTUTCPTransport(s) : new ModbusTCPTransport(s);
      socket = s;
      timeoutMillis = 0;
    } catch (IOException e) {
      s.close();
      throw e;
    } catch (IllegalStateException e) {
      s.close(); // j2mod's constructor wraps a socket error this way
      throw new IOException("cannot set up %s: %s".formatted(describe(), e.getMessage()), e);
    }
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
    long deadline = System.nanoTime() + timeoutNanos;
    if (socket == null) {
      connect(timeoutNanos); // the last request timed out or was answered badly
    }
    ModbusRequest request = J2modMessages.request(unitId, pdu);
    request.setHeadless(rtu);
    transactionId = transactionId == 0xFFFF ? 1 : transactionId + 1;
    request.setTransactionID(transactionId);
    int millis = millis(deadline - System.nanoTime());
    if (millis != timeoutMillis) {
      transport.setTimeout(millis);
      timeoutMillis = millis;
    }
    RecordingInput input = socket.input();
    input.startFrame();
    try {
      transport.writeRequest(request);
    } catch (ModbusIOException e) {
      drop();
      throw new IOException("sending to %s failed: %s".formatted(describe(), e.getMessage()), e);
    }
    ModbusResponse response;
    try {
      response = transport.readResponse();
    } catch (ModbusIOException e) {
      drop();
      throw input.failure(describe(), e, rtu);
    }
    try {
      checkFrame(input, response);
      J2modMessages.checkAnswers(request, response, describe());
    } catch (FrameException e) {
      drop();
      throw e;
    }
    return J2modMessages.pdu(response);
  }

  /** Checks what j2mod does not: transaction and protocol id, CRC, bytes beyond the frame. */
  private void checkFrame(RecordingInput input, ModbusResponse response) throws FrameException {
    int length;
    if (rtu) {
      length = 1 + J2modMessages.pdu(response).length + 2; // unit id, PDU, CRC
      if (input.count() < length || !ModbusCrc.check(input.bytes(length), length)) {
        throw new FrameException(describe() + ": response failed its CRC", true);
      }
    } else {
      if (response.getTransactionID() != transactionId || response.getProtocolID() != 0) {
        throw new FrameException(
            "%s: response with transaction id %d, protocol %d to request %d"
                .formatted(
                    describe(),
                    response.getTransactionID(),
                    response.getProtocolID(),
                    transactionId),
            false);
      }
      length = 6 + ModbusPdu.word(input.bytes(6), 4);
    }
    if (input.count() > length) {
      // More bytes came than the frame holds: whatever they are, the next request gets a fresh
      // socket. The response itself matched its request and is used.
      drop();
    }
  }

  /** Closes the socket; the next exchange opens a new one. */
  private void drop() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // closing anyway; nothing to recover
      }
      socket = null;
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
    return (rtu ? "rtu-over-tcp " : "tcp ") + host + ":" + port;
  }

  private static int millis(long nanos) {
    return (int)
        Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(nanos + 999_999)));
  }

  /** A socket whose input j2mod reads through a {@link RecordingInput}. */
  private static final class RecordingSocket extends Socket {

    private RecordingInput input;

    @Override
    public synchronized InputStream getInputStream() throws IOException {
      if (input == null) {
        input = new RecordingInput(super.getInputStream());
      }
      return input;
    }

    RecordingInput input() {
      return input;
    }
  }
}
