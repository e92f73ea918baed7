package io.motionua.drivers.scan;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * Modbus TCP (MBAP framing) to a drive or a gateway. After a timeout the socket is opened again, so
 * a late answer can never be read as the next unit's.
 */
public final class TcpScanChannel implements ScanChannel {

  private final String host;
  private final int port;
  private final Duration connectTimeout;
  private Socket socket;
  private int transactionId;

  /**
   * Connects at once, so a wrong address fails before the scan starts.
   *
   * @throws IOException when the connection cannot be made
   */
  public TcpScanChannel(String host, int port, Duration connectTimeout) throws IOException {
    this.host = host;
    this.port = port;
    this.connectTimeout = connectTimeout;
    connect();
  }

  private void connect() throws IOException {
    Socket s = new Socket();
    try {
      s.setTcpNoDelay(true);
      s.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
    } catch (IOException e) {
      s.close();
      throw new IOException("cannot connect to %s: %s".formatted(describe(), e.getMessage()), e);
    }
    socket = s;
  }

  @Override
  public byte[] exchange(int unitId, byte[] pdu, Duration timeout) throws IOException {
    if (socket == null) {
      connect();
    }
    transactionId = (transactionId + 1) & 0xFFFF;
    byte[] adu = new byte[7 + pdu.length];
    putWord(adu, 0, transactionId);
    putWord(adu, 4, pdu.length + 1);
    adu[6] = (byte) unitId;
    System.arraycopy(pdu, 0, adu, 7, pdu.length);
    try {
      OutputStream out = socket.getOutputStream();
      out.write(adu);
      out.flush();
      socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
      DataInputStream in = new DataInputStream(socket.getInputStream());
      byte[] header = new byte[7];
      in.readFully(header);
      int length = word(header, 4);
      if (word(header, 0) != transactionId
          || word(header, 2) != 0
          || (header[6] & 0xFF) != unitId
          || length < 2
          || length > 254) {
        drop(); // not the answer to this request: start clean for the next one
        return null;
      }
      byte[] response = new byte[length - 1];
      in.readFully(response);
      return response;
    } catch (SocketTimeoutException e) {
      drop();
      return null;
    } catch (IOException e) {
      drop();
      // A gateway may close the connection on a unit it does not know; the next unit reconnects.
      if (isClosedByPeer(e)) {
        return null;
      }
      throw new IOException("%s: %s".formatted(describe(), e.getMessage()), e);
    }
  }

  private static boolean isClosedByPeer(IOException e) {
    return e instanceof java.io.EOFException
        || String.valueOf(e.getMessage()).contains("Connection reset");
  }

  private void drop() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // closing anyway
      }
      socket = null;
    }
  }

  @Override
  public String describe() {
    return "tcp " + host + ":" + port;
  }

  @Override
  public void close() {
    drop();
  }

  private static int word(byte[] b, int offset) {
    return ((b[offset] & 0xFF) << 8) | (b[offset + 1] & 0xFF);
  }

  private static void putWord(byte[] b, int offset, int value) {
    b[offset] = (byte) (value >> 8);
    b[offset + 1] = (byte) value;
  }
}
