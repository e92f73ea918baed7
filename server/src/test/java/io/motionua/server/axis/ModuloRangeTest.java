package io.motionua.server.axis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ModuloRangeTest {

  private final ModuloRange turn = new ModuloRange(-180, 180);

  @Test
  void wrapsIntoTheHalfOpenRange() {
    assertEquals(0, turn.wrap(720), 1e-9);
    assertEquals(-180, turn.wrap(180), 1e-9);
    assertEquals(-180, turn.wrap(-180), 1e-9);
    assertEquals(179.5, turn.wrap(-180.5), 1e-9);
    assertEquals(10, turn.wrap(1090), 1e-9);
    assertEquals(-170, turn.wrap(1270), 1e-9);
    assertEquals(10, new ModuloRange(0, 360).wrap(-350), 1e-9);
  }

  @Test
  void theShortestWayCrossesTheSeamWhenThatIsShorter() {
    // From -170 (continuous 1270 = 3 turns + 190) to 170: 20 backwards, not 340 forwards.
    assertEquals(1250, turn.continuousTarget(1270, 170, MoveDirection.SHORTEST, 0), 1e-9);
    assertEquals(1290, turn.continuousTarget(1290 - 20, -150, MoveDirection.SHORTEST, 0), 1e-9);
    assertEquals(50, turn.continuousTarget(0, 50, MoveDirection.SHORTEST, 0), 1e-9);
    // Exactly half a turn goes forwards, from either side.
    assertEquals(180, turn.continuousTarget(0, -180, MoveDirection.SHORTEST, 0), 1e-9);
    assertEquals(90, turn.continuousTarget(-90, 90, MoveDirection.SHORTEST, 0), 1e-9);
  }

  @Test
  void positiveAndNegativeGoTheirWayEvenTheLongOne() {
    assertEquals(350, turn.continuousTarget(0, -10, MoveDirection.POSITIVE, 0), 1e-9);
    assertEquals(-350, turn.continuousTarget(0, 10, MoveDirection.NEGATIVE, 0), 1e-9);
    assertEquals(10, turn.continuousTarget(0, 10, MoveDirection.POSITIVE, 0), 1e-9);
    // Already there: no turn in either direction.
    assertEquals(720, turn.continuousTarget(720, 0, MoveDirection.POSITIVE, 0), 1e-9);
  }

  @Test
  void currentFollowsTheMotionAndIsShortestWhenStanding() {
    assertEquals(350, turn.continuousTarget(0, -10, MoveDirection.CURRENT, 5), 1e-9);
    assertEquals(-10, turn.continuousTarget(0, -10, MoveDirection.CURRENT, 0), 1e-9);
    assertEquals(-350, turn.continuousTarget(0, 10, MoveDirection.CURRENT, -5), 1e-9);
  }

  @Test
  void anEmptyRangeIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new ModuloRange(10, 10));
  }
}
