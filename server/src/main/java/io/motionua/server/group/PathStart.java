package io.motionua.server.group;

import io.motionua.server.axis.AxisController;
import io.motionua.server.group.GroupMotion.Phase;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Sends a group motion's path to its drives in the group's mode. Interpolated: the drives enter
 * cyclic position mode where they stand and the {@link InterpolationLoop} streams setpoints along
 * the path, a move's time following the SpeedOverride ({@link PathClock}). Drive-profiles: every
 * drive gets its profile and they start together ({@link ProfileStart}), a move re-planned when the
 * SpeedOverride changes ({@link ProfileOverride}).
 */
final class PathStart {

  private final String group;
  private final List<AxisController> members;
  private final AxisLimits[] limits;
  private final InterpolationLoop loop;
  private final ProfileStart profiles;
  private final ScheduledExecutorService timers;
  private final Object lock;
  private final Supplier<double[]> positions;

  /**
   * @param limits the group's limits in force
   * @param loop the interpolation loop; null in drive-profiles mode
   * @param lock the group's lock
   * @param positions the members' positions at their last polls
   */
  PathStart(
      String group,
      List<AxisController> members,
      AxisLimits[] limits,
      InterpolationLoop loop,
      ProfileStart profiles,
      ScheduledExecutorService timers,
      Object lock,
      Supplier<double[]> positions) {
    this.group = group;
    this.members = members;
    this.limits = limits;
    this.loop = loop;
    this.profiles = profiles;
    this.timers = timers;
    this.lock = lock;
    this.positions = positions;
  }

  /**
   * Sends {@code m}'s path to its axes and sets its {@link GroupMotion#follower}. Holds the lock.
   *
   * @param current whether {@code m} is still the group's motion (asked under the lock)
   * @param armed called once axis i's drive took its start (drive-profiles; on its link thread)
   * @param allArmed called once every drive took the path's last setpoint (interpolated; outside
   *     the loop's lock, so it may take the group's)
   * @return completes when every drive accepted its part
   */
  CompletableFuture<Void> start(
      GroupMotion m, BooleanSupplier current, IntConsumer armed, Runnable allArmed) {
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
      loop.hold(positions.get());
      return AxisGroup.allOf(
              AxisGroup.indices(m.axes).stream()
                  .map(
                      i ->
                          members
                              .get(i)
                              .forGroup()
                              .enterCyclicPosition(members.get(i).snapshot().position()))
                  .toList())
          .thenRun(
              () -> {
                synchronized (lock) {
                  if (current.getAsBoolean()) {
                    loop.follow(m.path, m.axes, clock, allArmed);
                  }
                }
              });
    }
    ProfileOverride follower =
        m.retiming == null
            ? null
            : new ProfileOverride(
                group, m.retiming, members, profiles, lock, current, timers, overrideNow());
    m.follower = follower;
    CompletableFuture<Void> started =
        profiles.start(m, current, lock, armed, follower == null ? t -> {} : follower::startedAt);
    if (follower != null) {
      follower.starting(started);
    }
    return started;
  }

  /** The machine's SpeedOverride now, as a fraction. */
  private double overrideNow() {
    return members.get(0).speedOverride() / 100;
  }
}
