package io.motionua.server.http;

import io.motionua.server.security.Role;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The logged-in users of the status page, by session token (the value of the HttpOnly session
 * cookie). A session ends at logout, after {@link #IDLE} without a request, or {@link #LIFETIME}
 * after login, whichever comes first. At most {@link #MAX_SESSIONS} are kept: a new login pushes
 * out the one quiet longest, so logins from many browsers cannot grow the table. Thread-safe.
 */
final class WebSessions {

  static final int MAX_SESSIONS = 64;
  static final Duration IDLE = Duration.ofMinutes(30);
  static final Duration LIFETIME = Duration.ofHours(12);

  /** One logged-in browser. */
  record WebSession(String user, Role role, Instant created, Instant lastSeen) {}

  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, WebSession> sessions = new LinkedHashMap<>(16, 0.75f, true);

  WebSessions(Clock clock) {
    this.clock = clock;
  }

  /** A new session for a user who just gave the right password; returns its token. */
  synchronized String open(String user, Role role) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Instant now = clock.instant();
    sessions.put(token, new WebSession(user, role, now, now));
    if (sessions.size() > MAX_SESSIONS) {
      var eldest = sessions.keySet().iterator();
      eldest.next();
      eldest.remove();
    }
    return token;
  }

  /** The session of a token, marked as seen now; empty when unknown, ended or expired. */
  synchronized Optional<WebSession> touch(String token) {
    Optional<WebSession> live = current(token);
    live.ifPresent(
        s -> sessions.put(token, new WebSession(s.user(), s.role(), s.created(), clock.instant())));
    return live;
  }

  /** The session of a token without marking it seen (for the live feed's own checks). */
  synchronized Optional<WebSession> peek(String token) {
    return current(token);
  }

  synchronized void close(String token) {
    if (token != null) {
      sessions.remove(token);
    }
  }

  synchronized int size() {
    return sessions.size();
  }

  private Optional<WebSession> current(String token) {
    if (token == null) {
      return Optional.empty();
    }
    WebSession s = sessions.get(token);
    if (s == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (!now.isBefore(s.lastSeen().plus(IDLE)) || !now.isBefore(s.created().plus(LIFETIME))) {
      sessions.remove(token);
      return Optional.empty();
    }
    return Optional.of(s);
  }
}
