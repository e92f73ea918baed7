package io.motionua.server.group;

import static io.motionua.server.group.GroupTestMachine.AXES;
import static io.motionua.server.group.GroupTestMachine.POLL_MS;
import static io.motionua.server.group.GroupTestMachine.drive;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motionua.drivers.sim.MoveTimes;
import io.motionua.drivers.sim.SimulatedDrive;
import io.motionua.server.axis.AxisState;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Group {@code all} of the 12-axis cell in drive-profiles mode with fault reaction stop, through
 * OPC UA calls; times and positions come from the simulated drives themselves.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GroupMotionIT extends GroupCellFixture {

  @Override
  String groupOptions() {
    return "faultReaction: stop, mode: drive-profiles";
  }

  /** Every test starts from GroupStandby (after a reset and enable when needed). */
  @BeforeEach
  void standby() throws Exception {
    client.toStandby();
  }

  private static Double[] boxed(double[] values) {
    Double[] out = new Double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }

  @Test
  @Order(1)
  void synchronizedMoveLandsEveryAxisOnTargetWithStartsAndFinishesWithinOnePollPeriod()
      throws Exception {
    double[] from = GroupTestMachine.positions(cell);
    double[] target = new double[AXES];
    for (int k = 1; k <= AXES; k++) {
      // Different distances, so every axis but the slowest runs a stretched profile.
      target[k - 1] = (from[k - 1] > 0 ? -1 : 1) * (10 + 7 * k);
    }
    MoveTimes[] before = new MoveTimes[AXES];
    for (int k = 1; k <= AXES; k++) {
      before[k - 1] = drive(cell, k).lastMove();
    }
    assertEquals(StatusCodes.Good, client.call("MoveSynchronized", boxed(target), 1.0));
    assertEquals(GroupState.GroupMoving, client.state());
    client.awaitState(GroupState.GroupStandby, 10_000);

    long minStart = Long.MAX_VALUE;
    long maxStart = Long.MIN_VALUE;
    long minFinish = Long.MAX_VALUE;
    long maxFinish = Long.MIN_VALUE;
    for (int k = 1; k <= AXES; k++) {
      SimulatedDrive d = drive(cell, k);
      MoveTimes move = d.lastMove();
      assertNotNull(move, "A" + k + " never moved");
      assertTrue(!move.equals(before[k - 1]), "A" + k + " did not start a new move");
      minStart = Math.min(minStart, move.startNanos());
      maxStart = Math.max(maxStart, move.startNanos());
      minFinish = Math.min(minFinish, move.finishNanos());
      maxFinish = Math.max(maxFinish, move.finishNanos());
      double landed = d.positionActual() / GroupTestMachine.incrementsPerDegree();
      assertEquals(target[k - 1], landed, 0.001, "A" + k + " landed off target");
      assertEquals(AxisState.Standstill, cell.axes().get("A" + k).snapshot().state());
    }
    double startSkewMs = (maxStart - minStart) / 1e6;
    double finishSpreadMs = (maxFinish - minFinish) / 1e6;
    System.out.printf(
        "12 axes on 12 links: start skew %.3f ms, finish spread %.3f ms (poll period %d ms)%n",
        startSkewMs, finishSpreadMs, POLL_MS);
    assertTrue(startSkewMs <= POLL_MS, "start skew " + startSkewMs + " ms");
    assertTrue(finishSpreadMs <= POLL_MS, "finish spread " + finishSpreadMs + " ms");
  }

  @Test
  @Order(2)
  void singleAxisMoveAbsoluteOnAMemberIsRefusedWhileTheGroupMoves() throws Exception {
    double[] from = GroupTestMachine.positions(cell);
    double[] target = new double[AXES];
    for (int k = 0; k < AXES; k++) {
      target[k] = from[k] > 0 ? -60 : 60;
    }
    assertEquals(StatusCodes.Good, client.call("MoveSynchronized", boxed(target), 0.3));
    assertEquals(AxisState.SynchronizedMotion, cell.axes().get("A3").snapshot().state());
    assertEquals(
        StatusCodes.Bad_InvalidState, client.callAxis("A3", "MoveAbsolute", 10.0, 0.0, 0.0, 0.0));
    assertEquals(StatusCodes.Bad_InvalidState, client.call("MoveSynchronized", boxed(target), 1.0));
    client.awaitState(GroupState.GroupStandby, 10_000);
    assertEquals(StatusCodes.Good, client.callAxis("A3", "MoveAbsolute", 10.0, 0.0, 0.0, 0.0));
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (cell.axes().get("A3").snapshot().state() != AxisState.Standstill
        && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }

  @Test
  @Order(3)
  void targetOutsideAnAxisLimitOrAWrongNumberOfPositionsIsRefused() throws Exception {
    double[] target = new double[AXES];
    target[6] = 171;
    assertEquals(StatusCodes.Bad_OutOfRange, client.call("MoveSynchronized", boxed(target), 1.0));
    assertEquals(
        StatusCodes.Bad_InvalidArgument,
        client.call("MoveSynchronized", boxed(new double[AXES - 1]), 1.0));
    assertEquals(GroupState.GroupStandby, client.state());
  }

  /** Last: by then the code paths are compiled, as on a machine that has been running. */
  @Test
  @Order(4)
  void faultOnOneAxisStopsAllOthersWithinTheirDecelerationTimePlusTwoPollCycles() throws Exception {
    double scale = 0.5;
    double[] from = GroupTestMachine.positions(cell);
    double[] target = new double[AXES];
    for (int k = 0; k < AXES; k++) {
      target[k] = from[k] > 0 ? -150 : 150;
    }
    assertEquals(StatusCodes.Good, client.call("MoveSynchronized", boxed(target), scale));
    Thread.sleep(400);
    long t0 = System.nanoTime();
    drive(cell, 4).injectFault(0x7500);
    System.out.printf("fault injected at %s%n", java.time.LocalTime.now());
    long[] stoodAt = GroupTestMachine.awaitOthersStanding(cell, 4, t0);
    double worstMarginMs = Double.MAX_VALUE;
    for (int k = 1; k <= AXES; k++) {
      if (k == 4) {
        continue;
      }
      assertTrue(stoodAt[k] != 0, "A" + k + " never stood still");
      double tookMs = (stoodAt[k] - t0) / 1e6;
      double boundMs =
          1000 * GroupTestMachine.velocity(k) * scale / GroupTestMachine.deceleration(k)
              + 2 * POLL_MS;
      worstMarginMs = Math.min(worstMarginMs, boundMs - tookMs);
      System.out.printf("A%d stood after %.1f ms (bound %.1f ms)%n", k, tookMs, boundMs);
      assertTrue(tookMs <= boundMs, "A" + k + " stood after " + tookMs + " ms, bound " + boundMs);
      double at = drive(cell, k).positionActual() / GroupTestMachine.incrementsPerDegree();
      assertTrue(Math.abs(at - target[k - 1]) > 1, "A" + k + " went on to its target");
    }
    System.out.printf("fault reaction stop: smallest margin to the bound %.1f ms%n", worstMarginMs);
    client.awaitState(GroupState.GroupErrorStop, 1000);
    String error = client.lastError();
    assertTrue(error.contains("axis A4: drive fault 0x7500"), error);
    assertEquals(
        StatusCodes.Bad_InvalidState, client.call("MoveSynchronized", boxed(target), scale));
    assertEquals(StatusCodes.Good, client.call("GroupReset"));
  }

  @Test
  @Order(5)
  void driveThatStopsAnsweringMidMoveStopsTheOthersAndIsNamedInLastError() throws Exception {
    double[] from = GroupTestMachine.positions(cell);
    Double[] target = new Double[AXES];
    for (int k = 0; k < AXES; k++) {
      target[k] = from[k] > 0 ? -150.0 : 150.0;
    }
    assertEquals(StatusCodes.Good, client.call("MoveSynchronized", target, 0.5));
    Thread.sleep(300);
    long t0 = System.nanoTime();
    cell.simulator("bus9").setResponding(1, false);
    try {
      long[] stoodAt = GroupTestMachine.awaitOthersStanding(cell, 9, t0);
      for (int k = 1; k <= AXES; k++) {
        if (k != 9) {
          assertTrue(stoodAt[k] != 0, "A" + k + " never stood still");
          double at = GroupTestMachine.positions(cell)[k - 1];
          assertTrue(Math.abs(at - target[k - 1]) > 1, "A" + k + " went on to its target");
        }
      }
      client.awaitState(GroupState.GroupErrorStop, 1000);
      String error = client.lastError();
      assertTrue(error.contains("axis A9: communication lost"), error);
    } finally {
      cell.simulator("bus9").setResponding(1, true);
    }
  }
}
