package io.motionua.server.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LinearPlanTest {

  private static final String[] NAMES = {"X", "Y", "Z", "A"};

  private static final AxisLimits[] LIMITS = {
    AxisLimits.trapezoidal(500, 2000, 1500, -500, 500),
    AxisLimits.trapezoidal(300, 1000, 1000, -400, 400),
    AxisLimits.trapezoidal(100, 500, 250, -150, 150),
    AxisLimits.trapezoidal(90, 360, 360, -180, 180),
  };

  private static final double[] START = {-200, 100, 0, 10};
  private static final double[] TARGET = {300, -250, 120, 10};

  @Test
  void everyAxisStaysOnTheLineAtEverySampledInstant() throws PlanException {
    LinearPlan plan = GroupPlanner.planLinear(START, TARGET, LIMITS, NAMES, 400, 3000);
    double length = plan.length();
    double[] p = new double[4];
    double previousAlong = 0;
    for (int s = 0; s <= 1000; s++) {
      double t = plan.duration() * s / 1000;
      plan.positions(t, p);
      // Split p - start into its part along the line and the rest; the rest must vanish.
      double along = 0;
      for (int i = 0; i < 4; i++) {
        along += (p[i] - START[i]) * (TARGET[i] - START[i]) / length;
      }
      double off = 0;
      for (int i = 0; i < 4; i++) {
        double onLine = START[i] + (TARGET[i] - START[i]) * along / length;
        off += (p[i] - onLine) * (p[i] - onLine);
      }
      assertTrue(Math.sqrt(off) < 1e-9 * length, "off the line by " + Math.sqrt(off) + " at " + t);
      assertTrue(along >= previousAlong - 1e-9, "moved backwards along the line at " + t);
      previousAlong = along;
    }
    plan.positions(plan.duration(), p);
    for (int i = 0; i < 4; i++) {
      assertEquals(TARGET[i], p[i], 0, NAMES[i]);
    }
  }

  @Test
  void noAxisExceedsItsLimitsAndTheTightestOneReachesItsVelocityLimit() throws PlanException {
    // Asking for far more than any axis allows: Z (100 for a 120 share of the move) limits.
    LinearPlan plan = GroupPlanner.planLinear(START, TARGET, LIMITS, NAMES, 1e6, 1e6);
    double[] v = new double[4];
    double[] a = new double[4];
    double fastestZ = 0;
    for (int s = 0; s <= 1000; s++) {
      double t = plan.duration() * s / 1000;
      plan.velocities(t, v);
      plan.accelerations(t, a);
      for (int i = 0; i < 4; i++) {
        LimitAssertions.assertWithin(
            NAMES[i] + " at " + t,
            v[i],
            a[i],
            LIMITS[i].velocity(),
            LIMITS[i].acceleration(),
            LIMITS[i].deceleration());
      }
      fastestZ = Math.max(fastestZ, Math.abs(v[2]));
    }
    assertEquals(100, fastestZ, 1e-9);
  }

  @Test
  void requestedPathVelocityHoldsWhenNoAxisIsTighter() throws PlanException {
    LinearPlan plan = GroupPlanner.planLinear(START, TARGET, LIMITS, 10, 100);
    assertEquals(10, plan.path().peakVelocity(), 1e-12);
    assertEquals(plan.length() / 10 + 10.0 / 100, plan.duration(), 1e-9);
  }

  @Test
  void jerkLimitedAxesMakeTheWholePathJerkLimited() throws PlanException {
    AxisLimits[] limits = LIMITS.clone();
    limits[1] = AxisLimits.jerkLimited(300, 1000, 1000, 4000, -400, 400);
    LinearPlan plan = GroupPlanner.planLinear(START, TARGET, limits, 400, 3000);
    assertTrue(plan.path().isJerkLimited());
    double share = Math.abs(TARGET[1] - START[1]) / plan.length();
    double pathJerk = LimitAssertions.largestJerk(plan.path(), 10_000);
    assertTrue(pathJerk * share <= 4000 * (1 + 1e-6), "Y jerk " + pathJerk * share);
  }

  @Test
  void randomMovesStayOnTheLineAndWithinLimits() throws PlanException {
    SplittableRandom random = new SplittableRandom(11);
    double[] start = new double[4];
    double[] target = new double[4];
    double[] p = new double[4];
    double[] v = new double[4];
    for (int k = 0; k < 50; k++) {
      for (int i = 0; i < 4; i++) {
        start[i] = random.nextDouble(LIMITS[i].minPosition(), LIMITS[i].maxPosition());
        target[i] = random.nextDouble(LIMITS[i].minPosition(), LIMITS[i].maxPosition());
      }
      LinearPlan plan = GroupPlanner.planLinear(start, target, LIMITS, 1000, 5000);
      for (int s = 0; s <= 200; s++) {
        double t = plan.duration() * s / 200;
        plan.positions(t, p);
        plan.velocities(t, v);
        double f = plan.path().position(t) / plan.length();
        for (int i = 0; i < 4; i++) {
          assertEquals(start[i] + (target[i] - start[i]) * f, p[i], 1e-9 * plan.length());
          assertTrue(Math.abs(v[i]) <= LIMITS[i].velocity() * LimitAssertions.SLACK);
        }
      }
      plan.positions(plan.duration(), p);
      assertEquals(target[0], p[0], 0);
    }
  }

  @Test
  void zeroLengthMoveTakesNoTime() throws PlanException {
    LinearPlan plan = GroupPlanner.planLinear(START, START, LIMITS, 100, 100);
    double[] p = new double[4];
    plan.positions(1, p);
    assertEquals(0, plan.duration(), 0);
    assertEquals(START[0], p[0], 0);
  }

  @Test
  void targetOutsideTheSoftwareLimitsIsRefusedNamingTheAxis() {
    double[] target = TARGET.clone();
    target[3] = -181;
    PlanException e =
        assertThrows(
            PlanException.class,
            () -> GroupPlanner.planLinear(START, target, LIMITS, NAMES, 100, 100));
    assertEquals(
        "axis A: target -181.0 is outside the software limits [-180.0, 180.0]", e.getMessage());
    assertEquals(3, e.axis());
    PlanException velocity =
        assertThrows(
            PlanException.class, () -> GroupPlanner.planLinear(START, TARGET, LIMITS, 0, 100));
    assertEquals("path velocity 0.0 must be positive and finite", velocity.getMessage());
  }
}
