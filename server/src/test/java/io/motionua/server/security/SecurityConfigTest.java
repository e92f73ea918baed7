package io.motionua.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motionua.server.config.ConfigException;
import io.motionua.server.config.ConfigLoader;
import io.motionua.server.config.MachineConfig;
import io.motionua.server.config.ServerSpec;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The server section's users, roles and anonymous access as the machine file gives them. */
class SecurityConfigTest {

  private static final String HASH = "$2a$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i";

  private static String file(String server) {
    return "server:\n" + server + "machine:\n  name: M1\n";
  }

  private static ServerSpec parse(String server) throws ConfigException {
    return ConfigLoader.parse("m.yaml", file(server), null).server();
  }

  private static String error(String server) {
    return assertThrows(ConfigException.class, () -> parse(server)).getMessage();
  }

  @Test
  void withoutASettingAnonymousIsOffSecurityNoneIsOffAndThereAreNoUsers() throws Exception {
    MachineConfig config = ConfigLoader.parse("m.yaml", "machine:\n  name: M1\n", null);
    assertEquals("off", config.server().anonymous());
    assertEquals(Optional.empty(), config.server().anonymousRole());
    assertFalse(config.server().securityNone());
    assertTrue(config.server().users().isEmpty());
  }

  @Test
  void theDemoLetsAnonymousOperatorsInOverSecurityNone() throws Exception {
    ServerSpec demo = ConfigLoader.demo().server();
    assertEquals(Optional.of(Role.OPERATOR), demo.anonymousRole());
    assertTrue(demo.securityNone());
  }

  @Test
  void usersAreReadWithTheirHashesAndRoles() throws Exception {
    ServerSpec server =
        parse(
            "  anonymous: viewer\n  securityNone: false\n  users:\n"
                + "    - {name: olga, passwordHash: '"
                + HASH
                + "', role: operator}\n"
                + "    - name: erin@plant\n      passwordHash: \""
                + HASH
                + "\"\n      role: engineer\n");
    assertEquals(Optional.of(Role.VIEWER), server.anonymousRole());
    assertEquals(2, server.users().size());
    assertEquals("erin@plant", server.users().get(1).name());
    assertEquals(HASH, server.users().get(1).passwordHash());
    assertEquals(
        Optional.of(Role.OPERATOR), new UserDirectory(server.users()).authenticate("olga", "abc"));
  }

  @Test
  void anonymousOffCanBeWrittenUnquoted() throws Exception {
    assertEquals(Optional.empty(), parse("  anonymous: off\n").anonymousRole());
    assertEquals(Optional.of(Role.OPERATOR), parse("  anonymous: operator\n").anonymousRole());
  }

  @Test
  void anUnknownRoleNamesFileLineColumnFieldAndTheKnownRoles() {
    String message =
        error("  users:\n    - {name: olga, passwordHash: '" + HASH + "', role: superuser}\n");
    assertEquals(
        "m.yaml:3:98: server.users[0].role: unknown role 'superuser'"
            + " (known: viewer, operator, engineer, admin)",
        message);
  }

  @Test
  void aPasswordInsteadOfAHashIsRefusedWithoutEchoingIt() {
    String message =
        error("  users:\n    - {name: olga, passwordHash: 'hunter2', role: operator}\n");
    assertTrue(
        message.startsWith("m.yaml:3:20: server.users[0].passwordHash: is not a bcrypt hash"),
        message);
    assertTrue(message.contains("motionua passwd"), message);
    assertFalse(message.contains("hunter2"), message);
  }

  @Test
  void aDuplicateUserIsRefusedAtTheSecondEntry() {
    String message =
        error(
            "  users:\n"
                + "    - {name: olga, passwordHash: '"
                + HASH
                + "', role: operator}\n"
                + "    - {name: olga, passwordHash: '"
                + HASH
                + "', role: viewer}\n");
    assertEquals(
        "m.yaml:4:8: server.users[1].name: 'olga' is already the name of another user", message);
  }

  @Test
  void aMissingRoleOrHashIsNamed() {
    assertTrue(
        error("  users:\n    - {name: olga, passwordHash: '" + HASH + "'}\n")
            .contains("server.users[0].role: is required"));
    assertTrue(
        error("  users:\n    - {name: olga, role: admin}\n")
            .contains("server.users[0].passwordHash: is required"));
  }

  @Test
  void anonymousMayNotBeEngineerOrAdmin() {
    assertEquals(
        "m.yaml:2:3: server.anonymous: must be off, viewer or operator, not 'admin'",
        error("  anonymous: admin\n"));
  }

  @Test
  void theOldAllowAnonymousFieldPointsToItsReplacement() {
    String message = error("  allowAnonymous: true\n");
    assertTrue(
        message.startsWith("m.yaml:2:3: server.allowAnonymous: replaced by 'anonymous:"), message);
  }
}
