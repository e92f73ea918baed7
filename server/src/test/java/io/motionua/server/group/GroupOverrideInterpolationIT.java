package io.motionua.server.group;

import static io.motionua.server.group.GroupInterpolationIT.LINE_TOLERANCE;
import static io.motionua.server.group.GroupInterpolationIT.PATH_VELOCITY;
import static io.motionua.server.group.GroupInterpolationIT.assertOnTheLine;
import static io.motionua.server.group.GroupInterpolationIT.distanceFromLine;
import static io.motionua.server.group.GroupOverrideIT.boxed;
import static io.motionua.server.group.GroupOverrideIT.pose;
import static io.motionua.server.group.GroupTestMachine.AXES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SpeedOverride written through OPC UA while group {@code all} of the 12-axis cell moves on a line
 * in interpolated mode (10 ms loop): the path time slows, and every sampled position stays on the
 * line; positions are sampled from the simulated drives.
 */
class GroupOverrideInterpolationIT extends GroupCellFixture {

  static final double PATH_ACCELERATION = 400;

  @Override
  String groupOptions() {
    return "mode: interpolated, cycleMs: 10, faultReaction: stop";
  }

  @BeforeEach
  void standby() throws Exception {
    assertEquals(StatusCodes.Good, client.writeSpeedOverride(100));
    client.toStandby();
  }

  @AfterEach
  void fullSpeed() throws Exception {
    client.writeSpeedOverride(100);
  }

  /** What one linear move did, sampled from the drives every 10 ms or so. */
  record Run(
      double seconds, double worstFromLine, int samples, int beyondTolerance, double writtenAt) {}

  /**
   * Moves on the line from {@code from} to {@code to}; once {@code writeAt} of the way is behind
   * (axis 12's share), writes {@code percent} (none if negative); returns when every axis stands on
   * its target (bounded).
   */
  private Run line(double[] from, double[] to, double writeAt, double percent) throws Exception {
    assertEquals(
        StatusCodes.Good, client.call("MoveLinear", boxed(to), PATH_VELOCITY, PATH_ACCELERATION));
    long t0 = System.nanoTime();
    double writtenAt = -1;
    double worst = 0;
    int samples = 0;
    int beyond = 0;
    long deadline = t0 + 20_000_000_000L;
    while (System.nanoTime() < deadline) {
      long before = System.nanoTime();
      double[] p = GroupTestMachine.positions(cell);
      if (System.nanoTime() - before > 1_000_000) {
        Thread.sleep(1); // descheduled while reading: not one instant
        continue;
      }
      samples++;
      double off = distanceFromLine(p, from, to);
      worst = Math.max(worst, off);
      beyond += off > LINE_TOLERANCE ? 1 : 0;
      if (distanceFromLine(p, to, to) < 0.001 * Math.sqrt(AXES)) {
        return new Run((before - t0) / 1e9, worst, samples, beyond, writtenAt);
      }
      double done = (p[AXES - 1] - from[AXES - 1]) / (to[AXES - 1] - from[AXES - 1]);
      if (percent >= 0 && writtenAt < 0 && done >= writeAt) {
        writtenAt = (System.nanoTime() - t0) / 1e9;
        assertEquals(StatusCodes.Good, client.writeSpeedOverride(percent));
      }
      Thread.sleep(10);
    }
    throw new AssertionError("the move did not end within 20 s; LastError " + client.lastError());
  }

