package io.motionua.server.group;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Calls a group motion stuck when it is not done {@link AxisGroup#WATCHDOG_SLACK_MS} after its end.
 * A move that follows the SpeedOverride is asked for its end each time ({@link
 * OverrideFollower#expectedEndNanos()}): a stretched move gets its new end, a held one is checked
 * again a slack later, so the override never makes a healthy move look stuck.
 */
final class MotionWatchdog {

  private static final long SLACK_NANOS =
      TimeUnit.MILLISECONDS.toNanos(AxisGroup.WATCHDOG_SLACK_MS);

  private final ScheduledExecutorService timers;
  private final Object lock;
  private final Supplier<GroupMotion> current;
  private final BiConsumer<GroupMotion, String> stuck;

  /**
   * @param current the group's motion now (read under {@code lock})
   * @param stuck called under {@code lock} with the motion and why it is late
   */
  MotionWatchdog(
      ScheduledExecutorService timers,
      Object lock,
      Supplier<GroupMotion> current,
      BiConsumer<GroupMotion, String> stuck) {
    this.timers = timers;
    this.lock = lock;
    this.current = current;
    this.stuck = stuck;
  }

  /** Watches {@code m}, planned to take {@code seconds} from now. */
  void watch(GroupMotion m, double seconds) {
    long begun = System.nanoTime();
    watch(m, begun, begun + Math.round(seconds * 1e9));
  }

  private void watch(GroupMotion m, long begun, long end) {
    long delay =
        end == Long.MAX_VALUE ? SLACK_NANOS : Math.max(0, end - System.nanoTime()) + SLACK_NANOS;
    timers.schedule(() -> check(m, begun, end), delay, TimeUnit.NANOSECONDS);
  }

  private void check(GroupMotion m, long begun, long end) {
    synchronized (lock) {
      if (current.get() != m || m.done()) {
        return;
      }
      long expected = m.follower == null ? end : m.follower.expectedEndNanos();
      if (expected == Long.MAX_VALUE || System.nanoTime() < expected + SLACK_NANOS) {
        watch(m, begun, expected);
        return;
      }
      stuck.accept(
          m,
          "did not finish "
              + m.command
              + " within "
              + Math.round((expected - begun) / 1e6)
              + " ms + "
              + AxisGroup.WATCHDOG_SLACK_MS
              + " ms");
    }
  }
}
