package io.motionua.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.motionua.server.config.UserSpec;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UserDirectoryTest {

  private final UserDirectory users =
      new UserDirectory(
          List.of(
              new UserSpec("olga", PasswordHash.hash("op pass".toCharArray()), "operator"),
              new UserSpec("vic", PasswordHash.hash("view pass".toCharArray()), "viewer")));

  @Test
  void theRightPasswordGivesTheUsersRole() {
    assertEquals(Optional.of(Role.OPERATOR), users.authenticate("olga", "op pass"));
    assertEquals(Optional.of(Role.VIEWER), users.authenticate("vic", "view pass"));
  }

  @Test
  void aWrongPasswordAnotherUsersPasswordOrAnUnknownNameGiveNothing() {
    assertEquals(Optional.empty(), users.authenticate("olga", "view pass"));
    assertEquals(Optional.empty(), users.authenticate("olga", ""));
    assertEquals(Optional.empty(), users.authenticate("olga", null));
    assertEquals(Optional.empty(), users.authenticate("nobody", "op pass"));
    assertEquals(Optional.empty(), users.authenticate("OLGA", "op pass"));
  }
}
