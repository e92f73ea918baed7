package io.motionua.server.security;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * bcrypt password hashes (Bouncy Castle's {@link OpenBSDBCrypt}): salted, slow on purpose, and in
 * the {@code $2b$10$...} text form that other tools (htpasswd, Python's bcrypt) read and write.
 */
public final class PasswordHash {

  /**
   * Cost of new hashes: 2^10 rounds, about 50-100 ms per check on a small server. Each hash carries
   * its own cost, so raising this later does not invalidate existing hashes.
   */
  public static final int COST = 10;

  /**
   * Highest cost accepted: 2^14 rounds already take about a second per login on a small server; a
   * higher cost would let a few logins stall the server (and cost 31 would never finish).
   */
  public static final int MAX_COST = 14;

  /** bcrypt only reads the first 72 bytes of a password; longer ones are refused, not cut. */
  public static final int MAX_PASSWORD_BYTES = 72;

  private static final Pattern FORMAT = Pattern.compile("\\$2[aby]\\$(\\d\\d)\\$[./A-Za-z0-9]{53}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private PasswordHash() {}

  /** A new hash of a password with a fresh random salt. */
  public static String hash(char[] password) {
    return hash(password, COST);
  }

  /** A new hash at the given cost (4 to {@link #MAX_COST}). */
  static String hash(char[] password, int cost) {
    checkUsable(password);
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    return OpenBSDBCrypt.generate("2b", password, salt, cost);
  }

  /** The cost of a hash that {@link #isHash} accepts. */
  static int cost(String hash) {
    return Integer.parseInt(hash.substring(4, 6));
  }

  /**
   * Whether text is a bcrypt hash this class can check against ({@code $2a$}, {@code $2b$}, {@code
   * $2y$}) with a cost from 4 to {@link #MAX_COST}.
   */
  public static boolean isHash(String text) {
    if (text == null) {
      return false;
    }
    var m = FORMAT.matcher(text);
    if (!m.matches()) {
      return false;
    }
    int cost = Integer.parseInt(m.group(1));
    return cost >= 4 && cost <= MAX_COST;
  }

  /** Whether a password matches a hash; false (never an exception) for a malformed hash. */
  public static boolean matches(String hash, char[] password) {
    if (!isHash(hash) || password.length == 0 || tooLong(password)) {
      return false;
    }
    try {
      return OpenBSDBCrypt.checkPassword(hash, password);
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Throws IllegalArgumentException, saying why, for a password that cannot be hashed. */
  public static void checkUsable(char[] password) {
    if (password.length == 0) {
      throw new IllegalArgumentException("the password is empty");
    }
    if (tooLong(password)) {
      throw new IllegalArgumentException(
          "the password is longer than " + MAX_PASSWORD_BYTES + " bytes (UTF-8), bcrypt's limit");
    }
  }

  private static boolean tooLong(char[] password) {
    return new String(password).getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES;
  }
}
