package io.motionua.server.group;

import io.motionua.server.axis.AxisController;
import io.motionua.server.config.GroupSpec;
import io.motionua.server.group.GroupMotion.Phase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiConsumer;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an {@link AxisGroup}'s motions on the drives: starts each one ({@link PathStart}) under a
 * {@link MotionWatchdog}, stops axes, follows which axes took their final command, and when a
 * motion ends goes on to the safe pose or gives the members back.
 *
 * <p>Guarded by the group's lock ({@code lock}, the {@link AxisGroup}): methods marked "Holds the
 * lock" are called holding it; those called from link threads or the loop take it themselves.
 */
final class GroupExecution {

  // The group's lines keep one logger name, whichever of its parts writes them.
  private static final Logger logger = LoggerFactory.getLogger(AxisGroup.class);

  /** Fraction of each axis's velocity limit on the way to the safe pose ("slowly"). */
  static final double SAFE_POSE_VELOCITY_SCALE = 0.25;

  private final GroupSpec spec;
  private final List<AxisController> members;
  private final AxisLimits[] limits;
  private final String[] names;
  private final InterpolationLoop loop;
  private final GroupStatus status;
  private final Object lock;
  private final BiConsumer<GroupMotion, String> failPending;
  private final MotionWatchdog watchdog;
  private final PathStart paths;

  /** Members that failed during the current move; kept out of the way to the safe pose. */
  private final boolean[] failed;

  private GroupMotion motion;

  /** Completes when no motion runs (a reset waits for a fault reaction to end). */
  private CompletableFuture<Void> idle = CompletableFuture.completedFuture(null);

  /**
   * @param limits the group's limits in force (the group refreshes them in place)
   * @param loop the interpolation loop; null in drive-profiles mode
   * @param lock the group's lock
   * @param failPending fails the first axis of the motion that has not arrived, with a cause (a
   *     drive that did not take its part, a motion the watchdog finds stuck); takes the lock
   */
  GroupExecution(
      GroupSpec spec,
      List<AxisController> members,
      AxisLimits[] limits,
      String[] names,
      ScheduledExecutorService timers,
      InterpolationLoop loop,
      ProfileStart profiles,
      GroupStatus status,
      Object lock,
      BiConsumer<GroupMotion, String> failPending) {
    this.spec = spec;
    this.members = members;
    this.limits = limits;
    this.names = names;
    this.loop = loop;
    this.status = status;
    this.lock = lock;
    this.failPending = failPending;
    this.watchdog = new MotionWatchdog(timers, lock, () -> motion, failPending);
    this.paths =
        new PathStart(spec.name(), members, limits, loop, profiles, timers, lock, this::positions);
    this.failed = new boolean[members.size()];
  }

  /** The motion under way, or null. Holds the lock. */
  GroupMotion motion() {
    return motion;
  }

  /** Completes when no motion runs; a copy, so that a waiter's timeout leaves the group's alone. */
  CompletableFuture<Void> idle() {
    return idle.copy();
  }

  /** Reserves every member and starts the path from {@code from} on all of them. Holds the lock. */
  CompletableFuture<Void> begin(
      String command, double[] from, GroupPath path, ProfileRetiming retiming) throws UaException {
    double[] targets = new double[from.length];
    for (int i = 0; i < targets.length; i++) {
      targets[i] = path.target(i);
    }
    if (spec.coupled()) {
      String unequal = CoupledPairWatch.unequalTravel(from, targets, names, spec.pairTolerance());
      if (unequal != null) {
        throw new UaException(
            StatusCodes.Bad_InvalidArgument, "group " + spec.name() + ": " + unequal);
      }
    }
    GroupHome.reserve(spec.name(), members, AxisController::beginSynchronized);
    boolean[] all = new boolean[members.size()];
    Arrays.fill(all, true);
    Arrays.fill(failed, false);
    status.set(GroupState.GroupMoving);
    logger.info("group {}: {} over {} s", spec.name(), command, path.duration());
    GroupMotion m = new GroupMotion(command, Phase.MOVE, all, path, false);
    m.retiming = retiming;
    if (spec.coupled()) {
      m.pairs = new CoupledPairWatch(from, targets, spec.pairTolerance());
    }
    return start(m);
  }

  /** Sends every member (already reserved for homing) its Home. Holds the lock. */
  CompletableFuture<Void> home() {
    boolean[] all = new boolean[members.size()];
    Arrays.fill(all, true);
    Arrays.fill(failed, false);
    GroupMotion m = new GroupMotion("GroupHome", Phase.HOME, all, null, false);
    status.set(GroupState.GroupHoming);
    logger.info("group {}: GroupHome", spec.name());
    busy(m);
    watchdog.watch(m, GroupHome.SECONDS);
    return GroupHome.start(members, i -> arm(m, i))
        .whenComplete(
            (v, e) -> {
              if (e != null) {
                failPending.accept(m, "did not accept GroupHome: " + rootMessage(e));
              }
            });
  }

