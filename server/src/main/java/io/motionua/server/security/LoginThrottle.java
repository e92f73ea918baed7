package io.motionua.server.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Slows down password guessing per client address. The first {@code freeFailures} failed logins
 * cost nothing; each further one locks the address out for a time that doubles, from {@code
 * firstLock} up to {@code maxLock}: while locked, every login from that address is refused, even
 * with the right password. A successful login, or {@code forgetAfter} without a failure, clears the
 * count. The table holds at most {@link #MAX_ADDRESSES} addresses (the longest quiet goes first),
 * so a flood from many addresses cannot grow it without bound. Thread-safe.
 */
public final class LoginThrottle {

  /** Most addresses remembered at once. */
  static final int MAX_ADDRESSES = 10_000;

  private record Record(int failures, Instant lastFailure, Instant lockedUntil) {}

  private final Clock clock;
  private final int freeFailures;
  private final Duration firstLock;
  private final Duration maxLock;
  private final Duration forgetAfter;
  private final Map<String, Record> records = new LinkedHashMap<>(16, 0.75f, true);

  public LoginThrottle(
      Clock clock, int freeFailures, Duration firstLock, Duration maxLock, Duration forgetAfter) {
    this.clock = clock;
    this.freeFailures = freeFailures;
    this.firstLock = firstLock;
    this.maxLock = maxLock;
    this.forgetAfter = forgetAfter;
  }

  /** 5 free failures, then 1 s doubling up to 5 min; forgotten after 15 min without failure. */
  public static LoginThrottle standard() {
    return new LoginThrottle(
        Clock.systemUTC(), 5, Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofMinutes(15));
  }

  /** How much longer the address is locked out; empty when it may try. */
  public synchronized Optional<Duration> lockedFor(String address) {
    Record r = current(address);
    if (r == null) {
      return Optional.empty();
    }
    Duration left = Duration.between(clock.instant(), r.lockedUntil());
    return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
  }

  /**
   * Counts a failed login from the address.
   *
   * @return the lock it starts, if this failure is past the free ones
   */
  public synchronized Optional<Duration> failed(String address) {
    Instant now = clock.instant();
    Record r = current(address);
    int failures = r == null ? 1 : r.failures() + 1;
    Duration lock = Duration.ZERO;
    if (failures > freeFailures) {
      int doublings = Math.min(failures - freeFailures - 1, 30);
      lock = firstLock.multipliedBy(1L << doublings);
      if (lock.compareTo(maxLock) > 0) {
        lock = maxLock;
      }
    }
    records.put(address, new Record(failures, now, now.plus(lock)));
    if (records.size() > MAX_ADDRESSES) {
      var eldest = records.keySet().iterator();
      eldest.next();
      eldest.remove();
    }
    return lock.isZero() ? Optional.empty() : Optional.of(lock);
  }

  /** A successful login clears the address's count. */
  public synchronized void succeeded(String address) {
    records.remove(address);
  }

  /** Failed logins counted for the address now. */
  public synchronized int failures(String address) {
    Record r = current(address);
    return r == null ? 0 : r.failures();
  }

  private Record current(String address) {
    Record r = records.get(address);
    if (r != null
        && clock.instant().isAfter(r.lastFailure().plus(forgetAfter))
        && !clock.instant().isBefore(r.lockedUntil())) {
      records.remove(address);
      return null;
    }
    return r;
  }
}
