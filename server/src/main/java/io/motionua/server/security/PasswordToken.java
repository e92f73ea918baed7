package io.motionua.server.security;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The plain text of a user name token's password field (OPC 10000-4, 7.41.2.2): a 4-byte
 * little-endian length, then the password's UTF-8 bytes followed by the server nonce of the
 * session. Every way it can be wrong gives the same null, so a caller cannot tell them apart.
 */
final class PasswordToken {

  private PasswordToken() {}

  /**
   * The password from decrypted token bytes, or null when the length does not fit, the password is
   * longer than {@code maxPasswordBytes} (0: no limit), the nonce does not match or the bytes are
   * not UTF-8.
   */
  static String read(byte[] plain, byte[] serverNonce, int maxPasswordBytes) {
    if (plain.length < 4) {
      return null;
    }
    long length =
        (plain[0] & 0xFFL)
            | (plain[1] & 0xFFL) << 8
            | (plain[2] & 0xFFL) << 16
            | (plain[3] & 0xFFL) << 24;
    long passwordLength = length - serverNonce.length;
    boolean fits =
        length <= plain.length - 4
            && passwordLength >= 0
            && (maxPasswordBytes <= 0 || passwordLength <= maxPasswordBytes);
    if (!fits) {
      return null;
    }
    byte[] nonce = new byte[serverNonce.length];
    System.arraycopy(plain, 4 + (int) passwordLength, nonce, 0, nonce.length);
    if (!MessageDigest.isEqual(serverNonce, nonce)) {
      return null;
    }
    return utf8(ByteBuffer.wrap(plain, 4, (int) passwordLength));
  }

  /** A password sent without encryption; null when it is not UTF-8. */
  static String clear(byte[] bytes) {
    return utf8(ByteBuffer.wrap(bytes));
  }

  private static String utf8(ByteBuffer bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(bytes)
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
