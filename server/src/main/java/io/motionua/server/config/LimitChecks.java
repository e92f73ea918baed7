package io.motionua.server.config;

/** Checks {@code server.sessions} and {@code server.audit}: every number within its range. */
final class LimitChecks {

  private LimitChecks() {}

  static void check(ServerSpec server, Problems problems) {
    SessionLimitsSpec s = server.sessions();
    String at = "/server/sessions/";
    String field = "server.sessions.";
    range(problems, at, field, "activationTimeoutMs", s.activationTimeoutMs(), 100, 600_000);
    range(problems, at, field, "maxUnactivatedPerAddress", s.maxUnactivatedPerAddress(), 1, 1000);
    range(problems, at, field, "maxUnactivated", s.maxUnactivated(), 1, 10_000);
    range(problems, at, field, "maxSessions", s.maxSessions(), 1, 10_000);
    range(problems, at, field, "maxConnectionsPerAddress", s.maxConnectionsPerAddress(), 1, 10_000);
    range(problems, at, field, "handshakeTimeoutMs", s.handshakeTimeoutMs(), 100, 600_000);
    range(problems, at, field, "idleTimeoutMs", s.idleTimeoutMs(), 1000, 86_400_000);
    range(problems, at, field, "maxConnections", s.maxConnections(), 10, 100_000);
    AuditSpec a = server.audit();
    at = "/server/audit/";
    field = "server.audit.";
    range(problems, at, field, "queue", a.queue(), 100, 1_000_000);
    range(problems, at, field, "maxFileMb", a.maxFileMb(), 1, 1024);
    range(problems, at, field, "maxFiles", a.maxFiles(), 1, 1000);
    range(problems, at, field, "maxDays", a.maxDays(), 1, 3650);
  }

  private static void range(
      Problems problems, String at, String field, String name, int value, int min, int max) {
    if (value < min || value > max) {
      problems.add(at + name, field + name, "must be " + min + " to " + max + ", not " + value);
    }
  }
}
