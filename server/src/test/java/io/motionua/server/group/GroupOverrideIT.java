package io.motionua.server.group;

import static io.motionua.server.group.GroupTestMachine.AXES;
import static io.motionua.server.group.GroupTestMachine.POLL_MS;
import static io.motionua.server.group.GroupTestMachine.drive;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motionua.drivers.sim.MoveTimes;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SpeedOverride written through OPC UA while group {@code all} of the 12-axis cell moves in
 * drive-profiles mode: every drive gets a re-planned set-point (change set immediately), and the
 * times come from the simulated drives themselves.
 */
class GroupOverrideIT extends GroupCellFixture {

  @Override
  String groupOptions() {
    return "faultReaction: stop, mode: drive-profiles";
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

  /** Two poses the moves go between: axis k travels 80 + 16k degrees, different for each. */
  static double[] pose(int side) {
    double[] p = new double[AXES];
    for (int k = 1; k <= AXES; k++) {
      p[k - 1] = side * (40 + 8 * k);
    }
    return p;
  }

  static Double[] boxed(double[] values) {
    Double[] out = new Double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }

  private void moveTo(double[] target) throws Exception {
    assertEquals(StatusCodes.Good, client.call("MoveSynchronized", boxed(target), 1.0));
    client.awaitState(GroupState.GroupStandby, 10_000);
  }

  /** Each drive's last move, as the simulator timed it (a re-plan starts a new one). */
  private MoveTimes[] moves() {
    MoveTimes[] m = new MoveTimes[AXES];
    for (int k = 1; k <= AXES; k++) {
      m[k - 1] = drive(cell, k).lastMove();
    }
    return m;
  }

  /** Waits (bounded) until axis 12, the longest move, covered {@code fraction} of its way. */
  private void awaitProgress(double[] from, double[] to, double fraction) throws Exception {
    long deadline = System.nanoTime() + 5_000_000_000L;
    double done = 0;
    while (done < fraction && System.nanoTime() < deadline) {
      double at = GroupTestMachine.positions(cell)[AXES - 1];
      done = (at - from[AXES - 1]) / (to[AXES - 1] - from[AXES - 1]);
      Thread.sleep(1);
    }
    assertTrue(done >= fraction, "the move got only to " + done);
  }

  @Test
  void halfSpeedWrittenMidMoveStretchesTheRestAndEveryAxisStillArrivesWithTheOthers()
      throws Exception {
    double[] a = pose(-1);
    double[] b = pose(1);
    moveTo(a);

    MoveTimes[] before = moves();
    moveTo(b);
    MoveTimes[] reference = moves();
    long referenceStart = Long.MAX_VALUE;
    long referenceEnd = Long.MIN_VALUE;
    for (int k = 0; k < AXES; k++) {
      assertNotEquals(before[k], reference[k], "A" + (k + 1) + " did not move");
      referenceStart = Math.min(referenceStart, reference[k].startNanos());
      referenceEnd = Math.max(referenceEnd, reference[k].finishNanos());
    }
    double atFull = (referenceEnd - referenceStart) / 1e9;

    // The same distances back, slowed to 50 % once 40 % of the way is behind.
    assertEquals(StatusCodes.Good, client.call("MoveSynchronized", boxed(a), 1.0));
    MoveTimes[] started = moves();
    awaitProgress(b, a, 0.4);
    assertEquals(StatusCodes.Good, client.writeSpeedOverride(50));
    assertEquals(GroupState.GroupMoving, client.state());
    client.awaitState(GroupState.GroupStandby, 15_000);
    MoveTimes[] replanned = moves();

    long start = Long.MAX_VALUE;
    long change = Long.MAX_VALUE;
    long firstFinish = Long.MAX_VALUE;
    long lastFinish = Long.MIN_VALUE;
    double[] landed = GroupTestMachine.positions(cell);
    for (int k = 0; k < AXES; k++) {
      assertNotEquals(
          started[k], replanned[k], "A" + (k + 1) + " was not given the re-planned set-point");
      start = Math.min(start, started[k].startNanos());
      change = Math.min(change, replanned[k].startNanos());
      firstFinish = Math.min(firstFinish, replanned[k].finishNanos());
      lastFinish = Math.max(lastFinish, replanned[k].finishNanos());
      assertEquals(a[k], landed[k], 0.001, "A" + (k + 1) + " landed off target");
    }
    double slowed = (lastFinish - start) / 1e9;
    double ratio = slowed / atFull;
    double spreadMs = (lastFinish - firstFinish) / 1e6;

    // What the re-plan should give from the instant the drives took it (the server's own model).
    ProfileRetiming model =
        ProfileRetiming.ofSynchronized(
            GroupPlanner.planSynchronized(b, a, limits(), 1.0), limits(), 1.0);
    model.startedAt(start);
    ProfileRetiming.Replan expected = model.replan(0.5, change);
    assertNotNull(expected, "the change came while braking");
    double expectedSeconds = (change - start) / 1e9 + expected.seconds();
    System.out.printf(
        "drive-profiles, 50 %% from %.0f %% of the move: %.3f s at 100 %%, %.3f s slowed (ratio"
            + " %.3f, model %.3f); finish spread %.3f ms (poll period %d ms)%n",
        100.0 * (change - start) / (referenceEnd - referenceStart),
        atFull,
        slowed,
        ratio,
        expectedSeconds / atFull,
        spreadMs,
        POLL_MS);
    assertTrue(ratio > 1.2 && ratio < 2.0, "slowed move took " + ratio + " times as long");
    assertEquals(1, slowed / expectedSeconds, 0.05, "against the model of the re-plan");
    assertTrue(spreadMs <= POLL_MS, "finish spread " + spreadMs + " ms");
  }

  @Test
  void aLinearMoveReplannedAtHalfSpeedStaysOnTheLineAndArrivesTogether() throws Exception {
    double[] a = pose(-1);
    double[] b = pose(1);
    moveTo(b);
    assertEquals(
        StatusCodes.Good,
        client.call("MoveLinear", boxed(a), GroupInterpolationIT.PATH_VELOCITY, 400.0));
    double worst = 0;
    int samples = 0;
    int beyond = 0;
    boolean written = false;
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (cell.groups().get("all").state() != GroupState.GroupStandby
        && System.nanoTime() < deadline) {
      long before = System.nanoTime();
      double[] p = GroupTestMachine.positions(cell);
      if (System.nanoTime() - before > 1_000_000) {
        Thread.sleep(1); // descheduled while reading: not one instant
        continue;
      }
      samples++;
      double off = GroupInterpolationIT.distanceFromLine(p, b, a);
      worst = Math.max(worst, off);
      beyond += off > GroupInterpolationIT.LINE_TOLERANCE ? 1 : 0;
      double done = (p[AXES - 1] - b[AXES - 1]) / (a[AXES - 1] - b[AXES - 1]);
      if (!written && done >= 0.4) {
        assertEquals(StatusCodes.Good, client.writeSpeedOverride(50));
        written = true;
      }
      Thread.sleep(10);
    }
    assertTrue(written, "the move ended before the override was written");
    client.awaitState(GroupState.GroupStandby, 1_000);
    MoveTimes[] ends = moves();
    long firstFinish = Long.MAX_VALUE;
    long lastFinish = Long.MIN_VALUE;
    double[] landed = GroupTestMachine.positions(cell);
    for (int k = 0; k < AXES; k++) {
      firstFinish = Math.min(firstFinish, ends[k].finishNanos());
      lastFinish = Math.max(lastFinish, ends[k].finishNanos());
      assertEquals(a[k], landed[k], 0.001, "A" + (k + 1) + " landed off target");
    }
    double spreadMs = (lastFinish - firstFinish) / 1e6;
    System.out.printf(
        "drive-profiles line, 50 %% from 40 %%: largest distance from the line %.4f deg (%d"
            + " samples, tolerance %.2f), finish spread %.3f ms%n",
        worst, samples, GroupInterpolationIT.LINE_TOLERANCE, spreadMs);
    GroupInterpolationIT.assertOnTheLine(samples, beyond, worst, "drive-profiles line");
    assertTrue(spreadMs <= POLL_MS, "finish spread " + spreadMs + " ms");
  }

  @Test
  void zeroHoldsTheGroupMovingPastItsPlannedEndAndRaisingItFinishesTheMoveTogether()
      throws Exception {
    double[] a = pose(-1);
    double[] b = pose(1);
    moveTo(b);
    long called = System.nanoTime();
    assertEquals(StatusCodes.Good, client.call("MoveSynchronized", boxed(a), 1.0));
    awaitProgress(b, a, 0.4);
    assertEquals(StatusCodes.Good, client.writeSpeedOverride(0));
    // Every drive brakes and stands, short of its target; the group keeps moving (held).
    long[] stood = GroupTestMachine.awaitOthersStanding(cell, 0, System.nanoTime());
    for (int k = 1; k <= AXES; k++) {
      assertTrue(stood[k] != 0, "A" + k + " never stood");
    }
    double[] held = GroupTestMachine.positions(cell);
    for (int k = 0; k < AXES; k++) {
      assertTrue(Math.abs(held[k] - a[k]) > 1, "A" + (k + 1) + " went on to its target");
    }
    // An operator holds it past the planned end plus the watchdog's slack: still held, not failed.
    double planned = GroupPlanner.planSynchronized(b, a, limits(), 1.0).duration();
    long heldUntil =
        called + Math.round(planned * 1e9) + (AxisGroup.WATCHDOG_SLACK_MS + 500) * 1_000_000;
    while (System.nanoTime() < heldUntil) {
      assertEquals(GroupState.GroupMoving, client.state(), client.lastError());
      Thread.sleep(50);
    }
    assertEquals(StatusCodes.Good, client.writeSpeedOverride(100));
    client.awaitState(GroupState.GroupStandby, 10_000);
    MoveTimes[] resumed = moves();
    long firstFinish = Long.MAX_VALUE;
    long lastFinish = Long.MIN_VALUE;
    double[] landed = GroupTestMachine.positions(cell);
    for (int k = 0; k < AXES; k++) {
      firstFinish = Math.min(firstFinish, resumed[k].finishNanos());
      lastFinish = Math.max(lastFinish, resumed[k].finishNanos());
      assertEquals(a[k], landed[k], 0.001, "A" + (k + 1) + " landed off target");
    }
    double spreadMs = (lastFinish - firstFinish) / 1e6;
    System.out.printf(
        "drive-profiles, held at 0 %% then resumed: finish spread %.3f ms%n", spreadMs);
    assertTrue(spreadMs <= POLL_MS, "finish spread " + spreadMs + " ms");
  }

  static AxisLimits[] limits() {
    AxisLimits[] l = new AxisLimits[AXES];
    for (int k = 1; k <= AXES; k++) {
      double d = GroupTestMachine.deceleration(k);
      l[k - 1] = AxisLimits.trapezoidal(GroupTestMachine.velocity(k), d, d, -170, 170);
    }
    return l;
  }
}
