package io.motionua.server.group;

import io.motionua.drivers.WriteTrigger;
import io.motionua.server.axis.AxisController;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/**
 * Drive-side profiles for a group motion: every drive first gets its own profile (target, the
 * planned peak velocity, acceleration and deceleration, in increments), on all links in parallel;
 * then the start writes (controlword new set-point) go out on one {@link WriteTrigger}: each link
 * thread takes its start, finishes what it had in flight, and waits; the last one ready releases
 * them all, so the drives start within thread wake-ups of each other, not one answer after another
 * or behind a poll.
 */
final class ProfileStart {

  /** How long a link ready to start waits for the others at most (a dead link never is). */
  static final Duration START_HOLD = Duration.ofMillis(20);

  private final List<AxisController> members;
  private volatile WriteTrigger lastTrigger;

  ProfileStart(List<AxisController> members) {
    this.members = members;
  }

  /**
   * Loads and starts the motion's path on its axes.
   *
   * @param current whether the motion is still the group's (checked under {@code lock} just before
   *     the starts, so a fault reaction that came first is not overtaken)
   * @param armed called on the link thread once axis i's drive took its start
   * @return completes when every drive acknowledged its set-point
   */
  CompletableFuture<Void> start(
      GroupMotion m, BooleanSupplier current, Object lock, IntConsumer armed) {
    List<Integer> axes = AxisGroup.indices(m.axes);
    List<CompletableFuture<Void>> prepared = new ArrayList<>();
    for (int i : axes) {
      double[] p = m.path.profile(i);
      prepared.add(members.get(i).prepareProfileMove(m.path.target(i), p[0], p[1], p[2]));
    }
    return AxisGroup.allOf(prepared)
        .thenCompose(
            v -> {
              List<CompletableFuture<Void>> started = new ArrayList<>();
              synchronized (lock) {
                if (!current.getAsBoolean()) {
                  return CompletableFuture.failedFuture(
                      new CancellationException("superseded before the start"));
                }
                WriteTrigger trigger = new WriteTrigger(axes.size(), START_HOLD);
                lastTrigger = trigger;
                for (int i : axes) {
                  started.add(
                      members.get(i).startPreparedMove(trigger).thenRun(() -> armed.accept(i)));
                }
              }
              return AxisGroup.allOf(started);
            })
        .thenCompose(
            v -> {
              List<CompletableFuture<Void>> released = new ArrayList<>();
              for (int i : axes) {
                released.add(release(members.get(i), current, lock));
              }
              return AxisGroup.allOf(released);
            });
  }

  /**
   * The spread of the last start on the sending side: from the first to the last link thread
   * released to send its start write; -1 before the first start.
   */
  long lastStartSpreadNanos() {
    WriteTrigger t = lastTrigger;
    return t == null ? -1 : t.passSpreadNanos();
  }

  /**
   * Clears the new-set-point bit once acknowledged; not after a fault reaction (its halt stays).
   */
  private static CompletableFuture<Void> release(
      AxisController axis, BooleanSupplier current, Object lock) {
    return axis.awaitSetPointAcknowledged()
        .thenCompose(
            a -> {
              synchronized (lock) {
                return current.getAsBoolean()
                    ? axis.clearNewSetPoint()
                    : CompletableFuture.<Void>completedFuture(null);
              }
            });
  }
}
