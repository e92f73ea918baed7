package io.motionua.drivers.modbus;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;

/** RTU frames over a TCP socket, as serial device servers pass them on: the simulator's side. */
public final class TcpRtuPort implements RtuPort {

  private final String host;
  private final int port;
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  /** The server side of an accepted connection (the simulator's). */
  public TcpRtuPort(Socket connected) throws IOException {
    this.host = connected.getInetAddress().getHostAddress();
    this.port = connected.getPort();
    this.socket = connected;
    this.in = connected.getInputStream();
    this.out = connected.getOutputStream();
  }

  @Override
  public void write(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  @Override
  public int read(byte[] buffer, int offset, int length, long deadlineNanos) throws IOException {
    long left = deadlineNanos - System.nanoTime();
    if (left <= 0) {
      return 0;
    }
    socket.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left + 999_999)));
    try {
      int n = in.read(buffer, offset, length);
      if (n < 0) {
        throw new EOFException(describe() + " closed the connection");
      }
      return n;
    } catch (SocketTimeoutException e) {
      return 0;
    }
  }

  @Override
  public void discardInput() throws IOException {
    while (in.available() > 0) {
      in.skip(in.available());
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  @Override
  public String describe() {
    return "rtu-over-tcp " + host + ":" + port;
  }
}