  /** Sends a motion to the drives in the group's mode ({@link PathStart}). Holds the lock. */
  private CompletableFuture<Void> start(GroupMotion m) {
    busy(m);
    watchdog.watch(m, m.path.duration());
    return paths
        .start(m, () -> motion == m, i -> arm(m, i), () -> armAll(m))
        .whenComplete(
            (v, e) -> {
              if (e != null) {
                failPending.accept(
                    m, "did not accept its part of " + m.command + ": " + rootMessage(e));
              }
            });
  }

  /** Decelerates the given axes to standstill. Holds the lock. */
  CompletableFuture<Void> stopAxes(String command, boolean[] axes, boolean thenSafePose) {
    CompletableFuture<Void> sent;
    GroupMotion m;
    // Homing drives are not in cyclic position mode: they halt themselves.
    if (loop != null && motion.phase != Phase.HOME) {
      StopPath path = loop.stopFromHere(AxisLimits.decelerations(limits));
      m = new GroupMotion(command, Phase.STOP, axes, path, thenSafePose);
      busy(m);
      loop.follow(path, axes, () -> armAll(m));
      sent = CompletableFuture.completedFuture(null);
    } else {
      m = new GroupMotion(command, Phase.STOP, axes, null, thenSafePose);
      busy(m);
      List<CompletableFuture<Void>> halts = new ArrayList<>();
      for (int i : AxisGroup.indices(axes)) {
        halts.add(
            members
                .get(i)
                .forGroup()
                .haltForGroup(limits[i].deceleration())
                .thenRun(
                    () -> {
                      logger.debug("group {}: {} halted", spec.name(), names[i]);
                      arm(m, i);
                    }));
      }
      sent = AxisGroup.allOf(halts);
    }
    double longest = 0;
    for (int i : AxisGroup.indices(axes)) {
      longest = Math.max(longest, limits[i].velocity() / limits[i].deceleration());
    }
    watchdog.watch(m, longest);
    return sent;
  }

  private void busy(GroupMotion m) {
    motion = m;
    if (idle.isDone()) {
      idle = new CompletableFuture<>();
    }
  }

  private void arm(GroupMotion m, int axis) {
    synchronized (lock) {
      if (motion == m) {
        m.armed[axis] = true;
      }
    }
  }

  private void armAll(GroupMotion m) {
    synchronized (lock) {
      if (motion == m) {
        Arrays.fill(m.armed, true);
      }
    }
  }

  /**
   * Axis {@code i} failed: it leaves the motion under way and stays out of the way to the safe
   * pose. Holds the lock.
   *
   * @param reachable the drive still takes commands (else the loop sends it no more setpoints)
   */
  void drop(int i, boolean reachable) {
    failed[i] = true;
    motion.drop(i);
    if (loop != null && !reachable) {
      loop.drop(i); // no setpoints to a faulted or unreachable drive
    }
  }

  /** Every axis taking part stands at the motion's end. Holds the lock. */
  void finished(GroupMotion m) {
    boolean[] healthy = m.axes.clone();
    for (int i = 0; i < healthy.length; i++) {
      healthy[i] &= !failed[i];
    }
    if (m.thenSafePose && !AxisGroup.indices(healthy).isEmpty()) {
      double[] from = positions();
      double[] pose = from.clone();
      for (int i : AxisGroup.indices(healthy)) {
        pose[i] = spec.safePose().get(i);
      }
      try {
        SynchronizedPlan plan =
            GroupPlanner.planSynchronized(from, pose, limits, names, SAFE_POSE_VELOCITY_SCALE);
        logger.info(
            "group {}: healthy axes go to the safe pose over {} s", spec.name(), plan.duration());
        start(
            new GroupMotion(
                "the way to the safe pose", Phase.SAFE_POSE, healthy, GroupPath.of(plan), false));
        return;
      } catch (PlanException e) {
        status.append("; the safe pose cannot be reached: " + e.getMessage());
      }
    }
    motion = null;
    if (loop != null) {
      loop.cancel();
    }
    members.forEach(AxisController::endSynchronized);
    GroupState next = status.errored() ? GroupState.GroupErrorStop : GroupState.GroupStandby;
    logger.info("group {}: {} done, {}", spec.name(), m.command, next);
    // The members were given back; the next polls show them free.
    status.settle(next);
    // Last: a waiting GroupReset runs its next step right here, on this thread.
    idle.complete(null);
  }

  /** The members' positions at their last polls. */
  double[] positions() {
    double[] p = new double[members.size()];
    for (int i = 0; i < p.length; i++) {
      p[i] = members.get(i).snapshot().position();
    }
    return p;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t instanceof CompletionException) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
