package io.motionua.server.group;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GroupPathTest {

  private static final AxisLimits[] LIMITS = {
    AxisLimits.trapezoidal(100, 400, 400, -500, 500),
    AxisLimits.trapezoidal(50, 200, 100, -500, 500)
  };

  @Test
  void synchronizedPathGivesEachDriveItsStretchedPeakAndItsOwnRamps() throws Exception {
    SynchronizedPlan plan =
        GroupPlanner.planSynchronized(new double[] {0, 0}, new double[] {100, 10}, LIMITS, 1.0);
    GroupPath path = GroupPath.of(plan);
    double[] fast = path.profile(0);
    double[] slowed = path.profile(1);
    assertEquals(100, fast[0], 1e-9); // axis 0 sets the duration at its velocity limit
    assertEquals(400, fast[1], 1e-12);
    assertEquals(200, slowed[1], 1e-12);
    assertEquals(100, slowed[2], 1e-12);
    assertEquals(plan.profile(1).peakVelocity(), slowed[0], 1e-12);
    assertEquals(10, path.target(1), 1e-12);
  }

  @Test
  void linearPathScalesThePathProfileByEachAxisShareOfTheLine() throws Exception {
    double[] target = {30, 40};
    LinearPlan plan = GroupPlanner.planLinear(new double[] {0, 0}, target, LIMITS, 1000, 1000);
    GroupPath path = GroupPath.of(plan, target);
    double[] x = path.profile(0);
    double[] y = path.profile(1);
    // Shares 0.6 and 0.8 of a 50-long line: the ratios of the two axes' profiles are 3 : 4.
    assertEquals(0.75, x[0] / y[0], 1e-9);
    assertEquals(0.75, x[1] / y[1], 1e-9);
    assertEquals(0.75, x[2] / y[2], 1e-9);
    assertEquals(plan.path().peakVelocity() * 0.8, y[0], 1e-9);
  }
}
