package io.motionua.server.config;

import io.motionua.server.security.Role;
import java.util.List;
import java.util.Optional;

/**
 * The OPC UA side: where to listen, what to advertise, and who may connect.
 *
 * @param applicationName shown to clients and in the certificate
 * @param port TCP port of the opc.tcp endpoints (0 picks a free one)
 * @param bindAddress address to bind, 0.0.0.0 for all
 * @param hostnames names put into endpoint URLs and the certificate; clients connect to these
 * @param anonymous {@code off}, {@code viewer} or {@code operator}: the role of anonymous sessions
 * @param securityNone whether to offer the unsecured endpoint (security policy None)
 * @param users who may log in with a user name and password
 * @param http the HTTP endpoints (health, metrics), or null when they are off
 * @param allowAnonymous the field {@code anonymous} replaced; only read to say so
 * @param sessions bounds on connections and sessions not activated yet
 * @param audit limits of the audit file
 */
public record ServerSpec(
    String applicationName,
    Integer port,
    String bindAddress,
    List<String> hostnames,
    String anonymous,
    Boolean securityNone,
    List<UserSpec> users,
    HttpSpec http,
    Boolean allowAnonymous,
    SessionLimitsSpec sessions,
    AuditSpec audit) {

  /** The values {@code anonymous} may take. */
  public static final List<String> ANONYMOUS_VALUES = List.of("off", "viewer", "operator");

  static ServerSpec defaults() {
    return new ServerSpec(null, null, null, null, null, null, null, null, null, null, null)
        .withDefaults();
  }

  ServerSpec withDefaults() {
    return new ServerSpec(
        applicationName == null ? "MotionUA" : applicationName,
        port == null ? 4840 : port,
        bindAddress == null ? "0.0.0.0" : bindAddress,
        hostnames == null || hostnames.isEmpty() ? List.of("localhost") : List.copyOf(hostnames),
        anonymous == null ? "off" : anonymous,
        securityNone != null && securityNone,
        users == null ? List.of() : List.copyOf(users),
        http == null ? null : http.withDefaults(),
        allowAnonymous,
        sessions == null ? SessionLimitsSpec.defaults() : sessions.withDefaults(),
        audit == null ? AuditSpec.defaults() : audit.withDefaults());
  }

  public ServerSpec withPort(int newPort) {
    return new ServerSpec(
        applicationName,
        newPort,
        bindAddress,
        hostnames,
        anonymous,
        securityNone,
        users,
        http,
        allowAnonymous,
        sessions,
        audit);
  }

  /** A copy with the HTTP endpoints on (or off for null). */
  public ServerSpec withHttp(HttpSpec newHttp) {
    return new ServerSpec(
        applicationName,
        port,
        bindAddress,
        hostnames,
        anonymous,
        securityNone,
        users,
        newHttp,
        allowAnonymous,
        sessions,
        audit);
  }

  /** A copy with other users and anonymous role (for tests and tools that build configs). */
  public ServerSpec withAccess(
      List<UserSpec> newUsers, String newAnonymous, boolean newSecurityNone) {
    return new ServerSpec(
        applicationName,
        port,
        bindAddress,
        hostnames,
        newAnonymous,
        newSecurityNone,
        List.copyOf(newUsers),
        http,
        allowAnonymous,
        sessions,
        audit);
  }

  /** A copy with other session and connection bounds. */
  public ServerSpec withSessions(SessionLimitsSpec newSessions) {
    return new ServerSpec(
        applicationName,
        port,
        bindAddress,
        hostnames,
        anonymous,
        securityNone,
        users,
        http,
        allowAnonymous,
        newSessions,
        audit);
  }

  /** The session and connection bounds; the defaults where none were given. */
  @Override
  public SessionLimitsSpec sessions() {
    return sessions == null ? SessionLimitsSpec.defaults() : sessions;
  }

  /** The audit file's limits; the defaults where none were given. */
  @Override
  public AuditSpec audit() {
    return audit == null ? AuditSpec.defaults() : audit;
  }

  /** The role of anonymous sessions; empty when they are refused. */
  public Optional<Role> anonymousRole() {
    return anonymous == null || anonymous.equals("off")
        ? Optional.empty()
        : Role.fromConfigName(anonymous);
  }
}
