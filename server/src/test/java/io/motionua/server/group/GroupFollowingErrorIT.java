package io.motionua.server.group;

import static io.motionua.server.group.GroupTestMachine.AXES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.junit.jupiter.api.Test;

/**
 * The 12-axis cell with a following-error limit of 0.05 deg: the simulated drives trail their
 * demand by 1 ms, so A12 at 180 deg/s shows about 0.18 deg and the group must react.
 */
class GroupFollowingErrorIT extends GroupCellFixture {

  @Override
  String groupOptions() {
    return "faultReaction: stop, followingErrorLimit: 0.05";
  }

  @Test
  void followingErrorAboveTheLimitStopsTheGroupAndNamesTheAxis() throws Exception {
    Double[] target = new Double[AXES];
    for (int k = 0; k < AXES; k++) {
      target[k] = 150.0;
    }
    assertEquals(StatusCodes.Good, client.call("MoveSynchronized", target, 1.0));
    client.awaitState(GroupState.GroupErrorStop, 3000);
    String error = client.lastError();
    assertTrue(error.contains("following error"), error);
    assertTrue(error.contains("exceeds the limit 0.05"), error);
    long[] stoodAt = GroupTestMachine.awaitOthersStanding(cell, 0, System.nanoTime());
    double[] at = GroupTestMachine.positions(cell);
    for (int k = 1; k <= AXES; k++) {
      assertTrue(stoodAt[k] != 0, "A" + k + " never stood still");
      assertTrue(at[k - 1] < 149, "A" + k + " went on to its target: " + at[k - 1]);
    }
  }
}
