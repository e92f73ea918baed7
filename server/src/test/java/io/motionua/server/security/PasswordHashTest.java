package io.motionua.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHashTest {

  @Test
  void aHashMatchesItsPasswordAndNoOther() {
    String hash = PasswordHash.hash("correct horse".toCharArray());
    assertTrue(PasswordHash.matches(hash, "correct horse".toCharArray()));
    assertFalse(PasswordHash.matches(hash, "correct hors".toCharArray()));
    assertFalse(PasswordHash.matches(hash, "Correct horse".toCharArray()));
  }

  @Test
  void theSamePasswordHashesDifferentlyEachTimeBecauseOfTheSalt() {
    String a = PasswordHash.hash("same".toCharArray());
    String b = PasswordHash.hash("same".toCharArray());
    assertNotEquals(a, b);
    assertTrue(PasswordHash.matches(b, "same".toCharArray()));
  }

  @Test
  void hashesAreBcryptWithTheConfiguredCost() {
    String hash = PasswordHash.hash("x1".toCharArray());
    assertTrue(hash.startsWith("$2b$" + PasswordHash.COST + "$"), hash);
    assertEquals(60, hash.length());
    assertTrue(PasswordHash.isHash(hash));
  }

  @Test
  void hashesMadeByOtherBcryptToolsAreAccepted() {
    // jBCrypt's published test vector for "abc" at cost 6; htpasswd writes the same hash as $2y$.
    String jbcrypt = "$2a$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i";
    assertTrue(PasswordHash.matches(jbcrypt, "abc".toCharArray()));
    assertTrue(PasswordHash.matches(jbcrypt.replace("$2a$", "$2y$"), "abc".toCharArray()));
    assertFalse(PasswordHash.matches(jbcrypt, "abd".toCharArray()));
  }

  @Test
  void malformedHashesAreNotHashesAndNeverMatch() {
    for (String bad :
        new String[] {
          "",
          "password",
          "$2b$10$short",
          "$1$abc$0123456789012345678901",
          "$2b$99$" + "a".repeat(53),
          "$2b$31$" + "a".repeat(53), // would never finish: refused, not started
          "$2b$15$" + "a".repeat(53),
          "$2b$10$" + "!".repeat(53)
        }) {
      assertFalse(PasswordHash.isHash(bad), bad);
      assertFalse(PasswordHash.matches(bad, "password".toCharArray()), bad);
    }
    assertFalse(PasswordHash.isHash(null));
  }

  @Test
  void emptyAndOverlongPasswordsAreRefusedRatherThanCut() {
    assertThrows(IllegalArgumentException.class, () -> PasswordHash.hash(new char[0]));
    char[] tooLong = "a".repeat(PasswordHash.MAX_PASSWORD_BYTES + 1).toCharArray();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PasswordHash.hash(tooLong));
    assertTrue(e.getMessage().contains("72"), e.getMessage());
    String hash = PasswordHash.hash("a".repeat(PasswordHash.MAX_PASSWORD_BYTES).toCharArray());
    assertFalse(PasswordHash.matches(hash, tooLong), "a longer password is not the same one");
  }
}
