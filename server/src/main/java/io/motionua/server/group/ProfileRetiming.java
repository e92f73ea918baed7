package io.motionua.server.group;

/**
 * What the drives of a drive-profiles group move run, kept so that a change of SpeedOverride can be
 * re-planned from where every drive is. The move is a set of lanes, each a {@link DriveMove}: a
 * synchronized move has one lane per axis; a linear move has one lane along the path (0 to its
 * length), which each axis runs scaled by its share of the line, so that every drive's trapezoid is
 * the path's, scaled, and the axes stay on the line. Pure math; guarded by the group's lock.
 */
final class ProfileRetiming {

  /**
   * A re-plan must leave every moving lane this long at its speed before it has to brake: a drive
   * may take its set-point a little after the planned instant (the links' skew), and one that has
   * begun to brake cannot be stretched (a lower profile velocity would make it overshoot).
   */
  static final double BRAKE_MARGIN_S = 0.05;

  private final DriveMove[] lanes;
  private final double[] goal;
  private final double[] requested;
  private final double[] cap;
  private final int[] laneOf;
  private final double[] share;
  private final double[] offset;
  private long origin;

  /** The lanes after a change, from {@code atNanos}, and how long the longest takes from there. */
  record Replan(long atNanos, DriveMove[] lanes, boolean[] moving, double seconds) {}

  private ProfileRetiming(
      DriveMove[] lanes,
      double[] requested,
      double[] cap,
      int[] laneOf,
      double[] share,
      double[] offset) {
    this.lanes = lanes;
    this.requested = requested;
    this.cap = cap;
    this.laneOf = laneOf;
    this.share = share;
    this.offset = offset;
    this.goal = new double[lanes.length];
    for (int l = 0; l < lanes.length; l++) {
      goal[l] = lanes[l].target();
    }
  }

  /**
   * A synchronized move: lane i is axis i's stretched profile; at an override f its velocity limit
   * is f times the axis's velocity limit times {@code velocityScale}, as a move planned at f.
   */
  static ProfileRetiming ofSynchronized(
      SynchronizedPlan plan, AxisLimits[] limits, double velocityScale) {
    int n = plan.axisCount();
    DriveMove[] lanes = new DriveMove[n];
    double[] velocity = new double[n];
    double[] cap = new double[n];
    int[] laneOf = new int[n];
    double[] share = new double[n];
    double[] offset = new double[n];
    for (int i = 0; i < n; i++) {
      AxisProfile p = plan.profile(i);
      lanes[i] =
          DriveMove.fromStandstill(
              p.start(),
              p.target(),
              p.peakVelocity(),
              p.accelerationLimit(),
              p.decelerationLimit());
      velocity[i] = limits[i].velocity() * velocityScale;
      cap[i] = limits[i].velocity();
      laneOf[i] = p.start() == p.target() ? -1 : i;
      share[i] = 1;
      offset[i] = laneOf[i] < 0 ? p.start() : 0;
    }
    return new ProfileRetiming(lanes, velocity, cap, laneOf, share, offset);
  }

  /**
   * A linear move: one lane along the path; at an override f its velocity limit is f times the
   * requested path velocity, never above what the axes' velocity limits allow on this line, as a
   * move planned at f.
   */
  static ProfileRetiming ofLinear(
      LinearPlan plan, double[] from, double[] target, AxisLimits[] limits, double velocity) {
    int n = from.length;
    double length = plan.length();
    AxisProfile path = plan.path();
    double cap = Double.POSITIVE_INFINITY;
    int[] laneOf = new int[n];
    double[] share = new double[n];
    for (int i = 0; i < n; i++) {
      share[i] = length == 0 ? 0 : (target[i] - from[i]) / length;
      laneOf[i] = share[i] == 0 ? -1 : 0;
      if (share[i] != 0) {
        cap = Math.min(cap, limits[i].velocity() / Math.abs(share[i]));
      }
    }
    DriveMove lane =
        DriveMove.fromStandstill(
            0, length, path.peakVelocity(), path.accelerationLimit(), path.decelerationLimit());
    return new ProfileRetiming(
        new DriveMove[] {lane},
        new double[] {velocity},
        new double[] {cap},
        laneOf,
        share,
        from.clone());
  }

  /** The lanes' set-points were sent at {@code nanos} ({@link System#nanoTime()}). */
  void startedAt(long nanos) {
    origin = nanos;
  }

  /** When the slowest lane is expected to stand on its goal. */
  long expectedEndNanos() {
    double longest = 0;
    for (DriveMove lane : lanes) {
      longest = Math.max(longest, lane.duration());
    }
    return origin + Math.round(longest * 1e9);
  }

