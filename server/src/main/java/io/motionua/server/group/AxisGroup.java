package io.motionua.server.group;

import io.motionua.server.axis.AxisController;
import io.motionua.server.axis.ModuloRange;
import io.motionua.server.config.GroupSpec;
import io.motionua.server.config.LimitsSpec;
import io.motionua.server.group.GroupMotion.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;

/**
 * An axis group at run time (PLCopen Part 4): its state, its commands, and its watch over the
 * members. A move is planned once, then executed either as drive-side profiles started on every
 * link together ({@link ProfileStart}) or as setpoints streamed by the {@link InterpolationLoop},
 * and follows the machine's SpeedOverride while it runs ({@link ProfileOverride}, {@link
 * PathClock}). If a member faults, loses its drive or exceeds the following-error limit during a
 * move or a homing, the others react at once as configured and the group goes to GroupErrorStop.
 *
 * <p>Its parts: {@link GroupStatus} (state, LastError), {@link GroupExecution} (the motions on the
 * drives), {@link MemberWatch} (the members' polls), {@link FaultReaction} (a member's failure) and
 * {@link GroupSpeedOverride}.
 *
 * <p>Thread-safe: commands come from Milo's pool, polls from the link threads, cycles from the
 * loop; all group state, in this object and in its parts, is guarded by this object, and nothing
 * waits while holding it.
 */
public final class AxisGroup implements AutoCloseable {

  /** Slack beyond a motion's planned duration before the group calls an axis stuck. */
  static final long WATCHDOG_SLACK_MS = 2000;

  /** Longest a GroupReset waits for the fault reaction to end. */
  static final long RESET_WAIT_MS = 6000;

  private final GroupSpec spec;
  private final List<AxisController> members;
  private final AxisLimits[] limits;
  private final String[] names;
  private final InterpolationLoop loop;
  private final ProfileStart profiles;
  private final GroupStatus status;
  private final GroupExecution execution;
  private final FaultReaction faults;
  private final GroupSpeedOverride speedOverride;

  public AxisGroup(GroupSpec spec, List<AxisController> members, ScheduledExecutorService timers) {
    this.spec = spec;
    this.members = List.copyOf(members);
    if (spec.isInterpolated()) {
      for (AxisController axis : this.members) {
        if (!axis.hasCyclicPosition()) {
          throw new IllegalArgumentException(
              "group %s is interpolated, but axis %s's drive (%s scheme) has no cyclic position"
                      .formatted(spec.name(), axis.name(), axis.schemeName())
                  + " mode: use mode drive-profiles for this group");
        }
      }
    }
    this.limits = new AxisLimits[this.members.size()];
    this.names = this.members.stream().map(AxisController::name).toArray(String[]::new);
    this.loop =
        spec.isInterpolated()
            ? new InterpolationLoop(
                spec.name(), this.members, spec.cycleMs(), spec.realtimePriority())
            : null;
    this.profiles = new ProfileStart(this.members);
    // The parts take this group as their lock.
    this.status = new GroupStatus(this, spec.name(), this.members);
    this.execution =
        new GroupExecution(
            spec,
            this.members,
            limits,
            names,
            timers,
            loop,
            profiles,
            status,
            this,
            this::failFirstPending);
    this.faults = new FaultReaction(spec, names, execution, status, this);
    this.speedOverride =
        new GroupSpeedOverride(spec.name(), this.members, loop != null, execution, this);
    new MemberWatch(spec, this.members, names, status, execution, faults, this).observe();
    refreshLimits();
    if (!this.members.isEmpty()) {
      // One override for the machine: every member hears the same write, the first suffices.
      this.members.get(0).addSpeedOverrideListener(speedOverride::changed);
    }
  }

