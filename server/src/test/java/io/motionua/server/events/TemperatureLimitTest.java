package io.motionua.server.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TemperatureLimitTest {

  private final TemperatureLimit limit = new TemperatureLimit(110.0, 5.0);

  @Test
  void raisesOnlyAboveTheLimit() {
    assertFalse(limit.activeAfter(false, 110.0));
    assertTrue(limit.activeAfter(false, 110.1));
  }

  @Test
  void staysActiveUntilTheTemperatureFallsBelowLimitMinusHysteresis() {
    assertTrue(limit.activeAfter(true, 109.0));
    assertTrue(limit.activeAfter(true, 105.0));
    assertFalse(limit.activeAfter(true, 104.9));
  }

  @Test
  void aTemperatureHoveringAtTheLimitRaisesOnceAndDoesNotClear() {
    boolean active = false;
    int changes = 0;
    for (double t : new double[] {109.8, 110.2, 109.9, 110.1, 109.7, 110.3, 108.0}) {
      boolean next = limit.activeAfter(active, t);
      changes += next != active ? 1 : 0;
      active = next;
    }
    assertTrue(active);
    assertEquals(1, changes);
  }
}
