package io.motionua.server;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Bounded waits on a condition for the server's tests, through Awaitility: the condition is polled
 * on the calling thread every 20 ms (or as given) from the start; past the bound the wait fails
 * with an AssertionError whose text {@code what} makes at that moment (the last state seen,
 * typically).
 */
public final class Waits {

  private static final Duration POLL = Duration.ofMillis(20);

  private Waits() {}

  /** Says what was waited for, when a wait fails (may read the current state). */
  public interface Describe {
    String text() throws Exception;
  }

  /** Waits until {@code condition} holds, at most {@code bound}. */
  public static void until(Callable<Boolean> condition, Duration bound, Describe what)
      throws Exception {
    until(condition, bound, POLL, what);
  }

  /** The same, polling every {@code poll} (a state that lasts only a few milliseconds). */
  public static void until(
      Callable<Boolean> condition, Duration bound, Duration poll, Describe what) throws Exception {
    try {
      Awaitility.await()
          .pollInSameThread()
          .pollDelay(Duration.ZERO)
          .pollInterval(poll)
          .atMost(bound)
          .until(condition);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("not within " + bound.toMillis() + " ms: " + what.text(), e);
    }
  }

  /** Waits until the in-process axis is in {@code expected}; fails naming the state it is in. */
  public static void axisState(
      MotionUa motionUa, String axis, io.motionua.server.axis.AxisState expected, Duration bound)
      throws Exception {
    until(
        () -> motionUa.axes().get(axis).snapshot().state() == expected,
        bound,
        () -> axis + " " + expected + ", is " + motionUa.axes().get(axis).snapshot().state());
  }

  /** The same with a bound in milliseconds and a fixed text. */
  public static void until(Callable<Boolean> condition, long boundMs, String what)
      throws Exception {
    until(condition, Duration.ofMillis(boundMs), () -> what);
  }
}
