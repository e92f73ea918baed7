package io.motionua.server.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motionua.server.group.PlanException.Reason;
import org.junit.jupiter.api.Test;

class SynchronizedPlanTest {

  private static final String[] NAMES = {"J1", "J2", "J3", "J4", "J5", "J6"};

  /** A six-axis arm: two jerk-limited wrist axes, unequal acceleration and deceleration. */
  private static final AxisLimits[] LIMITS = {
    AxisLimits.trapezoidal(90, 360, 300, -170, 170),
    AxisLimits.trapezoidal(80, 300, 300, -120, 120),
    AxisLimits.trapezoidal(100, 400, 200, -150, 150),
    AxisLimits.jerkLimited(200, 800, 800, 8000, -180, 180),
    AxisLimits.jerkLimited(200, 800, 600, 5000, -120, 120),
    AxisLimits.trapezoidal(300, 1200, 1200, -360, 360),
  };

  private static final double[] START = {0, -30, 10, 0, 20, 0};
  private static final double[] TARGET = {45, 60, 10, -150, 25, 300};

  @Test
  void everyAxisStartsAndFinishesTogether() throws PlanException {
    SynchronizedPlan plan = GroupPlanner.planSynchronized(START, TARGET, LIMITS, NAMES, 1.0);
    double[] at = new double[6];
    plan.positions(0, at);
    for (int i = 0; i < 6; i++) {
      assertEquals(START[i], at[i], 0, NAMES[i]);
    }
    plan.positions(plan.duration(), at);
    for (int i = 0; i < 6; i++) {
      assertEquals(TARGET[i], at[i], 0, NAMES[i]);
      assertEquals(plan.duration(), plan.profile(i).duration(), 0, NAMES[i]);
    }
    double[] early = new double[6];
    double[] late = new double[6];
    plan.velocities(plan.duration() * 0.001, early);
    plan.positions(plan.duration() * 0.999, late);
    for (int i = 0; i < 6; i++) {
      if (START[i] != TARGET[i]) {
        assertNotEquals(0, early[i], NAMES[i] + " is not moving right after the start");
        assertNotEquals(TARGET[i], late[i], NAMES[i] + " arrived before the others");
      }
    }
  }

  @Test
  void theSlowestAxisKeepsItsOwnFastestDuration() throws PlanException {
    SynchronizedPlan plan = GroupPlanner.planSynchronized(START, TARGET, LIMITS, NAMES, 1.0);
    int slowest = plan.slowestAxis();
    double longest = 0;
    for (int i = 0; i < 6; i++) {
      longest = Math.max(longest, AxisProfile.fastest(START[i], TARGET[i], LIMITS[i]).duration());
    }
    assertEquals(longest, plan.duration(), 0);
    assertEquals(
        AxisProfile.fastest(START[slowest], TARGET[slowest], LIMITS[slowest]).duration(),
        plan.duration(),
        0);
    // J2: ramps of 80/300 s covering 80²/300 together, then cruise at 80 (J4 takes 1.1 s, J6 1.25
    // s).
    assertEquals(1, slowest);
    assertEquals(2 * 80.0 / 300 + (90 - 80.0 * 80 / 300) / 80, plan.duration(), 1e-12);
  }

  @Test
  void noAxisExceedsItsLimitsAtAnySampledInstant() throws PlanException {
    for (double scale : new double[] {1.0, 0.3}) {
      SynchronizedPlan plan = GroupPlanner.planSynchronized(START, TARGET, LIMITS, NAMES, scale);
      double[] v = new double[6];
      double[] a = new double[6];
      double[] p = new double[6];
      for (int s = 0; s <= 1000; s++) {
        double t = plan.duration() * s / 1000;
        plan.positions(t, p);
        plan.velocities(t, v);
        plan.accelerations(t, a);
        for (int i = 0; i < 6; i++) {
          String where = NAMES[i] + " at " + t + " s, scale " + scale;
          LimitAssertions.assertWithin(
              where,
              v[i],
              a[i],
              LIMITS[i].velocity() * scale,
              LIMITS[i].acceleration(),
              LIMITS[i].deceleration());
          double low = Math.min(START[i], TARGET[i]);
          double high = Math.max(START[i], TARGET[i]);
          assertTrue(p[i] >= low && p[i] <= high, where + ": overshoot to " + p[i]);
        }
      }
    }
  }

