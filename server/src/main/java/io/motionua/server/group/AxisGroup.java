package io.motionua.server.group;

import io.motionua.server.axis.AxisController;
import io.motionua.server.axis.AxisSnapshot;
import io.motionua.server.axis.AxisState;
import io.motionua.server.axis.Cia402;
import io.motionua.server.config.GroupSpec;
import io.motionua.server.config.LimitsSpec;
import io.motionua.server.group.GroupMotion.Phase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An axis group at run time (PLCopen Part 4): its state, its commands, and its watch over the
 * members. A move is planned once, then executed either as drive-side profiles started on every
 * link together ({@link ProfileStart}) or as setpoints streamed by the {@link InterpolationLoop},
 * and follows the machine's SpeedOverride while it runs ({@link ProfileOverride}, {@link
 * PathClock}). If a member faults, loses its drive or exceeds the following-error limit during a
 * move or a homing, the others react at once as configured and the group goes to GroupErrorStop.
 *
 * <p>Thread-safe: commands come from Milo's pool, polls from the link threads, cycles from the
 * loop; all group state is guarded by this object, and nothing waits while holding it.
 */
public final class AxisGroup implements AutoCloseable {

  private static final Logger logger = LoggerFactory.getLogger(AxisGroup.class);

  /** Fraction of each axis's velocity limit on the way to the safe pose ("slowly"). */
  static final double SAFE_POSE_VELOCITY_SCALE = 0.25;

  /** Slack beyond a motion's planned duration before the group calls an axis stuck. */
  static final long WATCHDOG_SLACK_MS = 2000;

  /** Longest a GroupReset waits for the fault reaction to end. */
  static final long RESET_WAIT_MS = 6000;

  private final GroupSpec spec;
  private final List<AxisController> members;
  private final AxisLimits[] limits;
  private final String[] names;

  /** Members that failed during the current move; kept out of the way to the safe pose. */
  private final boolean[] failed;

  private final ScheduledExecutorService timers;
  private final InterpolationLoop loop;
  private final ProfileStart profiles;
  private final MotionWatchdog watchdog;
  private final List<Consumer<AxisGroup>> listeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<GroupFault>> faultListeners = new CopyOnWriteArrayList<>();

  private GroupState state = GroupState.GroupDisabled;
  private String lastError = "";
  private boolean errored;
  private GroupMotion motion;

  /** Completes when no motion runs (a reset waits for a fault reaction to end). */
  private CompletableFuture<Void> idle = CompletableFuture.completedFuture(null);

  /** The motion ended and the members were given back; the next polls show them free. */
  private GroupState afterRelease;

  public AxisGroup(GroupSpec spec, List<AxisController> members, ScheduledExecutorService timers) {
    this.spec = spec;
    this.members = List.copyOf(members);
    this.timers = timers;
    int n = members.size();
    this.limits = new AxisLimits[n];
    this.names = new String[n];
    this.failed = new boolean[n];
    for (int i = 0; i < n; i++) {
      AxisController m = members.get(i);
      names[i] = m.name();
      int index = i;
      m.addObserver(s -> onSnapshot(index, s));
    }
    this.loop =
        spec.isInterpolated()
            ? new InterpolationLoop(
                spec.name(), this.members, spec.cycleMs(), spec.realtimePriority())
            : null;
    this.profiles = new ProfileStart(this.members);
    this.watchdog = new MotionWatchdog(timers, this, () -> motion, this::failFirstPending);
    refreshLimits();
    if (!this.members.isEmpty()) {
      // One override for the machine: every member hears the same write, the first suffices.
      this.members.get(0).addSpeedOverrideListener(this::onOverride);
    }
  }

  /**
   * The machine's SpeedOverride as a fraction, for a group move about to start; 0 (all motion held)
   * refuses the move. A running move follows later changes ({@link #onOverride}).
   */
  private double override() throws UaException {
    double percent = members.get(0).speedOverride();
    if (!(percent > 0)) {
      throw new UaException(
          StatusCodes.Bad_InvalidState,
          "group %s: SpeedOverride is %s %%, no move may start".formatted(spec.name(), percent));
    }
    return percent / 100;
  }

