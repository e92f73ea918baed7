package io.motionua.server.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SCurveProfileTest {

  private static final double EPS = 1e-12;

  @Test
  void sevenSegmentProfileTakesTheHandComputedTime() {
    // Jerk phases of 1000/10000 = 0.1 s reach 1000 and then exactly 100: each ramp lasts 0.2 s
    // and covers 100 * 0.2 / 2 = 10; the remaining 20 cruise at 100 for 0.2 s.
    AxisLimits limits = AxisLimits.jerkLimited(100, 1000, 1000, 10_000, -100, 100);
    AxisProfile p = AxisProfile.forDistance(40, limits);
    assertTrue(p.isJerkLimited());
    assertEquals(0.6, p.duration(), EPS);
    assertEquals(100, p.peakVelocity(), EPS);
    assertEquals(10_000 * 0.05 * 0.05 * 0.05 / 6, p.position(0.05), EPS);
    assertEquals(500, p.acceleration(0.05), EPS);
    assertEquals(1000, p.acceleration(0.1), EPS);
    assertEquals(20, p.position(0.3), EPS);
    assertEquals(-500, p.acceleration(0.55), EPS);
  }

  @Test
  void shortMoveNeverReachesItsAccelerationLimit() {
    // Peak p with 2 p^1.5 / sqrt(j) = d; the whole move lasts 4 (d / 2j)^(1/3).
    AxisLimits limits = AxisLimits.jerkLimited(100, 1000, 1000, 10_000, -100, 100);
    AxisProfile p = AxisProfile.forDistance(0.2, limits);
    assertEquals(4 * Math.cbrt(0.2 / 20_000), p.duration(), EPS);
    assertEquals(Math.cbrt(0.04 * 10_000 / 4), p.peakVelocity(), 1e-9);
    assertTrue(Math.abs(p.acceleration(p.duration() / 4)) < 1000);
    assertEquals(0.1, p.position(p.duration() / 2), EPS);
  }

  @Test
  void accelerationChangesNoFasterThanTheJerkLimit() {
    SplittableRandom random = new SplittableRandom(3);
    for (int k = 0; k < 200; k++) {
      double jerk = random.nextDouble(100, 1e5);
      AxisLimits limits =
          AxisLimits.jerkLimited(
              random.nextDouble(10, 500),
              random.nextDouble(50, 5000),
              random.nextDouble(50, 5000),
              jerk,
              -1000,
              1000);
      AxisProfile fastest = AxisProfile.fastest(0, random.nextDouble(-1000, 1000), limits);
      AxisProfile stretched = fastest.stretchedTo(fastest.duration() * random.nextDouble(1, 5));
      for (AxisProfile p : new AxisProfile[] {fastest, stretched}) {
        double largest = LimitAssertions.largestJerk(p, 10_000);
        assertTrue(largest <= jerk * (1 + 1e-6), p + ": jerk " + largest + " above " + jerk);
      }
    }
  }

  @Test
  void theSameCheckCatchesTheAccelerationStepOfATrapezoid() {
    // Control for the test above: the finite-difference check does see a jump when there is one.
    AxisProfile trapezoid =
        AxisProfile.forDistance(40, AxisLimits.trapezoidal(100, 1000, 1000, -100, 100));
    assertTrue(LimitAssertions.largestJerk(trapezoid, 10_000) > 1e5);
  }

  @Test
  void mixedRampsLandOnTargetWithoutAJump() {
    // Acceleration 1000 saturates above peak 100, deceleration 300 above peak 9: a move of 8.45
    // peaks in between (near 50), the case solved numerically.
    AxisLimits limits = AxisLimits.jerkLimited(1000, 1000, 300, 10_000, -100, 100);
    AxisProfile p = AxisProfile.forDistance(8.45, limits);
    assertTrue(p.peakVelocity() > 9 && p.peakVelocity() < 100, p.toString());
    double up = 2 * Math.sqrt(p.peakVelocity() / 10_000);
    double down = p.peakVelocity() / 300 + 300.0 / 10_000;
    assertEquals(up + down, p.duration(), 1e-12);
    assertEquals(8.45, p.peakVelocity() * p.duration() / 2, 1e-12);
    assertEquals(8.45, p.position(p.duration()), 0);
    double stepRate = LimitAssertions.largestStepRate(p, 20_000);
    assertTrue(stepRate <= p.peakVelocity() * (1 + 1e-6), "step rate " + stepRate);
    for (int s = 0; s <= 1000; s++) {
      LimitAssertions.assertWithin(p.toString(), p, p.duration() * s / 1000, limits);
    }
  }
}
