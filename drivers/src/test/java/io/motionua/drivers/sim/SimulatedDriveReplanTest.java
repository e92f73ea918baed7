package io.motionua.drivers.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A new set-point with "change set immediately" (controlword bit 5) while the axis moves: the drive
 * re-plans a trapezoid from its position and velocity at that instant, as a group does when the
 * SpeedOverride changes mid-move. All figures in increments; A = D = 100000 inc/s².
 */
class SimulatedDriveReplanTest {

  private static final int TARGET_REACHED = 0x0400;
  private static final int SET_POINT_ACK = 0x1000;

  private final ManualClock clock = new ManualClock();
  private final SimulatedDrive drive = new SimulatedDrive(clock);

  @BeforeEach
  void enable() throws RegisterAccessException {
    for (int cw : new int[] {0x06, 0x07, 0x0F}) {
      controlword(cw);
    }
  }

  @Test
  void lowerProfileVelocityDeceleratesToItCruisesAndBrakesOnTarget() throws Exception {
    move(100_000, 50_000, 0x10);
    clock.advanceMillis(1000); // 0.5 s ramp (12500) + 0.5 s cruise: demand 37500 at 50000 inc/s
    controlword(0x0F);
    move(100_000, 25_000, 0x30);
    MoveTimes replanned = drive.lastMove();
    // 50000 -> 25000 in 0.25 s (9375), brake 0.25 s (3125), 50000 cruising at 25000 (2 s).
    assertEquals(2_500_000_000L, replanned.finishNanos() - replanned.startNanos(), 1_000);
    clock.advanceMillis(125 + 1); // half way down to the new velocity, plus the actual's lag
    assertEquals(37_500, velocity(), 1);
    clock.advanceMillis(125);
    assertEquals(25_000, velocity(), 1);
    assertEquals(37_500 + 9_375, drive.positionActual(), 1);
    clock.advanceMillis(2_000);
    assertEquals(25_000, velocity(), 1, "still cruising before the brake");
    assertEquals(0, drive.statusword() & TARGET_REACHED);
    clock.advanceMillis(250);
    assertEquals(100_000, drive.positionActual());
    assertEquals(0, velocity());
    assertEquals(TARGET_REACHED, drive.statusword() & TARGET_REACHED);
  }

  @Test
  void higherProfileVelocityAcceleratesFromTheCurrentVelocity() throws Exception {
    move(200_000, 25_000, 0x10);
    clock.advanceMillis(1000); // 0.25 s ramp (3125) + 0.75 s cruise: demand 21875 at 25000 inc/s
    controlword(0x0F);
    move(200_000, 50_000, 0x30);
    MoveTimes replanned = drive.lastMove();
    // 25000 -> 50000 in 0.25 s (9375), brake 0.5 s (12500), 156250 cruising at 50000 (3.125 s).
    assertEquals(3_875_000_000L, replanned.finishNanos() - replanned.startNanos(), 1_000);
    clock.advanceMillis(250 + 1);
    assertEquals(50_000, velocity(), 1);
    assertEquals(21_875 + 9_375, drive.positionActual(), 1);
    clock.advanceMillis(3_700);
    assertEquals(200_000, drive.positionActual());
  }

  @Test
  void shortRemainderFromAMovingStartIsATriangleFromThatVelocity() throws Exception {
    move(1_000_000, 20_000, 0x10);
    clock.advanceMillis(1000); // 0.2 s ramp (2000) + 0.8 s cruise: demand 18000 at 20000 inc/s
    controlword(0x0F);
    move(40_000, 50_000, 0x30);
    // 22000 left from 20000 inc/s: peak sqrt((2ADd + Du²)/(A + D)) = sqrt(2.4e9) = 48990 < 50000.
    double peak = Math.sqrt((2 * 1e5 * 1e5 * 22_000 + 1e5 * 20_000.0 * 20_000) / 2e5);
    double seconds = (peak - 20_000) / 1e5 + peak / 1e5;
    MoveTimes replanned = drive.lastMove();
    assertEquals(seconds * 1e9, replanned.finishNanos() - replanned.startNanos(), 1_000);
    clock.advanceMillis((peak - 20_000) / 1e5 * 1000 + 1);
    assertEquals(peak, velocity(), 2);
    clock.advanceMillis(peak / 1e5 * 1000);
    assertEquals(40_000, drive.positionActual());
  }

  @Test
  void newSetPointWhileHaltedResumesFromTheBrakingMotionWithoutStopping() throws Exception {
    move(200_000, 50_000, 0x10);
    clock.advanceMillis(1000); // cruising at 50000, demand 37500
    controlword(0x10F); // halt: brake with the profile deceleration
    clock.advanceMillis(200); // braking: 30000 inc/s
    assertEquals(30_000, velocity(), 200);
    move(200_000, 50_000, 0x30); // bit 8 clear, bit 4 rising, bit 5: go on at once
    assertEquals(SET_POINT_ACK, drive.statusword() & SET_POINT_ACK);
    clock.advanceMillis(1);
    assertTrue(velocity() > 29_000, "no stop before the new set-point: " + velocity());
    clock.advanceMillis(200 + 1);
    assertEquals(50_000, velocity(), 1);
    clock.advanceMillis(4_000);
    assertEquals(200_000, drive.positionActual());
  }

  @Test
  void haltInHomingModeInterruptsHomingWithoutAttainingIt() throws Exception {
    drive.writeRegisters(SimRegisters.MODE, new int[] {6});
    controlword(0x1F); // homing starts
    clock.advanceMillis(50);
    controlword(0x10F); // halt: homing interrupted
    clock.advanceMillis(500);
    assertEquals(0, drive.statusword() & SET_POINT_ACK, "homing not attained");
    assertEquals(TARGET_REACHED, drive.statusword() & TARGET_REACHED, "halted and standing");
    controlword(0x0F);
    controlword(0x1F); // a new run after the halt is released
    clock.advanceMillis(250);
    assertEquals(0x1400, drive.statusword() & 0x1400);
  }

  private void controlword(int cw) throws RegisterAccessException {
    drive.writeRegisters(SimRegisters.CONTROLWORD, new int[] {cw});
  }

  /** Target, profile velocity, A = D = 100000, then the controlword with the set-point bits. */
  private void move(int target, int profileVelocity, int setPointBits)
      throws RegisterAccessException {
    int[] values = {target, profileVelocity, 100_000, 100_000};
    int[] block = new int[8];
    for (int i = 0; i < 4; i++) {
      block[2 * i] = (values[i] >>> 16) & 0xFFFF;
      block[2 * i + 1] = values[i] & 0xFFFF;
    }
    drive.writeRegisters(SimRegisters.TARGET_POSITION, block);
    controlword(0x0F | setPointBits);
  }

  private int velocity() throws RegisterAccessException {
    int[] words = drive.readRegisters(SimRegisters.VELOCITY_ACTUAL, 2);
    return (words[0] << 16) | words[1];
  }
}