  @Test
  void halfSpeedWrittenMidMoveSlowsThePathTimeAndEveryAxisStaysOnTheLine() throws Exception {
    double[] a = pose(-1);
    double[] b = pose(1);
    assertEquals(StatusCodes.Good, client.call("MoveSynchronized", boxed(a), 1.0));
    client.awaitState(GroupState.GroupStandby, 10_000);

    Run full = line(a, b, 0, -1);
    client.awaitState(GroupState.GroupStandby, 2_000);
    Run slowed = line(b, a, 0.4, 50);
    client.awaitState(GroupState.GroupStandby, 2_000);

    double ratio = slowed.seconds() / full.seconds();
    // Path time runs at half the rate from the write on: what was left takes twice as long (the
    // ramp of the time scale, about 0.15 s, and the samples' spacing aside).
    double expected =
        (slowed.writtenAt() + 2 * (full.seconds() - slowed.writtenAt())) / full.seconds();
    System.out.printf(
        "interpolated line, 50 %% from %.0f %% of the move: %.3f s at 100 %%, %.3f s slowed (ratio"
            + " %.3f, expected about %.3f); largest distance from the line %.4f deg at 100 %%,"
            + " %.4f deg slowed (%d samples, tolerance %.2f)%n",
        100 * slowed.writtenAt() / full.seconds(),
        full.seconds(),
        slowed.seconds(),
        ratio,
        expected,
        full.worstFromLine(),
        slowed.worstFromLine(),
        slowed.samples(),
        LINE_TOLERANCE);
    assertTrue(ratio > 1.2 && ratio < 2.0, "slowed move took " + ratio + " times as long");
    assertEquals(1, ratio / expected, 0.1, "against twice the rest");
    assertOnTheLine(
        slowed.samples(), slowed.beyondTolerance(), slowed.worstFromLine(), "slowed " + slowed);
    double[] end = GroupTestMachine.positions(cell);
    for (int k = 0; k < AXES; k++) {
      assertEquals(a[k], end[k], 0.001, "A" + (k + 1) + " landed off target");
    }
  }

  @Test
  void zeroHoldsTheGroupOnTheLinePastItsPlannedEndAndRaisingItResumes() throws Exception {
    double[] a = pose(-1);
    double[] b = pose(1);
    assertEquals(StatusCodes.Good, client.call("MoveSynchronized", boxed(b), 1.0));
    client.awaitState(GroupState.GroupStandby, 10_000);
    assertEquals(
        StatusCodes.Good, client.call("MoveLinear", boxed(a), PATH_VELOCITY, PATH_ACCELERATION));
    long called = System.nanoTime();
    double done = 0;
    long deadline = called + 5_000_000_000L;
    while (done < 0.4 && System.nanoTime() < deadline) {
      done =
          (GroupTestMachine.positions(cell)[AXES - 1] - b[AXES - 1]) / (a[AXES - 1] - b[AXES - 1]);
      Thread.sleep(1);
    }
    assertEquals(StatusCodes.Good, client.writeSpeedOverride(0));
    long[] stood = GroupTestMachine.awaitOthersStanding(cell, 0, System.nanoTime());
    for (int k = 1; k <= AXES; k++) {
      assertTrue(stood[k] != 0, "A" + k + " never stood");
    }
    // "Stood" is judged per poll: a loop cycle late on a loaded machine repeats a setpoint, and
    // the simulated drive reports standing for that cycle while the path clock is still ramping
    // down. The hold begins when the positions stop changing (bounded wait), and from then on
    // nothing may move.
    double[] held = GroupTestMachine.positions(cell);
    long settleBy = System.nanoTime() + 5_000_000_000L;
    while (System.nanoTime() < settleBy) {
      Thread.sleep(300);
      double[] now = GroupTestMachine.positions(cell);
      boolean same = true;
      for (int k = 0; k < AXES; k++) {
        same &= Math.abs(now[k] - held[k]) < 1e-9;
      }
      held = now;
      if (same) {
        break;
      }
    }
    double off = distanceFromLine(held, b, a);
    assertTrue(off <= LINE_TOLERANCE, "held off the line by " + off);
    double duration =
        GroupPlanner.planLinear(b, a, GroupOverrideIT.limits(), PATH_VELOCITY, PATH_ACCELERATION)
            .duration();
    long heldUntil =
        called + Math.round(duration * 1e9) + (AxisGroup.WATCHDOG_SLACK_MS + 500) * 1_000_000;
    while (System.nanoTime() < heldUntil) {
      assertEquals(GroupState.GroupMoving, client.state(), client.lastError());
      Thread.sleep(50);
    }
    double[] still = GroupTestMachine.positions(cell);
    for (int k = 0; k < AXES; k++) {
      assertEquals(held[k], still[k], 1e-9, "A" + (k + 1) + " moved while held");
    }
    System.out.printf("interpolated line held at 0 %%: %.4f deg from the line%n", off);
    assertEquals(StatusCodes.Good, client.writeSpeedOverride(100));
    client.awaitState(GroupState.GroupStandby, 10_000);
    double[] end = GroupTestMachine.positions(cell);
    for (int k = 0; k < AXES; k++) {
      assertEquals(a[k], end[k], 0.001, "A" + (k + 1) + " landed off target");
    }
  }
}