  /** Takes the limits in force (an engineer may have narrowed the software limits). */
  private synchronized void refreshLimits() {
    for (int i = 0; i < limits.length; i++) {
      LimitsSpec l = members.get(i).limits();
      limits[i] =
          AxisLimits.trapezoidal(
              l.velocity(), l.acceleration(), l.deceleration(), l.min(), l.max());
    }
  }

  public String name() {
    return spec.name();
  }

  public GroupSpec spec() {
    return spec;
  }

  public List<AxisController> members() {
    return members;
  }

  public synchronized GroupState state() {
    return state;
  }

  /** Why the group last went to GroupErrorStop: the axis and the cause; empty before that. */
  public synchronized String lastError() {
    return lastError;
  }

  /** Listeners hear every change of state or last error; they must be quick. */
  public void addListener(Consumer<AxisGroup> listener) {
    listeners.add(listener);
  }

  /**
   * How late the interpolation loop's cycles started against their schedule, since start or the
   * last reset; null in drive-profiles mode (there is no loop).
   */
  public CycleLateness loopLateness() {
    return loop == null ? null : loop.lateness();
  }

  /** Whether the interpolation loop's thread runs at its configured real-time priority. */
  public boolean isLoopRealtime() {
    return loop != null && loop.isRealtime();
  }

  /**
   * Drive-profiles mode: the spread of the last start on the sending side, from the first to the
   * last link thread released to send its start write (before the network and the drives); -1
   * before the first start or in interpolated mode.
   */
  public long lastStartSpreadNanos() {
    return loop == null ? profiles.lastStartSpreadNanos() : -1;
  }

  /**
   * Fault listeners hear each member failure of a move, after the other axes were sent their
   * reaction; they run on the thread that saw the failure, holding the group's lock, so they must
   * be quick and must not call back into the group.
   */
  public void addFaultListener(Consumer<GroupFault> listener) {
    faultListeners.add(listener);
  }

  // ---- commands ----

  /** MC_GroupEnable: powers every member; GroupDisabled -> GroupStandby. */
  public CompletableFuture<Void> enable() {
    synchronized (this) {
      if (state != GroupState.GroupDisabled && state != GroupState.GroupStandby) {
        return refused("GroupEnable");
      }
    }
    return allOf(members.stream().map(m -> m.power(true)).toList())
        .thenRun(
            () -> {
              synchronized (this) {
                if (state == GroupState.GroupDisabled) {
                  settle(GroupState.GroupStandby);
                }
              }
            });
  }

  /** MC_GroupDisable: removes power from every member; refused while the group moves. */
  public CompletableFuture<Void> disable() {
    synchronized (this) {
      if (motion != null) {
        return refused("GroupDisable");
      }
    }
    return allOf(members.stream().map(m -> m.power(false)).toList())
        .thenRun(
            () -> {
              synchronized (this) {
                setState(GroupState.GroupDisabled);
              }
            });
  }

