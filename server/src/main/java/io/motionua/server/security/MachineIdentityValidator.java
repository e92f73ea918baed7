package io.motionua.server.security;

import io.motionua.server.audit.AuditLog;
import java.net.InetAddress;
import java.time.Duration;
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
import org.eclipse.milo.opcua.stack.core.security.SecurityAlgorithm;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.UserTokenType;
import org.eclipse.milo.opcua.stack.core.types.structured.AnonymousIdentityToken;
import org.eclipse.milo.opcua.stack.core.types.structured.SignatureData;
import org.eclipse.milo.opcua.stack.core.types.structured.UserNameIdentityToken;
import org.eclipse.milo.opcua.stack.core.types.structured.UserTokenPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts the users of the machine file (bcrypt-checked passwords) and, when the file allows it,
 * anonymous sessions; puts the session's {@link Role} on its identity for {@link SessionRoles}.
 *
 * <p>The user name token is read here, not by Milo 1.1.2's validator, which answers a token that
 * fails to decrypt differently from one that decrypts to garbage (upstream issue 1804: a padding
 * oracle against the server's RSA key) and fails with no answer on a token shorter than four bytes.
 * Here:
 *
 * <ul>
 *   <li>a password in the clear is refused with Bad_SecurityModeInsufficient unless the channel
 *       itself is encrypted (SignAndEncrypt);
 *   <li>every token that cannot be read (wrong algorithm, failed decryption, bad length, wrong
 *       nonce) gets the same Bad_IdentityTokenInvalid: nothing tells a padding failure from garbage
 *       that decrypted;
 *   <li>an unknown user and a wrong password get the same Bad_UserAccessDenied after the same work
 *       ({@link UserDirectory});
 *   <li>failures are counted per client address ({@link LoginThrottle}): past the free ones, the
 *       address is locked out for a growing time;
 *   <li>every refusal is logged and audited.
 * </ul>
 */
public final class MachineIdentityValidator extends AbstractUsernameIdentityValidator {

  private static final Logger logger = LoggerFactory.getLogger(MachineIdentityValidator.class);

  private final UserDirectory users;
  private final Optional<Role> anonymousRole;
  private final LoginThrottle throttle;
  private final AuditLog audit;

  /**
   * @param anonymousRole the role of anonymous sessions; empty refuses them
   */
  public MachineIdentityValidator(
      UserDirectory users, Optional<Role> anonymousRole, LoginThrottle throttle, AuditLog audit) {
    this.users = users;
    this.anonymousRole = anonymousRole;
    this.throttle = throttle;
    this.audit = audit;
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
    if (anonymousRole.isEmpty()) {
      throw refused(
          session, "", StatusCodes.Bad_IdentityTokenRejected, "anonymous sessions are off");
    }
    var identity = new DefaultAnonymousIdentity();
    identity.setUserData(anonymousRole.get());
    return identity;
  }

  @Override
  protected Identity.UsernameIdentity validateUsernameToken(
      Session session, UserNameIdentityToken token, UserTokenPolicy policy, SignatureData signature)
      throws UaException {
    String address = address(session);
    String username = token.getUserName() == null ? "" : token.getUserName();
    Optional<Duration> locked = throttle.lockedFor(address);
    if (locked.isPresent()) {
      throw refused(
          session,
          username,
          StatusCodes.Bad_UserAccessDenied,
          "address locked out for %d s more after %d failed logins"
              .formatted(Math.max(1, locked.get().toSeconds()), throttle.failures(address)));
    }
    if (username.isEmpty()) {
      throw failed(session, username, StatusCodes.Bad_IdentityTokenInvalid, "no user name");
    }
    SecurityAlgorithm algorithm = algorithm(session, token, policy);
    if (algorithm == null) {
      throw failed(
          session, username, StatusCodes.Bad_IdentityTokenInvalid, "unreadable password token");
    }
    String password;
    if (algorithm == SecurityAlgorithm.None) {
      MessageSecurityMode mode = session.getSecurityConfiguration().getSecurityMode();
      if (mode != MessageSecurityMode.SignAndEncrypt) {
        throw failed(
            session,
            username,
            StatusCodes.Bad_SecurityModeInsufficient,
            "password sent in the clear over a channel with security mode " + mode);
      }
      password = PasswordToken.clear(token.getPassword().bytesOrEmpty());
    } else {
      byte[] plain;
      try {
        plain = decryptTokenData(session, algorithm, token.getPassword().bytesOrEmpty());
      } catch (UaException | RuntimeException e) {
        plain = null; // the same answer as any other unreadable token: no padding oracle
      }
      password =
          plain == null
              ? null
              : PasswordToken.read(
                  plain,
                  session.getLastNonce().bytesOrEmpty(),
                  session.getServer().getConfig().getLimits().getMaxPasswordLength().intValue());
      if (password == null) {
        throw failed(
            session, username, StatusCodes.Bad_IdentityTokenInvalid, "unreadable password token");
      }
    }
    Optional<Role> role = users.authenticate(username, password);
    if (role.isEmpty()) {
      throw failed(
          session, username, StatusCodes.Bad_UserAccessDenied, "unknown user or wrong password");
    }
    throttle.succeeded(address);
    var identity = new DefaultUsernameIdentity(username);
    identity.setUserData(role.get());
    logger.info("user '{}' ({}) opened a session from {}", username, role.get(), address);
    return identity;
  }

  /** Never called: {@link #validateUsernameToken} authenticates itself. */
  @Override
  protected Identity.UsernameIdentity authenticateUsernamePassword(
      Session session, String username, String password) {
    return null;
  }

  /**
   * The algorithm the password was encrypted with, as the token policy demands; null when the token
   * names another one or one that does not exist.
   */
  private static SecurityAlgorithm algorithm(
      Session session, UserNameIdentityToken token, UserTokenPolicy policy) {
    String uri = token.getEncryptionAlgorithm();
    try {
      if (uri == null || uri.isEmpty()) {
        // No encryption named: the channel's own (None on an unsecured channel, i.e. clear text).
        return session
            .getSecurityConfiguration()
            .getSecurityPolicy()
            .getAsymmetricEncryptionAlgorithm();
      }
      SecurityAlgorithm named = SecurityAlgorithm.fromUri(uri);
      String policyUri =
          policy.getSecurityPolicyUri() == null || policy.getSecurityPolicyUri().isEmpty()
              ? session.getSecurityConfiguration().getSecurityPolicy().getUri()
              : policy.getSecurityPolicyUri();
      SecurityAlgorithm required =
          SecurityPolicy.fromUri(policyUri).getAsymmetricEncryptionAlgorithm();
      return named.equals(required) ? named : null;
    } catch (UaException | RuntimeException e) {
      return null;
    }
  }

  /** A failure that counts against the address. */
  private UaException failed(Session session, String user, long status, String reason) {
    String address = address(session);
    Optional<Duration> lock = throttle.failed(address);
    lock.ifPresent(
        d ->
            logger.warn(
                "{} failed logins from {}: locked out for {} s",
                throttle.failures(address),
                address,
                d.toSeconds()));
    return refused(session, user, status, reason);
  }

  private UaException refused(Session session, String user, long status, String reason) {
    String address = address(session);
    String name = StatusCodes.lookup(status).map(n -> n[0]).orElse("0x%08X".formatted(status));
    logger.info("refused login of '{}' from {}: {} ({})", user, address, reason, name);
    audit.login(user, address, name, reason);
    return new UaException(status, reason);
  }

  private static String address(Session session) {
    InetAddress a = session.getClientAddress();
    return a == null ? "unknown" : a.getHostAddress();
  }
}
