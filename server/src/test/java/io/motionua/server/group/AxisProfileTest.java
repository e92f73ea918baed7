package io.motionua.server.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AxisProfileTest {

  private static final double EPS = 1e-12;

  private static final AxisLimits LIMITS = AxisLimits.trapezoidal(90, 360, 360, -1000, 1000);

  @Test
  void trapezoidTakesTheHandComputedTime() {
    // Ramps of 90/360 = 0.25 s cover 11.25 each; the remaining 22.5 cruise at 90 for 0.25 s.
    AxisProfile p = AxisProfile.forDistance(45, LIMITS);
    assertEquals(0.75, p.duration(), EPS);
    assertEquals(90, p.peakVelocity(), EPS);
    assertEquals(11.25, p.position(0.25), EPS);
    assertEquals(33.75, p.position(0.5), EPS);
    assertEquals(90, p.velocity(0.375), EPS);
    assertEquals(360, p.acceleration(0.1), EPS);
    assertEquals(-360, p.acceleration(0.6), EPS);
    assertFalse(p.isJerkLimited());
  }

  @Test
  void unequalAccelerationAndDecelerationGiveUnequalRamps() {
    // Up 0.25 s over 11.25, down 0.5 s over 22.5, cruise (60 - 33.75) / 90 = 0.291666... s.
    AxisProfile p = AxisProfile.fastest(0, 60, AxisLimits.trapezoidal(90, 360, 180, -1000, 1000));
    assertEquals(0.25 + 26.25 / 90 + 0.5, p.duration(), EPS);
    assertEquals(-180, p.acceleration(p.duration() - 0.1), EPS);
    assertEquals(60 - 0.5 * 180 * 0.1 * 0.1, p.position(p.duration() - 0.1), EPS);
  }

  @Test
  void shortMoveBecomesTriangular() {
    // 10 units cannot reach 90: peak sqrt(2 * 10 * 360 * 360 / 720) = 60 after 1/6 s.
    AxisProfile p = AxisProfile.forDistance(10, LIMITS);
    assertEquals(60, p.peakVelocity(), EPS);
    assertEquals(1.0 / 3, p.duration(), EPS);
    assertEquals(5, p.position(1.0 / 6), EPS);
    assertEquals(60, p.velocity(1.0 / 6), 1e-9);
  }

  @Test
  void backwardMoveMirrorsTheForwardOne() {
    AxisProfile forward = AxisProfile.fastest(0, 45, LIMITS);
    AxisProfile backward = AxisProfile.fastest(100, 55, LIMITS);
    assertEquals(forward.duration(), backward.duration(), 0);
    for (double t = 0; t <= 0.75; t += 0.01) {
      assertEquals(100 - forward.position(t), backward.position(t), EPS);
      assertEquals(-forward.velocity(t), backward.velocity(t), EPS);
      assertEquals(-forward.acceleration(t), backward.acceleration(t), EPS);
    }
  }

  @Test
  void everyProfileLandsExactlyOnTargetAtRestAndClampsOutsideItsDuration() {
    SplittableRandom random = new SplittableRandom(6);
    for (int k = 0; k < 500; k++) {
      double start = random.nextDouble(-900, 900);
      double target = random.nextDouble(-900, 900);
      AxisLimits limits =
          k % 2 == 0
              ? LIMITS
              : AxisLimits.jerkLimited(
                  random.nextDouble(10, 500),
                  random.nextDouble(50, 5000),
                  random.nextDouble(50, 5000),
                  random.nextDouble(100, 1e5),
                  -1000,
                  1000);
      AxisProfile p = AxisProfile.fastest(start, target, limits);
      String where = p.toString();
      assertEquals(target, p.position(p.duration()), 0, where);
      assertEquals(0, p.velocity(p.duration()), 0, where);
      assertEquals(target, p.position(p.duration() + 1), 0, where);
      assertEquals(start, p.position(0), 0, where);
      assertEquals(start, p.position(-1), 0, where);
      assertEquals(0, p.velocity(-1), 0, where);
      // Still moving just before the end: the duration is not padded.
      assertTrue(Math.abs(p.velocity(p.duration() * 0.999)) > 0, where);
    }
  }

  @Test
  void velocityIsTheDerivativeOfPositionEverywhere() {
    AxisProfile p =
        AxisProfile.fastest(-20, 130, AxisLimits.jerkLimited(100, 800, 500, 20_000, -1000, 1000));
    double h = 1e-6;
    for (int k = 1; k < 1000; k++) {
      double t = p.duration() * k / 1000;
      double slope = (p.position(t + h) - p.position(t - h)) / (2 * h);
      assertEquals(p.velocity(t), slope, 1e-3, "at t = " + t);
      double accel = (p.velocity(t + h) - p.velocity(t - h)) / (2 * h);
      assertEquals(p.acceleration(t), accel, 0.05, "at t = " + t);
    }
  }

  @Test
  void stretchedTrapezoidKeepsItsRampsAndCruisesSlower() {
    // T = d/p + p/360 = 1 gives p = 90 / (1 + sqrt(0.5)).
    AxisProfile p = AxisProfile.forDistance(45, LIMITS).stretchedTo(1.0);
    assertEquals(1.0, p.duration(), 0);
    assertEquals(90 / (1 + Math.sqrt(0.5)), p.peakVelocity(), EPS);
    assertEquals(360, p.acceleration(0.01), EPS);
    assertEquals(45, p.position(1.0), 0);
    assertEquals(0, p.velocity(1.0), 0);
  }

  @Test
  void stretchedProfilesEndAtTheRequestedDurationWithoutExceedingLimits() {
    SplittableRandom random = new SplittableRandom(7);
    for (int k = 0; k < 300; k++) {
      double v = random.nextDouble(10, 500);
      double a = random.nextDouble(50, 5000);
      double d = random.nextDouble(50, 5000);
      AxisLimits limits =
          k % 2 == 0
              ? AxisLimits.trapezoidal(v, a, d, -1000, 1000)
              : AxisLimits.jerkLimited(v, a, d, random.nextDouble(100, 1e5), -1000, 1000);
      double start = random.nextDouble(-1000, 1000);
      double target = random.nextDouble(-1000, 1000);
      AxisProfile fastest = AxisProfile.fastest(start, target, limits);
      double duration = fastest.duration() * random.nextDouble(1, 20);
      AxisProfile p = AxisProfile.withDuration(start, target, limits, duration);
      String where = p + " stretched from " + fastest;
      assertEquals(duration, p.duration(), 0, where);
      assertEquals(target, p.position(duration), 0, where);
      assertTrue(p.peakVelocity() <= fastest.peakVelocity() * LimitAssertions.SLACK, where);
      for (int s = 0; s <= 1000; s++) {
        LimitAssertions.assertWithin(where, p, duration * s / 1000, limits);
      }
      // No jump anywhere, in particular where the ramp down (computed back from the target) meets
      // the cruise: a wrong peak velocity would show here.
      double stepRate = LimitAssertions.largestStepRate(p, 20_000);
      assertTrue(stepRate <= p.peakVelocity() * (1 + 1e-6), where + ": step rate " + stepRate);
    }
  }

  @Test
  void stretchingBelowTheFastestDurationIsRefused() {
    AxisProfile p = AxisProfile.forDistance(45, LIMITS);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> p.stretchedTo(0.7));
    assertTrue(e.getMessage().contains("0.7 s is shorter"), e.getMessage());
  }

  @Test
  void standstillStaysPutForItsDuration() {
    AxisProfile p = AxisProfile.standstill(12.5, 2);
    assertEquals(2, p.duration(), 0);
    assertEquals(12.5, p.position(1), 0);
    assertEquals(0, p.velocity(1), 0);
    assertEquals(0, p.acceleration(1), 0);
  }
}
