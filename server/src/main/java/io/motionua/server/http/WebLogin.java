package io.motionua.server.http;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import io.motionua.server.audit.AuditLog;
import io.motionua.server.security.LoginThrottle;
import io.motionua.server.security.Role;
import io.motionua.server.security.UserDirectory;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Login and logout of the status page with the machine file's users: the same bcrypt check ({@link
 * UserDirectory}, unknown names cost as much as known ones) and the same per-address throttle rules
 * ({@link LoginThrottle}) as OPC UA sessions, and every refusal in the audit log. A successful
 * login sets an HttpOnly, SameSite=Strict session cookie; nothing else identifies a browser. Every
 * role, viewer included, may log in: the page only shows what a viewer may read.
 */
final class WebLogin {

  private static final Logger logger = LoggerFactory.getLogger(WebLogin.class);

  static final String COOKIE = "motionua_session";

  /**
   * Password checks running at once at most: bcrypt takes tens of milliseconds of CPU each, and the
   * HTTP threads are few. Logins beyond these are answered 503 at once.
   */
  static final int MAX_CONCURRENT_CHECKS = 2;

  private static final int MAX_FIELD = 256;

  private final UserDirectory users;
  private final LoginThrottle throttle;
  private final AuditLog audit;
  private final WebSessions sessions;
  private final Semaphore checks = new Semaphore(MAX_CONCURRENT_CHECKS);

  WebLogin(UserDirectory users, LoginThrottle throttle, AuditLog audit, WebSessions sessions) {
    this.users = users;
    this.throttle = throttle;
    this.audit = audit;
    this.sessions = sessions;
  }

  /** {@code POST /login} from the login form: to the page with a cookie, or back with a reason. */
  void login(Context ctx) {
    if (!sameOrigin(ctx)) {
      ctx.status(HttpStatus.FORBIDDEN).result("login from another site refused");
      return;
    }
    String address = ctx.ip();
    String user = field(ctx, "user");
    String password = field(ctx, "password");
    Optional<Duration> locked = throttle.lockedFor(address);
    if (locked.isPresent()) {
      refuse(
          ctx,
          user,
          address,
          "locked",
          "address locked out for %d s more".formatted(Math.max(1, locked.get().toSeconds())));
      return;
    }
    if (!checks.tryAcquire()) {
      ctx.status(HttpStatus.SERVICE_UNAVAILABLE).result("too many logins at once; try again");
      return;
    }
    Optional<Role> role;
    try {
      role = user.isEmpty() ? Optional.empty() : users.authenticate(user, password);
    } finally {
      checks.release();
    }
    if (role.isEmpty()) {
      throttle
          .failed(address)
          .ifPresent(
              d ->
                  logger.warn(
                      "{} failed web logins from {}: locked out for {} s",
                      throttle.failures(address),
                      address,
                      d.toSeconds()));
      refuse(ctx, user, address, "failed", "unknown user or wrong password");
      return;
    }
    throttle.succeeded(address);
    String token = sessions.open(user, role.get());
    ctx.cookie(sessionCookie(token, -1));
    logger.info("user '{}' ({}) logged in to the status page from {}", user, role.get(), address);
    ctx.redirect("/", HttpStatus.SEE_OTHER);
  }

  /** {@code POST /logout}: ends the session and clears the cookie. */
  void logout(Context ctx) {
    if (!sameOrigin(ctx)) {
      ctx.status(HttpStatus.FORBIDDEN).result("logout from another site refused");
      return;
    }
    sessions.close(ctx.cookie(COOKIE));
    ctx.cookie(sessionCookie("", 0));
    ctx.redirect("/login", HttpStatus.SEE_OTHER);
  }

  /** The session of the request's cookie, marked as seen; empty when not logged in. */
  Optional<WebSessions.WebSession> session(Context ctx) {
    return sessions.touch(ctx.cookie(COOKIE));
  }

  private void refuse(Context ctx, String user, String address, String why, String reason) {
    logger.info("refused web login of '{}' from {}: {}", user, address, reason);
    if (audit != null) {
      audit.login(user, address, "HTTP 303 (" + why + ")", "status page: " + reason);
    }
    ctx.redirect("/login?" + why, HttpStatus.SEE_OTHER);
  }

  private static Cookie sessionCookie(String value, int maxAge) {
    // Not Secure: the page is plain HTTP (loopback by default); behind a TLS proxy, see the docs.
    return new Cookie(COOKIE, value, "/", maxAge, false, true, null, SameSite.STRICT);
  }

  private static String field(Context ctx, String name) {
    String v = ctx.formParam(name);
    if (v == null) {
      return "";
    }
    return v.length() > MAX_FIELD ? v.substring(0, MAX_FIELD) : v;
  }

  /**
   * A browser names the page that posted a form in Origin; a form on another site must not log a
   * browser in or out here. The origin must be this server as the browser addressed it (the Host
   * the request was sent to). Requests without Origin (scripts, old clients) carry no cookie of
   * ours that another site could misuse.
   */
  static boolean sameOrigin(Context ctx) {
    String origin = ctx.header("Origin");
    if (origin == null) {
      return true;
    }
    try {
      URI o = new URI(origin);
      int port = o.getPort() != -1 ? o.getPort() : "https".equals(o.getScheme()) ? 443 : 80;
      return o.getHost() != null
          && o.getHost().equalsIgnoreCase(ctx.req().getServerName())
          && port == ctx.req().getServerPort();
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
