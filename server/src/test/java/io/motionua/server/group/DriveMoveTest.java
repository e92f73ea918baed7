package io.motionua.server.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motionua.drivers.sim.MoveTimes;
import io.motionua.drivers.sim.SimulatedDrive;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The server's model of a drive's profile-position move, checked against the simulated drive. */
class DriveMoveTest {

  /** Register addresses of the simulator (docs/drive-registers.md). */
  private static final int CONTROLWORD = 0;

  private static final int TARGET_POSITION = 4;

  @Test
  void fromStandstillItIsThePlannersTrapezoid() {
    AxisProfile planned = AxisProfile.fastest(10, -35, 60, 300, 200, 0);
    DriveMove drive =
        DriveMove.fromStandstill(
            10,
            -35,
            planned.peakVelocity(),
            planned.accelerationLimit(),
            planned.decelerationLimit());
    assertEquals(planned.duration(), drive.duration(), 1e-12);
    for (int k = 0; k <= 100; k++) {
      double t = planned.duration() * k / 100;
      assertEquals(planned.position(t), drive.position(t), 1e-9, "at " + t);
      assertEquals(planned.velocity(t), drive.velocity(t), 1e-9, "at " + t);
    }
  }

  @Test
  void theProfileVelocityForADurationGivesExactlyThatDuration() {
    SplittableRandom random = new SplittableRandom(6);
    for (int k = 0; k < 10_000; k++) {
      double distance = random.nextDouble(0.1, 200);
      double accel = random.nextDouble(50, 1000);
      double decel = random.nextDouble(50, 1000);
      // An initial speed that leaves room to brake.
      double speed = random.nextDouble(0, Math.sqrt(2 * decel * distance) * 0.99);
      double limit = random.nextDouble(1, 300);
      double fastest = new DriveMove(0, distance, speed, limit, accel, decel).duration();
      double seconds = fastest * random.nextDouble(1, 4);
      double v = DriveMove.profileVelocityFor(distance, speed, accel, decel, seconds);
      assertTrue(v > 0 && v <= limit * (1 + 1e-9), "profile velocity " + v + " limit " + limit);
      DriveMove stretched = new DriveMove(0, distance, speed, v, accel, decel);
      assertEquals(seconds, stretched.duration(), 1e-9 * seconds, "case " + k);
      assertEquals(distance, stretched.position(seconds), 1e-9);
    }
  }

  @Test
  void aDriveThatBrakesAlreadyCannotBeStretched() {
    double speed = 40;
    double decel = 200;
    double distance = speed * speed / (2 * decel);
    assertTrue(Double.isNaN(DriveMove.profileVelocityFor(distance, speed, 300, decel, 1.0)));
  }

  @Test
  void aHaltBrakesToStandstillAfterTheBrakingDistance() {
    DriveMove halt = DriveMove.halt(5, -30, 120);
    assertEquals(0.25, halt.duration(), 1e-12);
    assertEquals(5 - 30 * 30 / 240.0, halt.position(1), 1e-12);
    assertEquals(-15, halt.velocity(0.125), 1e-9);
  }

  /**
   * The model predicts what the simulated drive does on a new set-point with change set immediately
   * while it moves: slower, faster and a triangle from a moving start.
   */
  @Test
  void itPredictsTheSimulatedDrivesReplanFromAMovingStart() throws Exception {
    long[] now = {1_000_000_000L};
    SimulatedDrive drive = new SimulatedDrive(() -> now[0]);
    for (int cw : new int[] {0x06, 0x07, 0x0F}) {
      drive.writeRegisters(CONTROLWORD, new int[] {cw});
    }
    int target = 600_000;
    setPoint(drive, target, 80_000, 150_000, 100_000, 0x10);
    DriveMove model = DriveMove.fromStandstill(0, target, 80_000, 150_000, 100_000);
    long started = now[0];
    int[][] changes = {{1_200, 30_000, 0}, {2_500, 90_000, 0}, {4_000, 20_000, 0}};
    for (int[] change : changes) {
      now[0] = started + change[0] * 1_000_000L;
      double t = (now[0] - started) / 1e9;
      // The model and the drive agree on where it is before the change.
      assertEquals(model.position(t), demand(drive), 1.0, "before the change at " + t);
      drive.writeRegisters(CONTROLWORD, new int[] {0x0F});
      setPoint(drive, target, change[1], 150_000, 100_000, 0x30);
      model =
          new DriveMove(model.position(t), target, model.velocity(t), change[1], 150_000, 100_000);
      MoveTimes times = drive.lastMove();
      assertEquals(model.duration() * 1e9, times.finishNanos() - times.startNanos(), 1_000);
      started = now[0];
      for (int ms = 0; ms < 200; ms += 10) {
        now[0] = started + ms * 1_000_000L;
        assertEquals(model.position(ms / 1e3), demand(drive), 1.0, "after the change, " + ms);
      }
      now[0] = started;
    }
    now[0] = started + Math.round(model.duration() * 1e9) + 2_000_000;
    assertEquals(target, drive.positionActual());
  }

  private static void setPoint(
      SimulatedDrive drive, int target, int velocity, int accel, int decel, int bits)
      throws Exception {
    int[] values = {target, velocity, accel, decel};
    int[] block = new int[8];
    for (int i = 0; i < 4; i++) {
      block[2 * i] = (values[i] >>> 16) & 0xFFFF;
      block[2 * i + 1] = values[i] & 0xFFFF;
    }
    drive.writeRegisters(TARGET_POSITION, block);
    drive.writeRegisters(CONTROLWORD, new int[] {0x0F | bits});
  }

  /** The drive's position demand (registers 24-25), in increments. */
  private static int demand(SimulatedDrive drive) throws Exception {
    int[] words = drive.readRegisters(24, 2);
    return (words[0] << 16) | words[1];
  }
}