  /**
   * The remaining motion from {@code atNanos} with the velocity limits at override {@code fraction}
   * (> 0): every moving lane's fastest remaining move at its new limit is found, the longest sets
   * the common remaining duration, and every other lane gets the profile velocity that makes it
   * last exactly as long (same ramps), so the drives still arrive together.
   *
   * @return null when a moving lane is within {@link #BRAKE_MARGIN_S} of braking (the move then
   *     ends as planned)
   */
  Replan replan(double fraction, long atNanos) {
    double t = (atNanos - origin) / 1e9;
    int lanesCount = lanes.length;
    double[] position = new double[lanesCount];
    double[] velocity = new double[lanesCount];
    boolean[] moving = new boolean[lanesCount];
    double longest = 0;
    for (int l = 0; l < lanesCount; l++) {
      DriveMove lane = lanes[l];
      position[l] = lane.position(t);
      velocity[l] = lane.velocity(t);
      moving[l] = !(t >= lane.duration() && lane.target() == goal[l]);
      if (!moving[l]) {
        continue;
      }
      double distance = Math.abs(goal[l] - position[l]);
      double speed = Math.abs(velocity[l]);
      if (distance - speed * speed / (2 * lane.deceleration()) < speed * BRAKE_MARGIN_S) {
        return null;
      }
      DriveMove fastest =
          new DriveMove(
              position[l],
              goal[l],
              velocity[l],
              velocityLimit(l, fraction),
              lane.acceleration(),
              lane.deceleration());
      longest = Math.max(longest, fastest.duration());
    }
    DriveMove[] next = lanes.clone();
    for (int l = 0; l < lanesCount; l++) {
      if (!moving[l]) {
        continue;
      }
      DriveMove lane = lanes[l];
      double limit = velocityLimit(l, fraction);
      double v =
          DriveMove.profileVelocityFor(
              Math.abs(goal[l] - position[l]),
              Math.abs(velocity[l]),
              lane.acceleration(),
              lane.deceleration(),
              longest);
      if (!(v <= limit)) {
        v = limit; // the lane that sets the duration (or rounding at it)
      }
      next[l] =
          new DriveMove(
              position[l], goal[l], velocity[l], v, lane.acceleration(), lane.deceleration());
    }
    return new Replan(atNanos, next, moving, longest);
  }

  private double velocityLimit(int lane, double fraction) {
    return Math.min(requested[lane] * fraction, cap[lane]);
  }

  /** The drives took the re-plan at its instant. */
  void commit(Replan replan) {
    System.arraycopy(replan.lanes(), 0, lanes, 0, lanes.length);
    origin = replan.atNanos();
  }

  /**
   * Every moving lane brakes from where it is at {@code atNanos} with its deceleration (the drives
   * halt): a linear move's axes brake in proportion and stay on the line.
   *
   * @return which lanes were moving
   */
  boolean[] hold(long atNanos) {
    double t = (atNanos - origin) / 1e9;
    boolean[] moving = new boolean[lanes.length];
    for (int l = 0; l < lanes.length; l++) {
      DriveMove lane = lanes[l];
      moving[l] = t < lane.duration();
      lanes[l] = DriveMove.halt(lane.position(t), lane.velocity(t), lane.deceleration());
    }
    origin = atNanos;
    return moving;
  }

  /** The lane axis {@code i} runs, or -1 when it does not move in this move. */
  int laneOf(int axis) {
    return laneOf[axis];
  }

  /**
   * Axis {@code i}'s drive profile in a lane move: profile velocity, acceleration, deceleration.
   */
  double[] profile(int axis, DriveMove lane) {
    double c = Math.abs(share[axis]);
    return new double[] {
      c * lane.profileVelocity(), c * lane.acceleration(), c * lane.deceleration()
    };
  }

  /** Where axis {@code i} is at {@code atNanos}, per the model. */
  double position(int axis, long atNanos) {
    int l = laneOf[axis];
    if (l < 0) {
      return offset[axis];
    }
    return offset[axis] + share[axis] * lanes[l].position((atNanos - origin) / 1e9);
  }

  /** Axis {@code i}'s deceleration now (for a halt). */
  double deceleration(int axis) {
    int l = laneOf[axis];
    return l < 0 ? 0 : Math.abs(share[axis]) * lanes[l].deceleration();
  }

  /** Where axis {@code i} ends. */
  double target(int axis) {
    int l = laneOf[axis];
    return l < 0 ? offset[axis] : offset[axis] + share[axis] * goal[l];
  }
}
