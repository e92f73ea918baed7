package io.motionua.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PasswordTokenTest {

  private static final byte[] NONCE =
      "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private static byte[] token(int declaredLength, byte[] password, byte[] nonce, int padding) {
    ByteBuffer b =
        ByteBuffer.allocate(4 + password.length + nonce.length + padding)
            .order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(declaredLength).put(password).put(nonce);
    return b.array();
  }

  @Test
  void aWellFormedTokenGivesThePassword() {
    byte[] pw = "grüß dich".getBytes(StandardCharsets.UTF_8);
    assertEquals("grüß dich", PasswordToken.read(token(pw.length + 32, pw, NONCE, 7), NONCE, 64));
  }

  @Test
  void everyMalformedTokenGivesTheSameNull() {
    byte[] pw = "secret".getBytes(StandardCharsets.UTF_8);
    assertNull(PasswordToken.read(new byte[3], NONCE, 64), "shorter than the length field");
    assertNull(PasswordToken.read(token(1000, pw, NONCE, 0), NONCE, 64), "length past the end");
    assertNull(PasswordToken.read(token(-1, pw, NONCE, 0), NONCE, 64), "length 0xFFFFFFFF");
    assertNull(PasswordToken.read(token(5, pw, NONCE, 40), NONCE, 64), "shorter than the nonce");
    byte[] other = NONCE.clone();
    other[31] ^= 1;
    assertNull(PasswordToken.read(token(38, pw, other, 0), NONCE, 64), "another nonce");
    assertNull(PasswordToken.read(token(38, pw, NONCE, 0), NONCE, 5), "longer than the limit");
    byte[] latin1 = {(byte) 0xE9, 'x'};
    assertNull(PasswordToken.read(token(34, latin1, NONCE, 0), NONCE, 64), "not UTF-8");
  }
}
