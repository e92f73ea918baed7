package io.motionua.server.group;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StopPathTest {

  @Test
  void eachAxisStopsAfterItsOwnDecelerationDistanceAndStaysThere() {
    StopPath path =
        new StopPath(
            new double[] {10, -5, 3}, new double[] {90, -60, 0}, new double[] {360, 120, 50});
    // 90/360 = 0.25 s and 60/120 = 0.5 s: the longest sets the duration.
    assertEquals(0.5, path.duration(), 1e-12);
    double[] p = new double[3];
    double[] v = new double[3];
    path.positions(10, p);
    path.velocities(10, v);
    assertEquals(10 + 90 * 90 / (2 * 360.0), p[0], 1e-9);
    assertEquals(-5 - 60 * 60 / (2 * 120.0), p[1], 1e-9);
    assertEquals(3, p[2], 1e-12);
    assertEquals(0, v[0], 1e-12);
    assertEquals(0, v[1], 1e-12);
    assertEquals(p[1], path.target(1), 1e-12);
  }

  @Test
  void velocityFallsLinearlyAtTheDeceleration() {
    StopPath path = new StopPath(new double[] {0}, new double[] {100}, new double[] {400});
    double[] v = new double[1];
    path.velocities(0.1, v);
    assertEquals(60, v[0], 1e-9);
    double[] p = new double[1];
    path.positions(0.1, p);
    assertEquals(100 * 0.1 - 400 * 0.01 / 2, p[0], 1e-9);
  }
}
