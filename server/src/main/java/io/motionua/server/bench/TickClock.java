package io.motionua.server.bench;

import java.util.concurrent.TimeUnit;

/**
 * The fixed-rate thread of the benchmarks that stand in for the link threads: it sleeps until 0.1
 * ms before a tick is due and spins the rest, so a late tick is the machine's lateness, not the
 * sleep's granularity.
 */
public final class TickClock {

  private static final long SPIN_NANOS = 200_000;
  private static final long WAKE_EARLY_NANOS = 100_000;

  private TickClock() {}

  /**
   * Waits until {@code due} ({@link System#nanoTime()} scale).
   *
   * @return the time it woke, at or after {@code due}
   */
  public static long awaitDue(long due) throws InterruptedException {
    long now;
    while ((now = System.nanoTime()) < due) {
      long left = due - now;
      if (left > SPIN_NANOS) {
        TimeUnit.NANOSECONDS.sleep(left - WAKE_EARLY_NANOS);
      } else {
        Thread.onSpinWait();
      }
    }
    return now;
  }
}
