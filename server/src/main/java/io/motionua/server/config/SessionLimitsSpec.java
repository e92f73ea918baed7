package io.motionua.server.config;

/**
 * How long and how many: bounds on connections and sessions that have not proved themselves yet
 * (docs/security.md, "Sessions and connections").
 *
 * @param activationTimeoutMs a session not activated this long after CreateSession is closed
 * @param maxUnactivatedPerAddress unactivated sessions one client address may hold; its oldest is
 *     closed when it creates one more
 * @param maxUnactivated unactivated sessions in all; the oldest is closed for a new one
 * @param maxSessions activated sessions in all (unactivated ones do not count)
 * @param maxConnectionsPerAddress open TCP connections from one client address
 * @param handshakeTimeoutMs a connection without an open secure channel this long after connecting
 *     (nothing sent, or only Hello) is closed
 * @param idleTimeoutMs a connection that sends nothing this long is closed
 * @param maxConnections open TCP connections in all; one more closes the oldest that has no secure
 *     channel yet, or is itself closed when every open one has
 */
public record SessionLimitsSpec(
    Integer activationTimeoutMs,
    Integer maxUnactivatedPerAddress,
    Integer maxUnactivated,
    Integer maxSessions,
    Integer maxConnectionsPerAddress,
    Integer handshakeTimeoutMs,
    Integer idleTimeoutMs,
    Integer maxConnections) {

  /** The defaults, also what a file without {@code server.sessions} gets. */
  public static SessionLimitsSpec defaults() {
    return new SessionLimitsSpec(null, null, null, null, null, null, null, null).withDefaults();
  }

  SessionLimitsSpec withDefaults() {
    return new SessionLimitsSpec(
        or(activationTimeoutMs, 10_000),
        or(maxUnactivatedPerAddress, 10),
        or(maxUnactivated, 50),
        or(maxSessions, 100),
        or(maxConnectionsPerAddress, 100),
        or(handshakeTimeoutMs, 10_000),
        // Longer than the longest session timeout (2 min): a channel that quiet carries no live
        // session.
        or(idleTimeoutMs, 150_000),
        // Ten times maxSessions: far below a process's descriptor limit (often 1,024 to 65,536).
        or(maxConnections, 1_000));
  }

  /** A copy with other timeouts (tests use short ones). */
  public SessionLimitsSpec withTimeouts(int activationMs, int handshakeMs, int idleMs) {
    return new SessionLimitsSpec(
        activationMs,
        maxUnactivatedPerAddress,
        maxUnactivated,
        maxSessions,
        maxConnectionsPerAddress,
        handshakeMs,
        idleMs,
        maxConnections);
  }

  private static Integer or(Integer value, int fallback) {
    return value == null ? fallback : value;
  }
}
