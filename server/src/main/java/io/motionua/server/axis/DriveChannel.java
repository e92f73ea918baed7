package io.motionua.server.axis;

import io.motionua.drivers.Link;
import io.motionua.drivers.SignalValue;
import io.motionua.drivers.WriteTrigger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;

/**
 * One axis's way to its drive: writes and one-shot reads on the link (ahead of polls), and bounded
 * waits for a polled state. Shared by the axis controller and its drive scheme.
 */
final class DriveChannel {

  /** How long one write may take, queueing on the link included. */
  static final Duration WRITE_DEADLINE = Duration.ofSeconds(1);

  /** How long the drive may take to show a requested state. */
  static final Duration STATE_DEADLINE = Duration.ofSeconds(2);

  /** Pause between two reads of {@link #readUntil}: leaves the link to other devices' polls. */
  static final long REREAD_PAUSE_MICROS = 2_000;

  private final String axis;
  private final String device;
  private final Link link;
  private final ScheduledExecutorService timers;
  private final List<Waiter> waiters = new CopyOnWriteArrayList<>();
  private volatile AxisSnapshot latest = AxisSnapshot.initial();

  DriveChannel(String axis, String device, Link link, ScheduledExecutorService timers) {
    this.axis = axis;
    this.device = device;
    this.link = link;
    this.timers = timers;
  }

  String axis() {
    return axis;
  }

  String device() {
    return device;
  }

  /** The last snapshot the axis published. */
  AxisSnapshot latest() {
    return latest;
  }

  CompletableFuture<Void> write(Map<String, ?> values) {
    return link.write(device, values, WRITE_DEADLINE);
  }

  CompletableFuture<Void> write(Map<String, ?> values, Duration deadline) {
    return link.write(device, values, deadline);
  }

  CompletableFuture<Void> write(Map<String, ?> values, WriteTrigger trigger) {
    return link.write(device, values, WRITE_DEADLINE, trigger);
  }

  /** Reads signals now, on the link thread ahead of polls (not waiting for the next poll). */
  CompletableFuture<Map<String, SignalValue>> read(Iterable<String> signals) {
    return link.read(device, signals, WRITE_DEADLINE);
  }

  /**
   * Reads signals at once, again and again (a short pause between reads, so polls of the link's
   * other devices go on), until the values satisfy the condition: a read-after-write that does not
   * wait for the next poll. Fails with Bad_Timeout naming what was awaited after the state
   * deadline.
   */
  CompletableFuture<Void> readUntil(
      List<String> signals, Predicate<Map<String, SignalValue>> condition, String what) {
    return readUntil(signals, condition, what, System.nanoTime() + STATE_DEADLINE.toNanos());
  }

  private CompletableFuture<Void> readUntil(
      List<String> signals,
      Predicate<Map<String, SignalValue>> condition,
      String what,
      long deadline) {
    return read(signals)
        .thenCompose(
            values -> {
              if (condition.test(values)) {
                return CompletableFuture.<Void>completedFuture(null);
              }
              if (System.nanoTime() > deadline) {
                return CompletableFuture.failedFuture(
                    new UaException(
                        StatusCodes.Bad_Timeout,
                        "axis %s: drive %s did not show %s within %d ms"
                            .formatted(axis, device, what, STATE_DEADLINE.toMillis())));
              }
              CompletableFuture<Void> next = new CompletableFuture<>();
              timers.schedule(
                  () -> {
                    readUntil(signals, condition, what, deadline)
                        .whenComplete(
                            (v, e) -> {
                              if (e == null) {
                                next.complete(null);
                              } else {
                                next.completeExceptionally(e);
                              }
                            });
                  },
                  REREAD_PAUSE_MICROS,
                  TimeUnit.MICROSECONDS);
              return next;
            });
  }

  /**
   * Takes a new snapshot (link thread): {@link #latest()} answers it from now on. Call {@link
   * #release} afterwards to complete the waits it satisfies.
   */
  void update(AxisSnapshot next) {
    latest = next;
  }

  /** Completes the waits the snapshot satisfies (link thread, after {@link #update}). */
  void release(AxisSnapshot next) {
    for (Waiter waiter : waiters) {
      if (waiter.condition.test(next)) {
        waiters.remove(waiter);
        waiter.future.complete(null);
      }
    }
  }

  /**
   * Waits until a poll read after this call shows the drive condition (and is Good). Writes go
   * ahead of polls on the link thread, so every poll delivered after this point was read after the
   * write that precedes the wait: the next matching poll decides.
   */
  CompletableFuture<Void> awaitDrive(Predicate<DriveStatus> condition, String what) {
    return await(
        s -> s.isOnline() && condition.test(s.drive()),
        STATE_DEADLINE,
        () ->
            new UaException(
                StatusCodes.Bad_Timeout,
                "axis %s: drive %s did not report %s within %d ms (status 0x%04X)"
                    .formatted(
                        axis,
                        device,
                        what,
                        STATE_DEADLINE.toMillis(),
                        latest.drive().statusBits())));
  }

  CompletableFuture<Void> await(
      Predicate<AxisSnapshot> condition, Duration bound, Supplier<UaException> onTimeout) {
    Waiter waiter = new Waiter(condition, new CompletableFuture<>());
    waiters.add(waiter);
    var timeout =
        timers.schedule(
            () -> {
              if (waiters.remove(waiter)) {
                waiter.future.completeExceptionally(onTimeout.get());
              }
            },
            bound.toMillis(),
            TimeUnit.MILLISECONDS);
    return waiter.future.whenComplete((v, e) -> timeout.cancel(false));
  }

  private record Waiter(Predicate<AxisSnapshot> condition, CompletableFuture<Void> future) {}
}