  /**
   * MoveSynchronized: every axis starts together and arrives together at {@code targets} (one per
   * member, in member order), at {@code velocityScale} of the slowest axis's velocity limit.
   * Completes when every drive accepted its part.
   */
  public CompletableFuture<Void> moveSynchronized(double[] targets, double velocityScale) {
    synchronized (this) {
      if (state != GroupState.GroupStandby) {
        return refused("MoveSynchronized");
      }
      try {
        double planned = plannedOverride();
        refreshLimits();
        double[] from = positions();
        SynchronizedPlan plan =
            GroupPlanner.planSynchronized(from, targets, limits, names, velocityScale * planned);
        return begin(
            "MoveSynchronized",
            from,
            GroupPath.of(plan),
            loop != null ? null : ProfileRetiming.ofSynchronized(plan, limits, velocityScale));
      } catch (PlanException e) {
        return CompletableFuture.failedFuture(planError(e));
      } catch (UaException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
  }

  /** MoveLinear (MC_MoveLinearAbsolute): a straight line in axis space to {@code targets}. */
  public CompletableFuture<Void> moveLinear(
      double[] targets, double velocity, double acceleration) {
    synchronized (this) {
      if (state != GroupState.GroupStandby) {
        return refused("MoveLinear");
      }
      try {
        double planned = plannedOverride();
        refreshLimits();
        double[] from = positions();
        LinearPlan plan =
            GroupPlanner.planLinear(from, targets, limits, names, velocity * planned, acceleration);
        return begin(
            "MoveLinear",
            from,
            GroupPath.of(plan, targets.clone()),
            loop != null ? null : ProfileRetiming.ofLinear(plan, from, targets, limits, velocity));
      } catch (PlanException e) {
        return CompletableFuture.failedFuture(planError(e));
      } catch (UaException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
  }

  /**
   * MC_GroupStop (and, with {@code halt}, MC_GroupHalt): every member decelerates to standstill
   * with its own deceleration; then GroupStandby.
   */
  public CompletableFuture<Void> stop(boolean halt) {
    synchronized (this) {
      if (state == GroupState.GroupDisabled) {
        return refused(halt ? "GroupHalt" : "GroupStop");
      }
      if (motion == null || (motion.phase != Phase.MOVE && motion.phase != Phase.HOME)) {
        return CompletableFuture.completedFuture(null);
      }
      boolean[] moving = motion.axes.clone();
      if (!halt && (state == GroupState.GroupMoving || state == GroupState.GroupHoming)) {
        setState(GroupState.GroupStopping);
      }
      return stopAxes(halt ? "GroupHalt" : "GroupStop", moving, false);
    }
  }

  /**
   * MC_GroupReset: leaves GroupErrorStop, resetting the members' faults. While the other axes are
   * still reacting (stopping, or on their way to the safe pose) it waits for them, at most {@link
   * #RESET_WAIT_MS}.
   */
  public CompletableFuture<Void> reset() {
    CompletableFuture<Void> reacting;
    synchronized (this) {
      if (state != GroupState.GroupErrorStop) {
        return CompletableFuture.completedFuture(null);
      }
      reacting = idle.copy();
    }
    return reacting
        .orTimeout(RESET_WAIT_MS, TimeUnit.MILLISECONDS)
        .thenCompose(
            v -> {
              synchronized (this) {
                // Released members show Standstill from their next poll; the reset decides.
                afterRelease = null;
              }
              return allOf(members.stream().map(AxisController::reset).toList());
            })
        .thenRun(
            () -> {
              synchronized (this) {
                errored = false;
                boolean powered =
                    members.stream()
                        .map(m -> m.snapshot().state())
                        .allMatch(
                            a -> a == AxisState.Standstill || a == AxisState.SynchronizedMotion);
                settle(powered ? GroupState.GroupStandby : GroupState.GroupDisabled);
              }
            });
  }

  /**
   * MC_GroupHome: homes every member at once, each with its own Home (GroupStandby -> GroupHoming
   * -> GroupStandby once every member is homed). Meanwhile the members refuse single-axis commands;
   * a member that faults stops the others and the group goes to GroupErrorStop.
   */
  public CompletableFuture<Void> home() {
    synchronized (this) {
      if (state != GroupState.GroupStandby) {
        return refused("GroupHome");
      }
      try {
        GroupHome.reserve(spec.name(), members);
      } catch (UaException e) {
        return CompletableFuture.failedFuture(e);
      }
      boolean[] all = new boolean[members.size()];
      Arrays.fill(all, true);
      Arrays.fill(failed, false);
      GroupMotion m = new GroupMotion("GroupHome", Phase.HOME, all, null, false);
      setState(GroupState.GroupHoming);
      logger.info("group {}: GroupHome", spec.name());
      busy(m);
      watchdog.watch(m, GroupHome.SECONDS);
      return GroupHome.start(members, i -> arm(m, i))
          .whenComplete(
              (v, e) -> {
                if (e != null) {
                  failFirstPending(m, "did not accept GroupHome: " + rootMessage(e));
                }
              });
    }
  }

  /** The machine's SpeedOverride changed (an operator's write): a running move follows it. */
  private synchronized void onOverride(double percent) {
    GroupMotion m = motion;
    if (m != null && m.phase == Phase.MOVE && m.follower != null) {
      logger.info("group {}: SpeedOverride {} % during {}", spec.name(), percent, m.command);
      m.follower.overrideChanged(percent / 100);
    }
  }

  /** The machine's SpeedOverride now, as a fraction. */
  private double overrideNow() {
    return members.get(0).speedOverride() / 100;
  }

  /**
   * The override a move is planned with: interpolated moves are planned at 100 % and time-scaled by
   * the override (PathClock), drive-side profiles are planned at it.
   */
  private double plannedOverride() throws UaException {
    double override = override();
    return loop != null ? 1 : override;
  }

  // ---- execution ----

  /** Reserves every member and starts the path from {@code from} on all of them. Holds the lock. */
  private CompletableFuture<Void> begin(
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
    List<AxisController> reserved = new ArrayList<>();
    try {
      for (AxisController m : members) {
        m.beginSynchronized();
        reserved.add(m);
      }
    } catch (UaException e) {
      reserved.forEach(AxisController::endSynchronized);
      throw new UaException(e.getStatusCode(), "group " + spec.name() + ": " + e.getMessage());
    }
    boolean[] all = new boolean[members.size()];
    Arrays.fill(all, true);
    Arrays.fill(failed, false);
    setState(GroupState.GroupMoving);
    logger.info("group {}: {} over {} s", spec.name(), command, path.duration());
    GroupMotion m = new GroupMotion(command, Phase.MOVE, all, path, false);
    m.retiming = retiming;
    if (spec.coupled()) {
      m.pairs = new CoupledPairWatch(from, targets, spec.pairTolerance());
    }
    return start(m);
  }

  /** Sends a motion to the drives in the group's mode. Holds the lock. */
  private CompletableFuture<Void> start(GroupMotion m) {
    busy(m);
    watchdog.watch(m, m.path.duration());
    CompletableFuture<Void> started;
    if (loop != null) {
      PathClock clock =
          m.phase == Phase.MOVE
              ? new PathClock(
                  m.path,
                  AxisLimits.accelerations(limits),
                  AxisLimits.decelerations(limits),
                  overrideNow())
              : null;
      m.follower = clock;
      loop.hold(positions());
      started =
          allOf(
                  indices(m.axes).stream()
                      .map(
                          i ->
                              members
                                  .get(i)
                                  .enterCyclicPosition(members.get(i).snapshot().position()))
                      .toList())
              .thenRun(
                  () -> {
                    synchronized (this) {
                      if (motion == m) {
                        loop.follow(m.path, m.axes, clock, () -> armAll(m));
                      }
                    }
                  });
    } else {
      ProfileOverride follower =
          m.retiming == null
              ? null
              : new ProfileOverride(
                  spec.name(),
                  m.retiming,
                  members,
                  profiles,
                  this,
                  () -> motion == m,
                  timers,
                  overrideNow());
      m.follower = follower;
      started =
          profiles.start(
              m,
              () -> motion == m,
              this,
              i -> arm(m, i),
              follower == null ? t -> {} : follower::startedAt);
      if (follower != null) {
        follower.starting(started);
      }
    }
    return started.whenComplete(
        (v, e) -> {
          if (e != null) {
            failFirstPending(m, "did not accept its part of " + m.command + ": " + rootMessage(e));
          }
        });
  }

  /** Decelerates the given axes to standstill. Holds the lock. */
  private CompletableFuture<Void> stopAxes(String command, boolean[] axes, boolean thenSafePose) {
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
      for (int i : indices(axes)) {
        halts.add(
            members
                .get(i)
                .haltForGroup(limits[i].deceleration())
                .thenRun(
                    () -> {
                      logger.debug("group {}: {} halted", spec.name(), names[i]);
                      arm(m, i);
                    }));
      }
      sent = allOf(halts);
    }
    double longest = 0;
    for (int i : indices(axes)) {
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

  private synchronized void arm(GroupMotion m, int axis) {
    if (motion == m) {
      m.armed[axis] = true;
    }
  }

  private synchronized void armAll(GroupMotion m) {
    if (motion == m) {
      Arrays.fill(m.armed, true);
    }
  }

  // ---- the watch over the members (link threads) ----

  private synchronized void onSnapshot(int i, AxisSnapshot s) {
    if (afterRelease != null) {
      released();
    }
    GroupMotion m = motion;
    if (m == null || !m.axes[i]) {
      return;
    }
    if (s.state() == AxisState.ErrorStop || s.state() == AxisState.Disabled) {
      fail(i, s.isOnline() ? faultText(s) : "communication lost (" + s.status() + ")", false);
      return;
    }
    if (m.phase != Phase.STOP
        && s.isOnline()
        && Math.abs(s.followingError()) > spec.followingErrorLimit()) {
      fail(
          i,
          "following error %s %s exceeds the limit %s"
              .formatted(
                  s.followingError(), members.get(i).units().unit(), spec.followingErrorLimit()),
          true);
      return;
    }
    if (m.phase == Phase.MOVE && m.pairs != null && s.isOnline()) {
      CoupledPairWatch.Divergence d = m.pairs.sample(i, s.position(), s.speed(), s.sourceTime());
      if (d != null) {
        fail(
            d.lagging(),
            "lags %s by %.3f %s, beyond the pair tolerance %s"
                .formatted(
                    names[d.leading()],
                    d.difference(),
                    members.get(i).units().unit(),
                    spec.pairTolerance()),
            true);
        return;
      }
    }
    if (m.phase == Phase.HOME) {
      if (m.armed[i] && !m.arrived[i] && GroupHome.homed(s)) {
        arrived(m, i);
      }
      return;
    }
    if (!m.armed[i] || m.arrived[i] || !standing(s)) {
      return;
    }
    if (m.phase != Phase.STOP && Math.abs(s.position() - m.path.target(i)) > tolerance(i)) {
      return;
    }
    arrived(m, i);
  }

  private void arrived(GroupMotion m, int i) {
    m.arrived[i] = true;
    if (m.done()) {
      finished(m);
    }
  }

  private static String faultText(AxisSnapshot s) {
    return Cia402.isFault(s.statusword())
        ? "drive fault 0x%04X".formatted(s.errorCode())
        : "drive not powered (statusword 0x%04X)".formatted(s.statusword());
  }

  private static boolean standing(AxisSnapshot s) {
    return s.isOnline() && (s.statusword() & Cia402.SW_TARGET_REACHED) != 0 && s.speed() == 0;
  }

  /** Two drive increments: the rounding of a target to the drive's resolution and back. */
  private double tolerance(int i) {
    return 2 / members.get(i).units().incrementsPerUnit() + 1e-9;
  }

  private void failFirstPending(GroupMotion m, String cause) {
    synchronized (this) {
      int i = m.firstPending();
      if (motion == m && i >= 0) {
        fail(i, cause, true);
      }
    }
  }

  /**
   * A member failed: the group goes to GroupErrorStop and the others react as configured.
   *
   * @param reachable the failed axis still takes commands (following error, a late finish): it is
   *     stopped with the others, but kept out of the way to the safe pose
   */
  private void fail(int i, String cause, boolean reachable) {
    GroupMotion m = motion;
    failed[i] = true;
    m.drop(i);
    if (loop != null && !reachable) {
      loop.drop(i); // no setpoints to a faulted or unreachable drive
    }
    boolean[] toStop = m.axes.clone();
    toStop[i] = reachable;
    String text = "axis " + names[i] + ": " + cause + " during " + m.command;
    boolean first = !errored;
    errored = true;
    if (first) {
      lastError = "group " + spec.name() + ": " + text;
    } else {
      lastError = lastError + "; then " + text;
    }
    // A failure during a stop changes nothing: that stop (and a safe pose after it) goes on.
    String reaction =
        switch (m.phase) {
          case MOVE -> spec.faultReaction();
          case STOP -> m.thenSafePose ? GroupSpec.SAFE_POSE : GroupSpec.STOP;
          case SAFE_POSE, HOME -> GroupSpec.STOP;
        };
    logger.warn("group {}: {}; fault reaction {}", spec.name(), text, reaction);
    setState(GroupState.GroupErrorStop);
    if (m.phase == Phase.SAFE_POSE) {
      stopAxes("stop on the way to the safe pose", toStop, false);
    } else if (m.phase == Phase.HOME) {
      stopAxes("stop homing", toStop, false);
    } else if (m.phase == Phase.MOVE && !spec.faultReaction().equals(GroupSpec.CONTINUE)) {
      stopAxes(
          "fault reaction " + spec.faultReaction(),
          toStop,
          spec.faultReaction().equals(GroupSpec.SAFE_POSE));
    } else if (m.done()) {
      finished(m);
    }
    GroupFault fault =
        new GroupFault(
            spec.name(),
            i,
            names[i],
            cause,
            m.command,
            reaction,
            "group " + spec.name() + ": " + text);
    for (Consumer<GroupFault> listener : faultListeners) {
      try {
        listener.accept(fault);
      } catch (RuntimeException e) {
        logger.warn("group {}: fault listener failed", spec.name(), e);
      }
    }
  }

  /** Every axis taking part stands at the motion's end. Holds the lock. */
  private void finished(GroupMotion m) {
    boolean[] healthy = m.axes.clone();
    for (int i = 0; i < healthy.length; i++) {
      healthy[i] &= !failed[i];
    }
    if (m.thenSafePose && !indices(healthy).isEmpty()) {
      double[] from = positions();
      double[] pose = from.clone();
      for (int i : indices(healthy)) {
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
        lastError = lastError + "; the safe pose cannot be reached: " + e.getMessage();
      }
    }
    motion = null;
    if (loop != null) {
      loop.cancel();
    }
    members.forEach(AxisController::endSynchronized);
    afterRelease = errored ? GroupState.GroupErrorStop : GroupState.GroupStandby;
    logger.info("group {}: {} done, {}", spec.name(), m.command, afterRelease);
    released();
    // Last: a waiting GroupReset runs its next step right here, on this thread.
    idle.complete(null);
  }

  /**
   * Goes to {@code next} once the members' polls agree (GroupStandby: every member in Standstill,
   * which the axis shows from its first poll after a power-up or reset). Holds the lock.
   */
  private void settle(GroupState next) {
    afterRelease = next;
    released();
  }

  /**
   * Shows the state after a motion once every member's poll shows it out of SynchronizedMotion, so
   * that a client seeing GroupStandby may command at once. Holds the lock.
   */
  private void released() {
    for (AxisController member : members) {
      AxisState a = member.snapshot().state();
      if (a == AxisState.SynchronizedMotion
          || (afterRelease == GroupState.GroupStandby && a != AxisState.Standstill)) {
        return;
      }
    }
    GroupState next = afterRelease;
    afterRelease = null;
    setState(next);
  }

  // ---- helpers ----

  private double[] positions() {
    double[] p = new double[members.size()];
    for (int i = 0; i < p.length; i++) {
      p[i] = members.get(i).snapshot().position();
    }
    return p;
  }

  private void setState(GroupState next) {
    state = next;
    for (Consumer<AxisGroup> listener : listeners) {
      try {
        listener.accept(this);
      } catch (RuntimeException e) {
        logger.warn("group {}: listener failed", spec.name(), e);
      }
    }
  }

  private <T> CompletableFuture<T> refused(String command) {
    return CompletableFuture.failedFuture(
        new UaException(
            StatusCodes.Bad_InvalidState,
            "group %s is %s: %s is not allowed%s"
                .formatted(
                    spec.name(),
                    state,
                    command,
                    state == GroupState.GroupErrorStop
                        ? " (" + lastError + "; GroupReset first)"
                        : "")));
  }

  private UaException planError(PlanException e) {
    long code =
        e.reason() == PlanException.Reason.OUTSIDE_SOFTWARE_LIMITS
            ? StatusCodes.Bad_OutOfRange
            : StatusCodes.Bad_InvalidArgument;
    return new UaException(code, "group " + spec.name() + ": " + e.getMessage());
  }

  static List<Integer> indices(boolean[] mask) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < mask.length; i++) {
      if (mask[i]) {
        out.add(i);
      }
    }
    return out;
  }

  static CompletableFuture<Void> allOf(List<CompletableFuture<Void>> futures) {
    return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t instanceof java.util.concurrent.CompletionException) {
      t = t.getCause();
    }
    return t.getMessage();
  }

  @Override
  public void close() throws InterruptedException {
    if (loop != null) {
      loop.close();
    }
  }
}