  @Test
  void lowerVelocityScaleSlowsTheWholeMove() throws PlanException {
    SynchronizedPlan full = GroupPlanner.planSynchronized(START, TARGET, LIMITS, 1.0);
    SynchronizedPlan half = GroupPlanner.planSynchronized(START, TARGET, LIMITS, 0.5);
    assertTrue(half.duration() > full.duration());
    for (int i = 0; i < 6; i++) {
      assertTrue(half.profile(i).peakVelocity() <= LIMITS[i].velocity() * 0.5 * 1.000000001);
    }
  }

  @Test
  void axesTiedForSlowestBothRunTheirFastestProfile() throws PlanException {
    // The gantry case: two identical motors on one axis. Only one can "set" the duration; the
    // other is stretched to a duration equal to its own fastest and must come out the same.
    for (AxisLimits motor :
        new AxisLimits[] {
          AxisLimits.trapezoidal(90, 360, 300, -500, 500),
          AxisLimits.jerkLimited(90, 360, 300, 2000, -500, 500)
        }) {
      AxisLimits[] pair = {motor, motor};
      SynchronizedPlan plan =
          GroupPlanner.planSynchronized(new double[] {0, 0}, new double[] {250, 250}, pair, 1.0);
      AxisProfile set = plan.profile(plan.slowestAxis());
      AxisProfile other = plan.profile(1 - plan.slowestAxis());
      assertEquals(set.duration(), other.duration(), 0, motor.toString());
      assertEquals(set.peakVelocity(), other.peakVelocity(), 1e-9 * 90, motor.toString());
      for (int s = 0; s <= 1000; s++) {
        double t = plan.duration() * s / 1000;
        assertEquals(set.position(t), other.position(t), 1e-9 * 250, motor + " at " + t);
      }
    }
  }

  @Test
  void anAxisThatDoesNotMoveStaysPut() throws PlanException {
    SynchronizedPlan plan = GroupPlanner.planSynchronized(START, TARGET, LIMITS, NAMES, 1.0);
    AxisProfile j3 = plan.profile(2);
    assertEquals(0, j3.peakVelocity(), 0);
    for (int s = 0; s <= 100; s++) {
      assertEquals(10, j3.position(plan.duration() * s / 100), 0);
    }
  }

  @Test
  void noMoveAtAllTakesNoTime() throws PlanException {
    SynchronizedPlan plan = GroupPlanner.planSynchronized(START, START, LIMITS, 1.0);
    assertEquals(0, plan.duration(), 0);
    assertEquals(-1, plan.slowestAxis());
  }

  @Test
  void targetOutsideTheSoftwareLimitsIsRefusedNamingTheAxis() {
    double[] target = TARGET.clone();
    target[2] = 200;
    PlanException named =
        assertThrows(
            PlanException.class,
            () -> GroupPlanner.planSynchronized(START, target, LIMITS, NAMES, 1.0));
    assertEquals(
        "axis J3: target 200.0 is outside the software limits [-150.0, 150.0]", named.getMessage());
    assertEquals(Reason.OUTSIDE_SOFTWARE_LIMITS, named.reason());
    assertEquals(2, named.axis());
    PlanException unnamed =
        assertThrows(
            PlanException.class, () -> GroupPlanner.planSynchronized(START, target, LIMITS, 1.0));
    assertTrue(unnamed.getMessage().startsWith("axis 2: target 200.0"), unnamed.getMessage());
  }

  @Test
  void malformedRequestsAreRefused() {
    PlanException scale =
        assertThrows(
            PlanException.class, () -> GroupPlanner.planSynchronized(START, TARGET, LIMITS, 1.5));
    assertEquals("velocity scale 1.5 is outside (0, 1]", scale.getMessage());
    assertEquals(Reason.INVALID_REQUEST, scale.reason());
    assertThrows(
        PlanException.class, () -> GroupPlanner.planSynchronized(START, TARGET, LIMITS, 0));
    PlanException count =
        assertThrows(
            PlanException.class,
            () -> GroupPlanner.planSynchronized(START, new double[5], LIMITS, 1.0));
    assertEquals("expected 6 target positions (one per axis), got 5", count.getMessage());
    double[] nan = TARGET.clone();
    nan[4] = Double.NaN;
    PlanException notFinite =
        assertThrows(
            PlanException.class,
            () -> GroupPlanner.planSynchronized(START, nan, LIMITS, NAMES, 1.0));
    assertEquals("axis J5: target NaN is not finite", notFinite.getMessage());
  }
}
