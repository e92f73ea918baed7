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

  @Test
  void unknownNamesAreCheckedAgainstDecoysOfTheUsersOwnCosts() {
    UserDirectory mixed =
        new UserDirectory(
            List.of(
                new UserSpec("a", PasswordHash.hash("pass a".toCharArray(), 4), "operator"),
                new UserSpec("b", PasswordHash.hash("pass b".toCharArray(), 5), "viewer")));
    java.util.Set<Integer> costs = new java.util.HashSet<>();
    for (int i = 0; i < 64; i++) {
      String decoy = mixed.decoyFor("name" + i);
      costs.add(PasswordHash.cost(decoy));
      assertEquals(decoy, mixed.decoyFor("name" + i), "the same name, the same decoy");
    }
    assertEquals(java.util.Set.of(4, 5), costs, "both users' costs stand in for unknown names");
  }
}
