package io.motionua.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code server.sessions} and {@code server.audit}: defaults, values taken, ranges refused. */
class ServerLimitsConfigTest {

  private static final String MACHINE = SmallMachine.YAML;

  private static MachineConfig parse(String server) throws ConfigException {
    return ConfigLoader.parse("m.yaml", server + MACHINE, null);
  }

  @Test
  void aFileWithoutThemGetsTheDefaults() throws Exception {
    ServerSpec server = parse("server: {port: 4840}\n").server();
    assertEquals(
        new SessionLimitsSpec(10_000, 10, 50, 100, 100, 10_000, 150_000, 1_000), server.sessions());
    assertEquals(new AuditSpec(10_000, 10, 10, 90), server.audit());
  }

  @Test
  void givenValuesAreTakenAndTheRestDefaulted() throws Exception {
    ServerSpec server =
        parse(
                """
                server:
                  sessions: {activationTimeoutMs: 3000, maxConnectionsPerAddress: 20}
                  audit: {maxFileMb: 50, maxDays: 365}
                """)
            .server();
    assertEquals(3000, server.sessions().activationTimeoutMs());
    assertEquals(20, server.sessions().maxConnectionsPerAddress());
    assertEquals(10, server.sessions().maxUnactivatedPerAddress());
    assertEquals(new AuditSpec(10_000, 50, 10, 365), server.audit());
  }

  @Test
  void everyNumberOutOfRangeIsNamedWithItsPlace() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                parse(
                    """
                    server:
                      sessions: {activationTimeoutMs: 0, maxSessions: -1}
                      audit: {queue: 5, maxFiles: 0}
                    """));
    assertEquals(
        List.of(
            "m.yaml:2:14: server.sessions.activationTimeoutMs: must be 100 to 600000, not 0",
            "m.yaml:2:38: server.sessions.maxSessions: must be 1 to 10000, not -1",
            "m.yaml:3:11: server.audit.queue: must be 100 to 1000000, not 5",
            "m.yaml:3:21: server.audit.maxFiles: must be 1 to 1000, not 0"),
        e.problems());
  }
}
