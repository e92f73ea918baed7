package io.motionua.drivers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * Lets writes on several links go out together: each link thread, when it takes its write from the
 * queue with the request already encoded and nothing in flight on its connection, arms the trigger
 * and waits; the last party to arm releases every waiting link thread at once, so the requests
 * leave within thread wake-ups of each other instead of behind polls or one another's queues.
 *
 * <p>The wait is bounded: after {@code maxHold} a waiting link sends anyway (a party whose link is
 * down never arms). A write that fails before it reaches its link thread withdraws from the
 * trigger, which counts like arming without waiting. Each party counts once, by its token.
 */
public final class WriteTrigger {

  private final int parties;
  private final long maxHoldNanos;
  private final Set<Object> counted = new HashSet<>();
  private final List<Thread> waiting = new ArrayList<>();
  private volatile boolean released;
  private long firstPassNanos = Long.MAX_VALUE;
  private long lastPassNanos = Long.MIN_VALUE;

  /**
   * @param parties the writes that go out together
   * @param maxHold how long an armed link waits for the others at most
   */
  public WriteTrigger(int parties, Duration maxHold) {
    if (parties < 1) {
      throw new IllegalArgumentException("a trigger needs at least one party: " + parties);
    }
    this.parties = parties;
    this.maxHoldNanos = maxHold.toNanos();
  }

  /**
   * Arms for {@code party} and waits until every party armed or withdrew, at most the trigger's
   * bound. Called on a link thread just before it sends.
   *
   * @return true when released by the last party, false when the bound passed first
   */
  public boolean armAndAwait(Object party) {
    Thread me = Thread.currentThread();
    synchronized (this) {
      if (!count(party)) {
        waiting.add(me);
      }
    }
    long deadline = System.nanoTime() + maxHoldNanos;
    while (!released) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        synchronized (this) {
          waiting.remove(me);
        }
        passed();
        return released;
      }
      LockSupport.parkNanos(this, left);
    }
    passed();
    return true;
  }

  private synchronized void passed() {
    long now = System.nanoTime();
    firstPassNanos = Math.min(firstPassNanos, now);
    lastPassNanos = Math.max(lastPassNanos, now);
  }

  /**
   * Time from the first to the last armed party going on to send (the spread on the sending side,
   * before any network or device); -1 before any party passed.
   */
  public synchronized long passSpreadNanos() {
    return lastPassNanos < firstPassNanos ? -1 : lastPassNanos - firstPassNanos;
  }

  /** {@code party} will not send (its write failed first): the others need not wait for it. */
  public void withdraw(Object party) {
    synchronized (this) {
      count(party);
    }
  }

  /** How many parties armed or withdrew so far. */
  public synchronized int counted() {
    return counted.size();
  }

  /** Whether every party armed or withdrew. */
  public boolean isReleased() {
    return released;
  }

  /** Counts a party once; the last one releases the waiting threads. Holds the lock. */
  private boolean count(Object party) {
    if (!counted.add(party) || counted.size() < parties) {
      return released;
    }
    released = true;
    for (Thread t : waiting) {
      LockSupport.unpark(t);
    }
    waiting.clear();
    return true;
  }
}
