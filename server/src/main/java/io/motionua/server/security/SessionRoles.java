package io.motionua.server.security;

import java.util.Optional;
import org.eclipse.milo.opcua.sdk.server.Session;
import org.eclipse.milo.opcua.sdk.server.identity.Identity;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The role of a session and the one check every write and call goes through. The role is put on the
 * session's identity when {@link MachineIdentityValidator} accepts it, so the check needs no lookup
 * and no state of its own. A session without a role (an identity this server did not validate) may
 * do nothing; a request without a session comes from the server itself.
 */
public final class SessionRoles {

  private static final Logger logger = LoggerFactory.getLogger(SessionRoles.class);

  private SessionRoles() {}

  /** The session's role; empty when its identity carries none. */
  public static Optional<Role> roleOf(Session session) {
    Identity identity = session.getIdentity();
    return identity != null && identity.getUserData() instanceof Role role
        ? Optional.of(role)
        : Optional.empty();
  }

  /** The user name as messages and logs show it: the name, or {@code anonymous}. */
  public static String userOf(Session session) {
    return session.getIdentity() instanceof Identity.UsernameIdentity u
        ? "'" + u.getUsername() + "'"
        : "anonymous";
  }

  /**
   * Whether a request from this session (empty: from the server itself, or from the {@link
   * DelegatedUser} it acts for on this thread) may do what needs a role.
   */
  public static boolean allows(Optional<Session> session, Role needed) {
    if (session.isEmpty()) {
      // The server itself, unless it acts for a configured user (a Sparkplug DCMD).
      return DelegatedUser.current().map(u -> u.role().includes(needed)).orElse(true);
    }
    return roleOf(session.get()).map(r -> r.includes(needed)).orElse(false);
  }

  /**
   * Throws Bad_UserAccessDenied, naming user, role and action, unless the session's role is at
   * least {@code needed}.
   *
   * @param action what was attempted, e.g. {@code "MoveAbsolute on J1"}
   */
  public static void require(Optional<Session> session, Role needed, String action)
      throws UaException {
    if (allows(session, needed)) {
      return;
    }
    String user;
    String role;
    if (session.isPresent()) {
      user = userOf(session.get());
      role = roleOf(session.get()).map(Role::configName).orElse("no role");
    } else {
      DelegatedUser delegated = DelegatedUser.current().orElseThrow();
      user = delegated.shown();
      role = delegated.role().configName();
    }
    String message =
        "user "
            + user
            + " ("
            + role
            + ") may not "
            + action
            + ": needs "
            + needed.configName()
            + " or higher";
    logger.info("refused: {}", message);
    throw new UaException(StatusCodes.Bad_UserAccessDenied, message);
  }
}
