package io.motionua.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RoleTest {

  @Test
  void eachRoleIncludesTheOnesBelowItAndNotTheOnesAbove() {
    List<Role> order = List.of(Role.VIEWER, Role.OPERATOR, Role.ENGINEER, Role.ADMIN);
    for (int i = 0; i < order.size(); i++) {
      for (int j = 0; j < order.size(); j++) {
        assertEquals(
            i >= j,
            order.get(i).includes(order.get(j)),
            order.get(i) + " includes " + order.get(j));
      }
    }
  }

  @Test
  void aViewerMayNotDoWhatAnOperatorMay() {
    assertFalse(Role.VIEWER.includes(Role.OPERATOR));
    assertTrue(Role.ADMIN.includes(Role.VIEWER));
  }

  @Test
  void configNamesAreLowerCaseAndReadBack() {
    assertEquals("viewer, operator, engineer, admin", Role.configNames());
    for (Role r : Role.values()) {
      assertEquals(Optional.of(r), Role.fromConfigName(r.configName()));
    }
    assertEquals(Optional.empty(), Role.fromConfigName("Operator"));
    assertEquals(Optional.empty(), Role.fromConfigName("root"));
  }
}
