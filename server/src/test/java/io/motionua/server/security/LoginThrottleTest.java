package io.motionua.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

  /** A clock the test moves by hand. */
  private static final class HandClock extends Clock {
    Instant now = Instant.parse("2026-12-05T10:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }
  }

  private final HandClock clock = new HandClock();
  private final LoginThrottle throttle =
      new LoginThrottle(
          clock, 3, Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofMinutes(15));

  @Test
  void freeFailuresThenALockThatDoublesUpToTheCap() {
    for (int i = 0; i < 3; i++) {
      assertEquals(Optional.empty(), throttle.failed("10.0.0.9"));
    }
    assertEquals(Optional.empty(), throttle.lockedFor("10.0.0.9"));
    assertEquals(Optional.of(Duration.ofSeconds(1)), throttle.failed("10.0.0.9"));
    assertEquals(Optional.of(Duration.ofSeconds(1)), throttle.lockedFor("10.0.0.9"));
    assertEquals(Optional.of(Duration.ofSeconds(2)), throttle.failed("10.0.0.9"));
    assertEquals(Optional.of(Duration.ofSeconds(4)), throttle.failed("10.0.0.9"));
    assertEquals(Optional.of(Duration.ofSeconds(8)), throttle.failed("10.0.0.9"));
    assertEquals(Optional.of(Duration.ofSeconds(8)), throttle.failed("10.0.0.9"), "capped");
    assertEquals(Optional.empty(), throttle.lockedFor("10.0.0.8"), "other addresses unaffected");
  }

  @Test
  void theLockEndsOnTimeAndASuccessClearsTheCount() {
    for (int i = 0; i < 4; i++) {
      throttle.failed("a");
    }
    clock.advance(Duration.ofMillis(999));
    assertTrue(throttle.lockedFor("a").isPresent());
    clock.advance(Duration.ofMillis(1));
    assertEquals(Optional.empty(), throttle.lockedFor("a"));
    assertEquals(4, throttle.failures("a"), "still counted after the lock");
    throttle.succeeded("a");
    assertEquals(0, throttle.failures("a"));
    assertEquals(Optional.empty(), throttle.failed("a"), "free failures again");
  }

  @Test
  void failuresAreForgottenAfterAQuietPeriod() {
    for (int i = 0; i < 3; i++) {
      throttle.failed("b");
    }
    clock.advance(Duration.ofMinutes(15).plusSeconds(1));
    assertEquals(0, throttle.failures("b"));
    assertEquals(Optional.empty(), throttle.failed("b"));
  }

  @Test
  void theTableStaysBoundedUnderAFloodOfAddresses() {
    for (int i = 0; i < LoginThrottle.MAX_ADDRESSES + 500; i++) {
      throttle.failed("addr-" + i);
    }
    assertEquals(0, throttle.failures("addr-0"), "the longest quiet went first");
    assertEquals(1, throttle.failures("addr-" + (LoginThrottle.MAX_ADDRESSES + 499)));
  }
}
