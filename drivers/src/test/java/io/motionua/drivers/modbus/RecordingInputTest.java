package io.motionua.drivers.modbus;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

class RecordingInputTest {

  private static final Exception J2MOD = new Exception("j2mod gave up");

  @Test
  void nothingReadIsATimeout() {
    RecordingInput input = new RecordingInput(InputStream.nullInputStream());
    input.startFrame();
    input.record(new byte[1], 0, 1, 0);
    assertInstanceOf(SocketTimeoutException.class, input.failure("line", J2MOD, true));
  }

  @Test
  void aFrameThatStopsHalfWayIsCutOffNotATimeout() {
    RecordingInput input = new RecordingInput(InputStream.nullInputStream());
    input.startFrame();
    input.record(new byte[] {1, 3, 56}, 0, 3, 3);
    input.record(new byte[58], 0, 58, 10);
    FrameException e = assertInstanceOf(FrameException.class, input.failure("line", J2MOD, true));
    assertFalse(e.isCrcError());
    assertTrue(e.getMessage().contains("cut off after 13 bytes"), e.getMessage());
  }

  @Test
  void aWholeFrameWithABadCrcIsACrcError() {
    byte[] frame = ModbusCrc.frame(1, ModbusPdu.exceptionResponse(3, 2));
    frame[frame.length - 1] ^= 1;
    RecordingInput input = new RecordingInput(InputStream.nullInputStream());
    input.startFrame();
    input.record(frame, 0, frame.length, frame.length);
    FrameException e = assertInstanceOf(FrameException.class, input.failure("line", J2MOD, true));
    assertTrue(e.isCrcError());
  }

  @Test
  void theEndOfTheStreamIsALostConnection() throws IOException {
    RecordingInput input = new RecordingInput(new ByteArrayInputStream(new byte[] {0, 1}));
    input.startFrame();
    byte[] buffer = new byte[8];
    input.read(buffer, 0, 8);
    input.read(buffer, 0, 8);
    IOException e = input.failure("tcp", J2MOD, false);
    assertFalse(e instanceof FrameException || e instanceof SocketTimeoutException, e.toString());
  }

  @Test
  void aReadThatTimesOutMidFrameIsCutOff() {
    InputStream stalling =
        new InputStream() {
          private int calls;

          @Override
          public int read() {
            return 0;
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            if (calls++ == 0) {
              return 3;
            }
            throw new SocketTimeoutException("Read timed out");
          }
        };
    RecordingInput input = new RecordingInput(stalling);
    input.startFrame();
    assertThrows(SocketTimeoutException.class, () -> readTwice(input));
    assertInstanceOf(FrameException.class, input.failure("tcp", J2MOD, false));
  }

  private static void readTwice(InputStream in) throws IOException {
    byte[] buffer = new byte[8];
    in.read(buffer, 0, 8);
    in.read(buffer, 0, 8);
  }
}
