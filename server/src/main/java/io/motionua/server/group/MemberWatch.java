package io.motionua.server.group;

import io.motionua.server.axis.AxisController;
import io.motionua.server.axis.AxisSnapshot;
import io.motionua.server.axis.AxisState;
import io.motionua.server.config.GroupSpec;
import io.motionua.server.group.GroupMotion.Phase;
import java.util.List;

/**
 * An {@link AxisGroup}'s watch over its members, on their link threads: every poll of a member
 * taking part in the group's motion is checked for a fault, a lost drive, a following error beyond
 * the limit or (coupled groups) a lag behind the other members, any of which fails it ({@link
 * FaultReaction}); otherwise the poll tells whether the axis arrived. Takes the group's lock
 * ({@code lock}, the {@link AxisGroup}) for each poll.
 */
final class MemberWatch {

  private final GroupSpec spec;
  private final List<AxisController> members;
  private final String[] names;
  private final GroupStatus status;
  private final GroupExecution execution;
  private final FaultReaction faults;
  private final Object lock;

  MemberWatch(
      GroupSpec spec,
      List<AxisController> members,
      String[] names,
      GroupStatus status,
      GroupExecution execution,
      FaultReaction faults,
      Object lock) {
    this.spec = spec;
    this.members = members;
    this.names = names;
    this.status = status;
    this.execution = execution;
    this.faults = faults;
    this.lock = lock;
  }

  /** Hears every member's polls from now on. */
  void observe() {
    for (int i = 0; i < members.size(); i++) {
      int index = i;
      members.get(i).addObserver(s -> onSnapshot(index, s));
    }
  }

  /** Member {@code i}'s poll, on its link thread. */
  private void onSnapshot(int i, AxisSnapshot s) {
    synchronized (lock) {
      status.polled();
      GroupMotion m = execution.motion();
      if (m == null || !m.axes[i]) {
        return;
      }
      if (s.state() == AxisState.ErrorStop || s.state() == AxisState.Disabled) {
        faults.fail(
            i, s.isOnline() ? faultText(s) : "communication lost (" + s.status() + ")", false);
        return;
      }
      if (m.phase != Phase.STOP
          && s.isOnline()
          && Math.abs(s.followingError()) > spec.followingErrorLimit()) {
        faults.fail(
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
          faults.fail(
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
  }

  private void arrived(GroupMotion m, int i) {
    m.arrived[i] = true;
    if (m.done()) {
      execution.finished(m);
    }
  }

  private static String faultText(AxisSnapshot s) {
    return s.drive().fault()
        ? s.drive().describeFault()
        : "drive not powered (status 0x%04X)".formatted(s.statusword());
  }

  private static boolean standing(AxisSnapshot s) {
    return s.isStanding();
  }

  /** Two drive increments: the rounding of a target to the drive's resolution and back. */
  private double tolerance(int i) {
    return 2 / members.get(i).units().incrementsPerUnit() + 1e-9;
  }
}
