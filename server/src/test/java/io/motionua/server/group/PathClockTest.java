package io.motionua.server.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The time-scale ramp of the interpolation loop under the SpeedOverride. */
class PathClockTest {

  private static final AxisLimits[] LIMITS = {
    AxisLimits.trapezoidal(120, 400, 300, -170, 170),
    AxisLimits.trapezoidal(90, 250, 250, -170, 170),
    AxisLimits.trapezoidal(60, 600, 200, -170, 170),
  };
  private static final double[] ACCEL = {400, 250, 600};
  private static final double[] DECEL = {300, 250, 200};
  private static final double[] START = {-100, 50, 0};
  private static final double[] TARGET = {120, -80, 40};

  private static final long MS = 1_000_000;

  private static GroupPath linear() throws PlanException {
    return GroupPath.of(GroupPlanner.planLinear(START, TARGET, LIMITS, 200, 1000), TARGET);
  }

  private static GroupPath synchronizedMove() throws PlanException {
    return GroupPath.of(GroupPlanner.planSynchronized(START, TARGET, LIMITS, 1.0));
  }

  @Test
  void aSteadyOverrideStretchesThePathByItsInverse() throws PlanException {
    GroupPath path = synchronizedMove();
    PathClock clock = new PathClock(path, ACCEL, DECEL, 0.5);
    long t0 = 1_000 * MS;
    assertEquals(0, clock.advance(t0));
    long now = t0;
    while (clock.advance(now) < path.duration()) {
      now += MS;
    }
    assertEquals(2 * path.duration(), (now - t0) / 1e9, 0.0011);
    assertEquals(now, clock.expectedEndNanos());
  }

  @Test
  void aChangeMidMoveRampsWithinEveryAxisLimitsAndTheAxesStayOnThePath() throws PlanException {
    GroupPath path = linear();
    PathClock clock = new PathClock(path, ACCEL, DECEL, 1.0);
    double[] v = new double[3];
    double[] a = new double[3];
    double[] p = new double[3];
    long now = 0;
    double tau = clock.advance(now);
    double s = clock.scale();
    double rampStartedAt = -1;
    double rampEndedAt = -1;
    int steps = 0;
    while (tau < path.duration() && steps++ < 100_000) {
      if (rampStartedAt < 0 && tau > path.duration() * 0.4) {
        clock.overrideChanged(0.5);
        rampStartedAt = now / 1e9;
      }
      now += MS / 2;
      double before = tau;
      tau = clock.advance(now);
      double next = clock.scale();
      double rate = (next - s) / 0.0005;
      if (rampStartedAt >= 0 && rampEndedAt < 0 && next == 0.5) {
        rampEndedAt = now / 1e9;
      }
      // The axes' acceleration a = p''·s² + p'·ṡ, at both ends of the step.
      for (double at : new double[] {before, Math.min(tau, path.duration())}) {
        path.velocities(at, v);
        path.accelerations(at, a);
        for (int i = 0; i < 3; i++) {
          double speed = v[i] * next;
          double accel = a[i] * next * next + v[i] * rate;
          LimitAssertions.assertWithin(
              "axis " + i + " at path time " + at,
              speed,
              Math.abs(speed) < 1e-9 ? 0 : accel,
              LIMITS[i].velocity(),
              ACCEL[i] * (1 + 1e-6),
              DECEL[i] * (1 + 1e-6));
        }
      }
      s = next;
      path.positions(Math.min(tau, path.duration()), p);
      assertTrue(distanceFromLine(p) < 1e-9, "off the line by " + distanceFromLine(p));
    }
    assertTrue(rampEndedAt > rampStartedAt, "the scale reached 0.5");
    // In cruise the ramp runs at min_i min(A_i, D_i) / |v_i|: no slower than the slowest ratio.
    double peak = GroupPlanner.planLinear(START, TARGET, LIMITS, 200, 1000).path().peakVelocity();
    double slowest = Double.POSITIVE_INFINITY;
    for (int i = 0; i < 3; i++) {
      double share = Math.abs(TARGET[i] - START[i]) / pathLength();
      slowest = Math.min(slowest, Math.min(ACCEL[i], DECEL[i]) / (share * peak));
    }
    assertEquals(0.5 / slowest, rampEndedAt - rampStartedAt, 0.002);
  }

  @Test
  void zeroHoldsThePathAndRaisingItResumes() throws PlanException {
    GroupPath path = linear();
    PathClock clock = new PathClock(path, ACCEL, DECEL, 1.0);
    long now = 0;
    clock.advance(now);
    while (clock.advance(now) < path.duration() / 2) {
      now += MS;
    }
    clock.overrideChanged(0);
    for (int i = 0; i < 2000; i++) {
      now += MS;
      clock.advance(now);
    }
    assertEquals(0, clock.scale());
    double held = clock.advance(now);
    now += 1000 * MS;
    assertEquals(held, clock.advance(now), 0, "held on the path");
    assertEquals(Long.MAX_VALUE, clock.expectedEndNanos());
    clock.overrideChanged(1);
    int steps = 0;
    while (clock.advance(now) < path.duration() && steps++ < 100_000) {
      now += MS;
    }
    assertEquals(1, clock.scale());
    assertTrue(clock.expectedEndNanos() <= now);
  }

  @Test
  void theScaleCannotFallWhileAnAxisBrakesAtItsFullDeceleration() throws PlanException {
    GroupPath path = synchronizedMove();
    PathClock clock = new PathClock(path, ACCEL, DECEL, 1.0);
    double[] bounds = clock.rateBounds(path.duration() - 0.05, 1.0);
    assertEquals(0, bounds[0], 1e-9, "no room to brake harder");
    assertTrue(bounds[1] > 0, "speeding up is not asked for here, but allowed");
  }

  @Test
  void theExpectedEndFollowsTheOverride() throws PlanException {
    GroupPath path = synchronizedMove();
    PathClock clock = new PathClock(path, ACCEL, DECEL, 1.0);
    clock.advance(0);
    clock.advance(100 * MS);
    long atFull = clock.expectedEndNanos();
    assertEquals(path.duration(), atFull / 1e9, 1e-6);
    clock.overrideChanged(0.25);
    long atQuarter = clock.expectedEndNanos();
    assertTrue(
        atQuarter >= 100 * MS + (path.duration() - 0.1) * 4e9,
        "at a quarter the rest takes four times as long: " + atQuarter / 1e9);
  }

  private static double pathLength() {
    double sum = 0;
    for (int i = 0; i < 3; i++) {
      sum += (TARGET[i] - START[i]) * (TARGET[i] - START[i]);
    }
    return Math.sqrt(sum);
  }

  private static double distanceFromLine(double[] p) {
    double len = pathLength();
    double along = 0;
    for (int i = 0; i < 3; i++) {
      along += (p[i] - START[i]) * (TARGET[i] - START[i]) / len;
    }
    double off = 0;
    for (int i = 0; i < 3; i++) {
      double d = p[i] - (START[i] + (TARGET[i] - START[i]) * along / len);
      off += d * d;
    }
    return Math.sqrt(off);
  }
}
