package io.motionua.drivers.modbus;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;

/**
 * Modbus TCP framing (MBAP header). Each request gets a fresh transaction id and a response is
 * accepted only with that id and unit id, so a late answer to an earlier, timed-out request is
 * discarded rather than taken for the current one. (j2mod's TCP transaction reuses the id after a
 * failure and reads its header with a single {@code read}, which is why the link frames MBAP
 * itself.)
 */
final class MbapTransport implements ModbusTransport {

  private static final int HEADER = 7;

  private final String host;
  private final int port;
  private Socket socket;
  private InputStream in;
  private OutputStream out;
  private int transactionId;

  MbapTransport(String host, int port) {
    this.host = host;
    this.port = port;
  }

  @Override
  public void open(long timeoutNanos) throws IOException {
    close();
    Socket s = new Socket();
    try {
      s.setTcpNoDelay(true);
      s.connect(new InetSocketAddress(host, port), millis(timeoutNanos));
      in = s.getInputStream();
      out = s.getOutputStream();
      socket = s;
    } catch (IOException e) {
      s.close();
      throw e;
    }
  }

  @Override
  public boolean isOpen() {
    return socket != null;
  }

  @Override
  public byte[] exchange(int unitId, byte[] pdu, long timeoutNanos) throws IOException {
    if (socket == null) {
      throw new IOException("not connected to " + describe());
    }
    long deadline = System.nanoTime() + timeoutNanos;
    transactionId = transactionId == 0xFFFF ? 1 : transactionId + 1;
    byte[] frame = new byte[HEADER + pdu.length];
    ModbusPdu.putWord(frame, 0, transactionId);
    ModbusPdu.putWord(frame, 4, pdu.length + 1);
    frame[6] = (byte) unitId;
    System.arraycopy(pdu, 0, frame, HEADER, pdu.length);
    try {
      out.write(frame);
      out.flush();
    } catch (IOException e) {
      close();
      throw e;
    }
    byte[] header = new byte[HEADER];
    while (true) {
      readFully(header, deadline, false);
      int length = ModbusPdu.word(header, 4);
      if (header[2] != 0 || header[3] != 0 || length < 2 || length > 254) {
        close();
        throw new IOException("bad MBAP header from " + describe() + ": length " + length);
      }
      byte[] response = new byte[length - 1];
      readFully(response, deadline, true);
      if (ModbusPdu.word(header, 0) == transactionId && (header[6] & 0xFF) == unitId) {
        return response;
      }
      // A late response to an earlier request: drop it and keep waiting for ours.
    }
  }

  /** Reads all of {@code buffer}; a timeout inside a frame closes the connection (lost framing). */
  private void readFully(byte[] buffer, long deadline, boolean insideFrame) throws IOException {
    int done = 0;
    while (done < buffer.length) {
      long left = deadline - System.nanoTime();
      try {
        if (left <= 0) {
          throw new SocketTimeoutException("no response within the timeout");
        }
        socket.setSoTimeout(millis(left));
        int n = in.read(buffer, done, buffer.length - done);
        if (n < 0) {
          close();
          throw new EOFException(describe() + " closed the connection");
        }
        done += n;
      } catch (SocketTimeoutException e) {
        if (insideFrame || done > 0) {
          close();
          throw new IOException("response from " + describe() + " cut off mid-frame", e);
        }
        throw e;
      } catch (IOException e) {
        close();
        throw e;
      }
    }
  }

  private static int millis(long nanos) {
    return (int)
        Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(nanos + 999_999)));
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // closing anyway; nothing to recover
      }
      socket = null;
    }
  }

  @Override
  public String describe() {
    return "tcp " + host + ":" + port;
  }
}
