package io.motionua.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.motionua.server.session.UnactivatedSessions.Pending;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Which unactivated sessions go, and when, with a clock the test moves. */
class UnactivatedSessionsTest {

  private final AtomicLong now = new AtomicLong();
  private final UnactivatedSessions<String> sessions =
      new UnactivatedSessions<>(10_000, 3, 5, now::get);

  private List<String> tokens(List<Pending<String>> dropped) {
    return dropped.stream().map(Pending::token).toList();
  }

  private void create(String token, String address) {
    sessions.makeRoomFor(address);
    sessions.add(token, address, null);
  }

  @Test
  void anAddressAtItsLimitLosesItsOwnOldestSession() {
    create("a1", "10.0.0.1");
    create("b1", "10.0.0.2");
    create("a2", "10.0.0.1");
    create("a3", "10.0.0.1");
    assertEquals(List.of("a1"), tokens(sessions.makeRoomFor("10.0.0.1")));
    assertEquals(List.of(), tokens(sessions.makeRoomFor("10.0.0.2")), "b has room");
    assertEquals(3, sessions.size());
  }

  @Test
  void whenAllAreAtTheLimitTheOldestAnywhereGoes() {
    create("a1", "10.0.0.1");
    create("b1", "10.0.0.2");
    create("c1", "10.0.0.3");
    create("d1", "10.0.0.4");
    create("e1", "10.0.0.5");
    assertEquals(List.of("a1"), tokens(sessions.makeRoomFor("10.0.0.6")));
  }

  @Test
  void sessionsExpireAfterTheTimeoutAndNotBefore() {
    create("a1", "10.0.0.1");
    now.set(4_000);
    create("a2", "10.0.0.1");
    now.set(9_999);
    assertEquals(List.of(), tokens(sessions.expired()));
    now.set(10_000);
    assertEquals(List.of("a1"), tokens(sessions.expired()));
    now.set(14_000);
    assertEquals(List.of("a2"), tokens(sessions.expired()));
    assertEquals(0, sessions.size());
  }

  @Test
  void anActivatedSessionIsNeitherDroppedNorExpired() {
    create("a1", "10.0.0.1");
    Pending<String> taken = sessions.take("a1");
    assertEquals("a1", taken.token());
    assertNull(sessions.take("a1"), "taken once");
    now.set(20_000);
    assertEquals(List.of(), tokens(sessions.expired()));
  }

  @Test
  void aFailedActivationWaitsAgainWithItsOriginalTime() {
    create("a1", "10.0.0.1");
    now.set(6_000);
    sessions.restore(sessions.take("a1"));
    now.set(10_000);
    assertEquals(List.of("a1"), tokens(sessions.expired()), "10 s after CreateSession");
  }
}
