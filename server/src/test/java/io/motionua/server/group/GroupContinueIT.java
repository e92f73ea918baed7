package io.motionua.server.group;

import static io.motionua.server.group.GroupTestMachine.AXES;
import static io.motionua.server.group.GroupTestMachine.drive;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.junit.jupiter.api.Test;

/** The 12-axis cell with fault reaction continue: the healthy axes finish the move. */
class GroupContinueIT extends GroupCellFixture {

  @Override
  String groupOptions() {
    return "faultReaction: continue";
  }

  @Test
  void faultWithContinueReactionLetsTheHealthyAxesFinishAndEndsInErrorStop() throws Exception {
    Double[] target = new Double[AXES];
    for (int k = 0; k < AXES; k++) {
      target[k] = 40.0 + k;
    }
    assertEquals(StatusCodes.Good, client.call("MoveSynchronized", target, 1.0));
    Thread.sleep(200);
    drive(cell, 2).injectFault(0x5400);
    client.awaitState(GroupState.GroupErrorStop, 1000);
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (cell.axes().get("A1").snapshot().state()
            == io.motionua.server.axis.AxisState.SynchronizedMotion
        && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    double[] at = GroupTestMachine.positions(cell);
    for (int k = 1; k <= AXES; k++) {
      if (k == 2) {
        assertNotEquals(target[1], at[1], 0.5, "the faulted axis reached its target");
      } else {
        assertEquals(target[k - 1], at[k - 1], 0.001, "A" + k + " did not finish the move");
      }
    }
    assertTrue(client.lastError().contains("axis A2: drive fault 0x5400"), client.lastError());
    assertEquals(GroupState.GroupErrorStop, client.state());
  }
}
