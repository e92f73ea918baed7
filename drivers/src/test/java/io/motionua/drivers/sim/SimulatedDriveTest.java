package io.motionua.drivers.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SimulatedDriveTest {

  private static final int STATE_MASK = 0x6F;
  private static final int TARGET_REACHED = 0x0400;
  private static final int SET_POINT_ACK = 0x1000;

  private final ManualClock clock = new ManualClock();
  private final SimulatedDrive drive = new SimulatedDrive(clock);

  @Test
  void powerUpSequenceReachesOperationEnabled() throws Exception {
    assertEquals(0x40, drive.statusword() & STATE_MASK, "switch on disabled");
    controlword(0x06);
    assertEquals(0x21, drive.statusword() & STATE_MASK, "ready to switch on");
    controlword(0x07);
    assertEquals(0x23, drive.statusword() & STATE_MASK, "switched on");
    controlword(0x0F);
    assertEquals(0x27, drive.statusword() & STATE_MASK, "operation enabled");
    assertEquals(0x0200, drive.statusword() & 0x0200, "remote");
    assertEquals(0x0010, drive.statusword() & 0x0010, "voltage enabled");
  }

  @Test
  void switchOnWithoutShutdownFirstIsRefused() throws Exception {
    controlword(0x0F);
    assertEquals(0x40, drive.statusword() & STATE_MASK);
  }

  @Test
  void trapezoidalMoveTakesThePredictedTimeAndLandsExactlyOnTarget() throws Exception {
    enable();
    // 100000 increments at 50000 inc/s, 100000 inc/s²: 0.5 s ramps, 1.5 s cruise, 2.5 s in all.
    move(100_000, 50_000, 100_000, 100_000, 0x10);
    MoveTimes move = drive.lastMove();
    assertEquals(2_500_000_000L, move.finishNanos() - move.startNanos());
    assertEquals(SET_POINT_ACK, drive.statusword() & SET_POINT_ACK);

    clock.advanceMillis(1250 + 1); // half way, plus the actual position's lag
    assertEquals(50_000, drive.positionActual());
    assertEquals(0, drive.statusword() & TARGET_REACHED);
    clock.advanceMillis(1240);
    assertTrue(drive.positionActual() < 100_000);
    assertEquals(0, drive.statusword() & TARGET_REACHED);
    clock.advanceMillis(10);
    assertEquals(100_000, drive.positionActual());
    assertEquals(TARGET_REACHED, drive.statusword() & TARGET_REACHED);
  }

  @Test
  void positionsAreTheSameWhateverTheReadRate() throws Exception {
    SimulatedDrive other = new SimulatedDrive(clock);
    enable();
    enable(other);
    move(drive, 77_777, 40_000, 90_000, 60_000, 0x10);
    move(other, 77_777, 40_000, 90_000, 60_000, 0x10);
    for (int i = 0; i < 1000; i++) {
      clock.advanceMillis(1.7);
      drive.positionActual(); // one drive is asked often, the other only at the end
    }
    assertEquals(drive.positionActual(), other.positionActual());
  }

  @Test
  void shortMoveIsTriangular() throws Exception {
    enable();
    // Peak sqrt(a*d) = 31623 inc/s stays below 50000: t = 2*sqrt(d/a) = 0.6325 s.
    move(10_000, 50_000, 100_000, 100_000, 0x10);
    MoveTimes move = drive.lastMove();
    assertEquals(632_455_532L, move.finishNanos() - move.startNanos(), 1_000);
    clock.advanceMillis(700);
    assertEquals(10_000, drive.positionActual());
  }

  @Test
  void setPointDuringAMoveIsBufferedUntilTheMoveEnds() throws Exception {
    enable();
    move(10_000, 50_000, 100_000, 100_000, 0x10); // triangular, 0.632 s
    clock.advanceMillis(100);
    controlword(0x0F);
    move(20_000, 50_000, 100_000, 100_000, 0x10); // no bit5: waits for the first to finish
    clock.advanceMillis(500);
    assertTrue(drive.positionActual() <= 10_000, "still on the first move");
    assertEquals(0, drive.statusword() & TARGET_REACHED);
    clock.advanceMillis(1000);
    MoveTimes second = drive.lastMove();
    assertEquals(632_455_532L, second.startNanos() - 1_000_000_000L, 1_000, "starts at the end");
    clock.advanceMillis(1000);
    assertEquals(20_000, drive.positionActual());
  }

  @Test
  void changeSetImmediatelyReplansFromTheCurrentMotionWithoutStopping() throws Exception {
    enable();
    move(100_000, 50_000, 100_000, 100_000, 0x10);
    clock.advanceMillis(1000); // cruising at 50000 inc/s, demand at 37500
    controlword(0x0F);
    move(60_000, 50_000, 100_000, 100_000, 0x30); // bit5: now
    int[] velocity = drive.readRegisters(SimRegisters.VELOCITY_ACTUAL, 2);
    assertEquals(50_000, (velocity[0] << 16) | velocity[1], "no stop in between");
    MoveTimes replanned = drive.lastMove();
    // 22500 left: 10000 cruising (0.2 s) and 12500 braking (0.5 s).
    assertEquals(700_000_000L, replanned.finishNanos() - replanned.startNanos(), 1_000);
    clock.advanceMillis(800);
    assertEquals(60_000, drive.positionActual());
  }

  @Test
  void relativeMoveAddsToThePosition() throws Exception {
    enable();
    move(1_000, 50_000, 100_000, 100_000, 0x10);
    clock.advanceMillis(1000);
    controlword(0x0F);
    move(-300, 50_000, 100_000, 100_000, 0x50);
    clock.advanceMillis(1000);
    assertEquals(700, drive.positionActual());
  }

  @Test
  void haltDeceleratesToStandstillShortOfTheTarget() throws Exception {
    enable();
    move(1_000_000, 50_000, 100_000, 100_000, 0x10);
    clock.advanceMillis(1000); // at cruise speed, position 37500
    controlword(0x11F);
    clock.advanceMillis(600); // stopping takes 0.5 s and 12500 increments
    assertEquals(50_000, drive.positionActual());
    assertEquals(TARGET_REACHED, drive.statusword() & TARGET_REACHED);
    clock.advanceMillis(1000);
    assertEquals(50_000, drive.positionActual());
  }

  @Test
  void faultStopsMotionAndResetReturnsToSwitchOnDisabled() throws Exception {
    enable();
    move(1_000_000, 50_000, 100_000, 100_000, 0x10);
    clock.advanceMillis(1000);
    drive.injectFault(0x7305);
    int stoppedAt = drive.positionActual();
    clock.advanceMillis(1000);
    assertEquals(stoppedAt, drive.positionActual());
    assertEquals(0x08, drive.statusword() & 0x4F, "fault");
    assertEquals(0x7305, drive.readRegisters(SimRegisters.ERROR_CODE, 1)[0]);
    controlword(0x0F); // ignored in fault
    assertEquals(0x08, drive.statusword() & 0x4F);
    controlword(0x80); // rising edge of fault reset
    assertEquals(0x40, drive.statusword() & STATE_MASK);
    assertEquals(0, drive.readRegisters(SimRegisters.ERROR_CODE, 1)[0]);
  }

  @Test
  void quickStopDeceleratesAndStaysInQuickStopActive() throws Exception {
    enable();
    move(1_000_000, 50_000, 100_000, 100_000, 0x10);
    clock.advanceMillis(1000);
    controlword(0x0B);
    assertEquals(0x07, drive.statusword() & STATE_MASK, "quick stop active");
    clock.advanceMillis(500);
    int stopped = drive.positionActual();
    clock.advanceMillis(500);
    assertEquals(stopped, drive.positionActual());
    assertTrue(stopped < 50_000, "quick stop brakes harder than the profile: " + stopped);
    controlword(0x0F);
    assertEquals(0x27, drive.statusword() & STATE_MASK);
  }

  @Test
  void driveThatIsNotEnabledIgnoresSetPoints() throws Exception {
    controlword(0x06);
    controlword(0x07);
    motionBlock(drive, 10_000, 50_000, 100_000, 100_000);
    controlword(0x17); // new set-point, but operation is not enabled
    clock.advanceMillis(2000);
    assertEquals(0, drive.positionActual());
    assertEquals(0, drive.statusword() & SET_POINT_ACK);
  }

  @Test
  void cyclicSynchronousPositionFollowsEachTarget() throws Exception {
    enable();
    drive.writeRegisters(SimRegisters.MODE, new int[] {8});
    for (int i = 1; i <= 10; i++) {
      int32(SimRegisters.TARGET_POSITION, i * 100);
      clock.advanceMillis(10);
    }
    clock.advanceMillis(1); // the actual position's lag
    assertEquals(1_000, drive.positionActual());
    int velocity = int32At(SimRegisters.VELOCITY_ACTUAL);
    assertEquals(0, velocity, "at rest after the last target");
    assertEquals(8, drive.readRegisters(SimRegisters.MODE_DISPLAY, 1)[0]);
  }

  @Test
  void cyclicSynchronousPositionStandsWhileTheSameTargetIsRepeated() throws Exception {
    enable();
    drive.writeRegisters(SimRegisters.MODE, new int[] {8});
    int32(SimRegisters.TARGET_POSITION, 100); // the first target is taken at once
    clock.advanceMillis(10);
    int32(SimRegisters.TARGET_POSITION, 500); // over the 10 ms since the last one
    clock.advanceMillis(5);
    assertEquals(0, drive.statusword() & 0x0400, "moving towards the next target");
    clock.advanceMillis(10);
    for (int i = 0; i < 5; i++) {
      int32(SimRegisters.TARGET_POSITION, 500); // a held path: the same setpoint every cycle
      clock.advanceMillis(9);
      assertEquals(0x0400, drive.statusword() & 0x0400, "standing on a repeated setpoint");
    }
    assertEquals(500, drive.positionActual());
  }

  @Test
  void homingSetsThePositionToZeroAndReportsAttained() throws Exception {
    enable();
    move(5_000, 50_000, 100_000, 100_000, 0x10);
    clock.advanceMillis(1000);
    drive.writeRegisters(SimRegisters.MODE, new int[] {6});
    controlword(0x0F);
    controlword(0x1F);
    assertEquals(0, drive.statusword() & 0x1000);
    clock.advanceMillis(250);
    assertEquals(0, drive.positionActual());
    assertEquals(0x1400, drive.statusword() & 0x1400);
  }

  @Test
  void profileVelocityReachesTheTargetVelocity() throws Exception {
    enable();
    drive.writeRegisters(SimRegisters.MODE, new int[] {3});
    int32(SimRegisters.PROFILE_ACCELERATION, 100_000);
    int32(SimRegisters.PROFILE_DECELERATION, 100_000);
    int32(SimRegisters.TARGET_VELOCITY, 20_000);
    clock.advanceMillis(100);
    assertEquals(0, drive.statusword() & TARGET_REACHED);
    clock.advanceMillis(200);
    assertEquals(20_000, int32At(SimRegisters.VELOCITY_ACTUAL));
    assertEquals(TARGET_REACHED, drive.statusword() & TARGET_REACHED);
  }

  @Test
  void motorWarmsUpWhileMovingAndCoolsAtRest() throws Exception {
    assertEquals(300, drive.readRegisters(SimRegisters.MOTOR_TEMPERATURE, 1)[0]);
    enable();
    drive.writeRegisters(SimRegisters.MODE, new int[] {3});
    int32(SimRegisters.PROFILE_ACCELERATION, 1_000_000);
    int32(SimRegisters.PROFILE_DECELERATION, 1_000_000);
    int32(SimRegisters.TARGET_VELOCITY, 1_000_000);
    clock.advanceMillis(60_000);
    double hot = drive.motorTemperature();
    assertTrue(hot > 60, "after two time constants at rated speed: " + hot);
    int32(SimRegisters.TARGET_VELOCITY, 0);
    clock.advanceMillis(60_000);
    assertTrue(drive.motorTemperature() < 40, "cooled: " + drive.motorTemperature());
  }

  @Test
  void registersOutsideTheMapAnswerException02AndReservedOnesReadZero() throws Exception {
    assertEquals(0, drive.readRegisters(15, 1)[0]);
    assertEquals(0, drive.readRegisters(23, 1)[0]);
    RegisterAccessException e =
        assertThrows(RegisterAccessException.class, () -> drive.readRegisters(27, 2));
    assertEquals(2, e.exceptionCode());
    e =
        assertThrows(
            RegisterAccessException.class,
            () -> drive.writeRegisters(SimRegisters.STATUSWORD, new int[] {1}));
    assertEquals(2, e.exceptionCode());
    e =
        assertThrows(
            RegisterAccessException.class,
            () -> drive.writeRegisters(SimRegisters.MODE, new int[] {5}));
    assertEquals(3, e.exceptionCode());
  }

  private void enable() throws RegisterAccessException {
    enable(drive);
  }

  private static void enable(SimulatedDrive d) throws RegisterAccessException {
    for (int cw : new int[] {0x06, 0x07, 0x0F}) {
      d.writeRegisters(SimRegisters.CONTROLWORD, new int[] {cw});
    }
  }

  private void controlword(int cw) throws RegisterAccessException {
    drive.writeRegisters(SimRegisters.CONTROLWORD, new int[] {cw});
  }

  private void move(int target, int velocity, int accel, int decel, int setPointBits)
      throws RegisterAccessException {
    move(drive, target, velocity, accel, decel, setPointBits);
  }

  /** Writes the motion block and then the controlword with the set-point bits, as a master does. */
  private static void move(
      SimulatedDrive d, int target, int velocity, int accel, int decel, int setPointBits)
      throws RegisterAccessException {
    motionBlock(d, target, velocity, accel, decel);
    d.writeRegisters(SimRegisters.CONTROLWORD, new int[] {0x0F | setPointBits});
  }

  private static void motionBlock(SimulatedDrive d, int target, int velocity, int accel, int decel)
      throws RegisterAccessException {
    int[] block = new int[8];
    int[] values = {target, velocity, accel, decel};
    for (int i = 0; i < 4; i++) {
      block[2 * i] = (values[i] >>> 16) & 0xFFFF;
      block[2 * i + 1] = values[i] & 0xFFFF;
    }
    d.writeRegisters(SimRegisters.TARGET_POSITION, block);
  }

  private void int32(int address, int value) throws RegisterAccessException {
    drive.writeRegisters(address, new int[] {(value >>> 16) & 0xFFFF, value & 0xFFFF});
  }

  private int int32At(int address) throws RegisterAccessException {
    int[] words = drive.readRegisters(address, 2);
    return (words[0] << 16) | words[1];
  }
}
