package io.motionua.server.security;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.eclipse.milo.opcua.sdk.server.Session;
import org.eclipse.milo.opcua.sdk.server.identity.AbstractUsernameIdentityValidator;
import org.eclipse.milo.opcua.sdk.server.identity.DefaultAnonymousIdentity;
import org.eclipse.milo.opcua.sdk.server.identity.DefaultUsernameIdentity;
import org.eclipse.milo.opcua.sdk.server.identity.Identity;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.enumerated.UserTokenType;
import org.eclipse.milo.opcua.stack.core.types.structured.AnonymousIdentityToken;
import org.eclipse.milo.opcua.stack.core.types.structured.SignatureData;
import org.eclipse.milo.opcua.stack.core.types.structured.UserTokenPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts the users of the machine file (bcrypt-checked passwords) and, when the file allows it,
 * anonymous sessions; puts the session's {@link Role} on its identity for {@link SessionRoles}.
 * Milo decrypts the password token and answers a null identity with Bad_UserAccessDenied.
 */
public final class MachineIdentityValidator extends AbstractUsernameIdentityValidator {

  private static final Logger logger = LoggerFactory.getLogger(MachineIdentityValidator.class);

  private final UserDirectory users;
  private final Optional<Role> anonymousRole;

  /**
   * @param anonymousRole the role of anonymous sessions; empty refuses them
   */
  public MachineIdentityValidator(UserDirectory users, Optional<Role> anonymousRole) {
    this.users = users;
    this.anonymousRole = anonymousRole;
  }

  @Override
  public Set<UserTokenType> getSupportedTokenTypes() {
    Set<UserTokenType> types = EnumSet.of(UserTokenType.UserName);
    anonymousRole.ifPresent(r -> types.add(UserTokenType.Anonymous));
    return types;
  }

  @Override
  protected Identity.AnonymousIdentity validateAnonymousToken(
      Session session,
      AnonymousIdentityToken token,
      UserTokenPolicy policy,
      SignatureData signature)
      throws UaException {
    Role role =
        anonymousRole.orElseThrow(
            () ->
                new UaException(
                    StatusCodes.Bad_IdentityTokenRejected, "anonymous sessions are off"));
    var identity = new DefaultAnonymousIdentity();
    identity.setUserData(role);
    return identity;
  }

  @Override
  protected Identity.UsernameIdentity authenticateUsernamePassword(
      Session session, String username, String password) {
    Optional<Role> role = users.authenticate(username, password);
    if (role.isEmpty()) {
      logger.info(
          "refused user '{}' from {}: unknown user or wrong password",
          username,
          session.getClientAddress());
      return null;
    }
    var identity = new DefaultUsernameIdentity(username);
    identity.setUserData(role.get());
    logger.info(
        "user '{}' ({}) opened a session from {}",
        username,
        role.get(),
        session.getClientAddress());
    return identity;
  }
}
