package io.motionua.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motionua.server.security.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebSessionsTest {

  /** A clock the test moves by hand. */
  private static final class HandClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  private final HandClock clock = new HandClock();
  private final WebSessions sessions = new WebSessions(clock);

  @Test
  void aSessionCarriesItsUserAndRoleUntilLogout() {
    String token = sessions.open("vic", Role.VIEWER);
    assertEquals("vic", sessions.touch(token).orElseThrow().user());
    assertEquals(Role.VIEWER, sessions.touch(token).orElseThrow().role());
    sessions.close(token);
    assertTrue(sessions.touch(token).isEmpty());
  }

  @Test
  void tokensAreLongAndNeverRepeat() {
    String a = sessions.open("vic", Role.VIEWER);
    String b = sessions.open("vic", Role.VIEWER);
    assertNotEquals(a, b);
    assertEquals(43, a.length(), "32 random bytes, base64url without padding");
    assertTrue(sessions.touch("not-a-token").isEmpty());
    assertTrue(sessions.touch(null).isEmpty());
  }

  @Test
  void anIdleSessionEndsAfterThirtyMinutesButUseKeepsItAlive() {
    String used = sessions.open("olga", Role.OPERATOR);
    String idle = sessions.open("vic", Role.VIEWER);
    for (int i = 0; i < 3; i++) {
      clock.advance(Duration.ofMinutes(20));
      assertTrue(sessions.touch(used).isPresent(), "used every 20 min: alive at " + (i + 1));
    }
    assertTrue(sessions.touch(idle).isEmpty(), "idle for 60 min: ended");
  }

  @Test
  void peekingDoesNotKeepASessionAlive() {
    String token = sessions.open("vic", Role.VIEWER);
    clock.advance(Duration.ofMinutes(29));
    assertTrue(sessions.peek(token).isPresent());
    clock.advance(Duration.ofMinutes(1));
    assertTrue(sessions.peek(token).isEmpty(), "the live feed alone does not extend a session");
  }

  @Test
  void evenAUsedSessionEndsTwelveHoursAfterLogin() {
    String token = sessions.open("olga", Role.OPERATOR);
    for (int i = 0; i < 47; i++) {
      clock.advance(Duration.ofMinutes(15));
      assertTrue(sessions.touch(token).isPresent());
    }
    clock.advance(Duration.ofMinutes(15));
    assertTrue(sessions.touch(token).isEmpty(), "12 h after login");
  }

  @Test
  void theTableKeepsAtMost64SessionsDroppingTheOneQuietLongest() {
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < WebSessions.MAX_SESSIONS; i++) {
      tokens.add(sessions.open("u" + i, Role.VIEWER));
      clock.advance(Duration.ofSeconds(1));
    }
    sessions.touch(tokens.get(0)); // the first login is in use: it stays
    String newest = sessions.open("late", Role.VIEWER);
    assertEquals(WebSessions.MAX_SESSIONS, sessions.size());
    assertTrue(sessions.touch(tokens.get(0)).isPresent());
    assertTrue(sessions.touch(tokens.get(1)).isEmpty(), "the one quiet longest went");
    assertTrue(sessions.touch(newest).isPresent());
  }
}