  /** Takes the limits in force (an engineer may have narrowed the software limits). */
  private synchronized void refreshLimits() {
    for (int i = 0; i < limits.length; i++) {
      AxisController member = members.get(i);
      LimitsSpec l = member.limits();
      // An endless member has no travel limits: its targets go round (continuousTargets).
      boolean endless = member.modulo().isPresent();
      limits[i] =
          AxisLimits.trapezoidal(
              l.velocity(),
              l.acceleration(),
              l.deceleration(),
              endless ? -Double.MAX_VALUE : l.min(),
              endless ? Double.MAX_VALUE : l.max());
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
    return status.state();
  }

  /** Why the group last went to GroupErrorStop: the axis and the cause; empty before that. */
  public synchronized String lastError() {
    return status.lastError();
  }

  /** Listeners hear every change of state or last error; they must be quick. */
  public void addListener(Consumer<AxisGroup> listener) {
    status.addListener(listener);
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
    faults.addListener(listener);
  }

  // ---- commands ----

  /** MC_GroupEnable: powers every member; GroupDisabled -> GroupStandby. */
  public CompletableFuture<Void> enable() {
    synchronized (this) {
      GroupState state = status.state();
      if (state != GroupState.GroupDisabled && state != GroupState.GroupStandby) {
        return status.refused("GroupEnable");
      }
    }
    return allOf(members.stream().map(m -> m.power(true)).toList())
        .thenRun(
            () -> {
              synchronized (this) {
                if (status.state() == GroupState.GroupDisabled) {
                  status.settle(GroupState.GroupStandby);
                }
              }
            });
  }

  /** MC_GroupDisable: removes power from every member; refused while the group moves. */
  public CompletableFuture<Void> disable() {
    synchronized (this) {
      if (execution.motion() != null) {
        return status.refused("GroupDisable");
      }
    }
    return allOf(members.stream().map(m -> m.power(false)).toList())
        .thenRun(
            () -> {
              synchronized (this) {
                status.set(GroupState.GroupDisabled);
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
      if (status.state() != GroupState.GroupStandby) {
        return status.refused("MoveSynchronized");
      }
      try {
        double planned = speedOverride.planned();
        refreshLimits();
        double[] from = execution.positions();
        double[] to = continuousTargets(targets);
        SynchronizedPlan plan =
            GroupPlanner.planSynchronized(from, to, limits, names, velocityScale * planned);
        return execution.begin(
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

  /**
   * The targets as continuous positions: an endless member's target (in its range) becomes the
   * position its ModuloDirection reaches; a target outside that range is refused.
   */
  private double[] continuousTargets(double[] targets) throws UaException {
    double[] to = targets.clone();
    for (int i = 0; i < to.length && i < members.size(); i++) {
      AxisController member = members.get(i);
      if (member.modulo().isPresent()) {
        ModuloRange range = member.modulo().get();
        if (!(to[i] >= range.min() && to[i] <= range.max())) {
          throw new UaException(
              StatusCodes.Bad_OutOfRange,
              "group %s: target %s of endless axis %s is outside its range [%s, %s)"
                  .formatted(spec.name(), to[i], member.name(), range.min(), range.max()));
        }
        to[i] = member.continuousTarget(to[i]);
      }
    }
    return to;
  }

  /** MoveLinear (MC_MoveLinearAbsolute): a straight line in axis space to {@code targets}. */
  public CompletableFuture<Void> moveLinear(
      double[] targets, double velocity, double acceleration) {
    synchronized (this) {
      if (status.state() != GroupState.GroupStandby) {
        return status.refused("MoveLinear");
      }
      try {
        double planned = speedOverride.planned();
        refreshLimits();
        double[] from = execution.positions();
        double[] to = continuousTargets(targets);
        LinearPlan plan =
            GroupPlanner.planLinear(from, to, limits, names, velocity * planned, acceleration);
        return execution.begin(
            "MoveLinear",
            from,
            GroupPath.of(plan, to.clone()),
            loop != null ? null : ProfileRetiming.ofLinear(plan, from, to, limits, velocity));
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
      GroupState state = status.state();
      if (state == GroupState.GroupDisabled) {
        return status.refused(halt ? "GroupHalt" : "GroupStop");
      }
      GroupMotion motion = execution.motion();
      if (motion == null || (motion.phase != Phase.MOVE && motion.phase != Phase.HOME)) {
        return CompletableFuture.completedFuture(null);
      }
      boolean[] moving = motion.axes.clone();
      if (!halt && (state == GroupState.GroupMoving || state == GroupState.GroupHoming)) {
        status.set(GroupState.GroupStopping);
      }
      return execution.stopAxes(halt ? "GroupHalt" : "GroupStop", moving, false);
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
      if (status.state() != GroupState.GroupErrorStop) {
        return CompletableFuture.completedFuture(null);
      }
      reacting = execution.idle();
    }
    return reacting
        .orTimeout(RESET_WAIT_MS, TimeUnit.MILLISECONDS)
        .thenCompose(
            v -> {
              synchronized (this) {
                status.resetting();
              }
              return allOf(members.stream().map(AxisController::reset).toList());
            })
        .thenRun(
            () -> {
              synchronized (this) {
                status.reset();
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
      if (status.state() != GroupState.GroupStandby) {
        return status.refused("GroupHome");
      }
      try {
        GroupHome.reserve(spec.name(), members, AxisController::beginGroupHoming);
      } catch (UaException e) {
        return CompletableFuture.failedFuture(e);
      }
      return execution.home();
    }
  }

  /** The execution's way to the fault reaction (made after it): a refused part, a stuck motion. */
  private void failFirstPending(GroupMotion m, String cause) {
    faults.failFirstPending(m, cause);
  }

  // ---- helpers ----

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

  @Override
  public void close() throws InterruptedException {
    if (loop != null) {
      loop.close();
    }
  }
}
