package io.motionua.drivers.modbus;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/**
 * Keeps the bytes j2mod reads for one response, and how the reading ended. j2mod's exceptions carry
 * only a message, and its RTU-over-TCP transport reads the CRC without checking it; with these
 * records the transports tell a timeout from a cut-off frame and check the CRC themselves.
 */
final class RecordingInput extends FilterInputStream {

  private static final int KEPT = 512;

  private final byte[] bytes = new byte[KEPT];
  private int count;
  private boolean shortRead;
  private IOException failure;

  RecordingInput(InputStream in) {
    super(in);
  }

  /** Forgets what was read so far: a new response starts. */
  void startFrame() {
    count = 0;
    shortRead = false;
    failure = null;
  }

  /** How many bytes were read since {@link #startFrame}. */
  int count() {
    return count;
  }

  /** The first {@code n} bytes read since {@link #startFrame} (at most 512 are kept). */
  byte[] bytes(int n) {
    return Arrays.copyOf(bytes, Math.min(n, Math.min(count, KEPT)));
  }

  /** Whether a read ran into its timeout. */
  boolean timedOut() {
    return failure instanceof SocketTimeoutException;
  }

  /** Whether a read returned fewer bytes than asked (a serial read timing out does that). */
  boolean shortRead() {
    return shortRead;
  }

  /** What ended a read other than a timeout: end of stream or a connection error, or null. */
  IOException connectionFailure() {
    return failure instanceof SocketTimeoutException ? null : failure;
  }

  /**
   * What a read that j2mod gave up on means, from the bytes it got: the connection failed (an
   * {@code IOException}), nothing came in time ({@code SocketTimeoutException}), or a frame came
   * cut off, failed its CRC ({@code rtu} only) or was not understood ({@link FrameException}).
   */
  IOException failure(String where, Exception cause, boolean rtu) {
    IOException lost = connectionFailure();
    if (lost != null) {
      return new IOException("%s: %s".formatted(where, lost.getMessage()), cause);
    }
    if (count == 0) {
      SocketTimeoutException timeout =
          new SocketTimeoutException("no response from %s in time".formatted(where));
      timeout.initCause(cause);
      return timeout;
    }
    if (timedOut() || shortRead) {
      return new FrameException(
          "%s: response cut off after %d bytes".formatted(where, count), false, cause);
    }
    boolean crc = rtu && count >= 4 && !ModbusCrc.check(bytes(count), count);
    return new FrameException(
        crc
            ? where + ": response failed its CRC"
            : "%s: response not understood: %s".formatted(where, cause.getMessage()),
        crc,
        cause);
  }

  /** Records bytes read by whoever reads the underlying stream or port. */
  void record(byte[] buffer, int offset, int asked, int got) {
    if (got < asked) {
      shortRead = true;
    }
    for (int i = 0; i < got; i++, count++) {
      if (count < KEPT) {
        bytes[count] = buffer[offset + i];
      }
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    try {
      int got = in.read(buffer, offset, length);
      if (got < 0) {
        failure = new EOFException("the peer closed the connection");
        return got;
      }
      record(buffer, offset, got, got);
      return got;
    } catch (IOException e) {
      failure = e;
      throw e;
    }
  }
}
