package io.motionua.server.group;

import io.motionua.server.axis.AxisController;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SpeedOverride during a drive-profiles group move. A change re-plans the remaining motion
 * ({@link ProfileRetiming}) for an instant {@link #LEAD_NANOS} ahead, loads every moving drive's
 * new profile on all links, and at that instant gives every drive a new set-point with "change set
 * immediately" (CiA 402 controlword bit 5), submitted on every link at once as {@link ProfileStart}
 * starts a move: each drive re-plans its trapezoid from where it is, so the drives still arrive
 * together (synchronized move) or stay on the line (linear move). An override of 0 halts the moving
 * drives with their profiles' deceleration (a linear move's axes brake in proportion, on the line);
 * the group stays GroupMoving, and raising the override re-plans from there. One change is sent at
 * a time; changes that arrive meanwhile are folded into the next. Guarded by the group's lock.
 */
final class ProfileOverride implements OverrideFollower {

  private static final Logger logger = LoggerFactory.getLogger(ProfileOverride.class);

  /**
   * How far ahead a re-plan is planned: time for loading the new profiles on every link, so that
   * the set-points go out at the instant the re-plan assumed.
   */
  static final long LEAD_NANOS = 50_000_000;

  private final String group;
  private final ProfileRetiming model;
  private final List<AxisController> members;
  private final ProfileStart starts;
  private final Object lock;
  private final BooleanSupplier current;
  private final ScheduledExecutorService timers;

  private double wanted;
  private double applied;
  private boolean held;
  private boolean queued;

  /** The last sequence sent to the drives; the next change waits for it. */
  private CompletableFuture<Void> ready = CompletableFuture.completedFuture(null);

  /**
   * @param current whether the move is still the group's (under {@code lock})
   * @param fraction the override the move was planned with
   */
  ProfileOverride(
      String group,
      ProfileRetiming model,
      List<AxisController> members,
      ProfileStart starts,
      Object lock,
      BooleanSupplier current,
      ScheduledExecutorService timers,
      double fraction) {
    this.group = group;
    this.model = model;
    this.members = members;
    this.starts = starts;
    this.lock = lock;
    this.current = current;
    this.timers = timers;
    this.wanted = fraction;
    this.applied = fraction;
  }

  /** The move's start: changes wait until every drive took it. */
  void starting(CompletableFuture<Void> started) {
    ready = started.handle((v, e) -> null);
  }

  /** The start writes went out at {@code nanos}. */
  void startedAt(long nanos) {
    model.startedAt(nanos);
  }

  @Override
  public void overrideChanged(double fraction) {
    wanted = fraction;
    if (!queued) {
      queued = true;
      ready.whenComplete((v, e) -> timers.execute(this::next));
    }
  }

  @Override
  public long expectedEndNanos() {
    return held ? Long.MAX_VALUE : model.expectedEndNanos();
  }

  private void next() {
    synchronized (lock) {
      queued = false;
      double fraction = wanted;
      if (!current.getAsBoolean() || fraction == applied) {
        return;
      }
      CompletableFuture<Void> sent = fraction == 0 ? hold() : change(fraction);
      if (sent != null) {
        applied = fraction;
        ready = sent.handle((v, e) -> null);
      }
    }
  }

  /** Halts every moving drive where it is, with its profile's deceleration. */
  private CompletableFuture<Void> hold() {
    boolean[] lanes = model.hold(System.nanoTime());
    List<CompletableFuture<Void>> halts = new ArrayList<>();
    for (int i = 0; i < members.size(); i++) {
      int lane = model.laneOf(i);
      if (lane >= 0 && lanes[lane]) {
        halts.add(members.get(i).forGroup().haltForGroup(model.deceleration(i)));
      }
    }
    held = true;
    logger.info("group {}: SpeedOverride 0 %: the group holds", group);
    return AxisGroup.allOf(halts);
  }

  /** Re-plans from the instant {@link #LEAD_NANOS} ahead and sends the set-points then. */
  private CompletableFuture<Void> change(double fraction) {
    long at = System.nanoTime() + LEAD_NANOS;
    ProfileRetiming.Replan replan = model.replan(fraction, at);
    if (replan == null) {
      logger.info(
          "group {}: SpeedOverride {} % not applied: the move is braking to its end",
          group, fraction * 100);
      return null;
    }
    List<Integer> axes = new ArrayList<>();
    for (int i = 0; i < members.size(); i++) {
      int lane = model.laneOf(i);
      if (lane >= 0 && replan.moving()[lane]) {
        axes.add(i);
      }
    }
    boolean halted = held;
    held = false;
    logger.info(
        "group {}: SpeedOverride {} %: {} s left, re-planned on {} drives",
        group, fraction * 100, replan.seconds(), axes.size());
    return starts.start(
        axes,
        i -> {
          double[] p = model.profile(i, replan.lanes()[model.laneOf(i)]);
          return members
              .get(i)
              .forGroup()
              .prepareProfileChange(model.target(i), p[0], p[1], p[2], halted);
        },
        () -> at(at),
        current,
        lock,
        i -> {},
        nanos -> {
          model.commit(replan);
          if (nanos - at > 5_000_000) {
            logger.debug("group {}: re-plan sent {} ms late", group, (nanos - at) / 1e6);
          }
        });
  }

  private CompletableFuture<Void> at(long nanos) {
    long delay = nanos - System.nanoTime();
    CompletableFuture<Void> due = new CompletableFuture<>();
    if (delay <= 0) {
      due.complete(null);
    } else {
      timers.schedule(() -> due.complete(null), delay, TimeUnit.NANOSECONDS);
    }
    return due;
  }
}
