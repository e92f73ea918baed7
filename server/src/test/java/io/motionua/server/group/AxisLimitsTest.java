package io.motionua.server.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AxisLimitsTest {

  @Test
  void nonPositiveLimitIsRefusedEchoingTheValue() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> AxisLimits.trapezoidal(90, -360, 360, -10, 10));
    assertEquals("acceleration limit -360.0 must be positive and finite", e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> AxisLimits.jerkLimited(90, 360, 360, 0, -10, 10));
  }

  @Test
  void softwareLimitsMustBeOrdered() {
    assertThrows(
        IllegalArgumentException.class, () -> AxisLimits.trapezoidal(90, 360, 360, 10, -10));
  }

  @Test
  void containsIncludesBothEnds() {
    AxisLimits l = AxisLimits.trapezoidal(90, 360, 360, -10, 10);
    assertTrue(l.contains(-10));
    assertTrue(l.contains(10));
    assertFalse(l.contains(10.000001));
  }
}
