package io.motionua.server.group;

import static io.motionua.server.group.GroupTestMachine.AXES;
import static io.motionua.server.group.GroupTestMachine.drive;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.junit.jupiter.api.Test;

/** The 12-axis cell with fault reaction safe-pose: the healthy axes end at the safe pose. */
class GroupSafePoseIT extends GroupCellFixture {

  static final double SAFE = -5;

  @Override
  String groupOptions() {
    StringBuilder pose = new StringBuilder();
    for (int k = 1; k <= AXES; k++) {
      pose.append(k == 1 ? "" : ", ").append(SAFE + k);
    }
    return "faultReaction: safe-pose, safePose: [" + pose + "]";
  }

  private static double degrees(int increments) {
    return increments / GroupTestMachine.incrementsPerDegree();
  }

  @Test
  void faultWithSafePoseReactionBringsEveryHealthyAxisToTheSafePose() throws Exception {
    Double[] target = new Double[AXES];
    for (int k = 0; k < AXES; k++) {
      target[k] = 60.0;
    }
    assertEquals(StatusCodes.Good, client.call("MoveSynchronized", target, 0.5));
    Thread.sleep(500);
    drive(cell, 7).injectFault(0x2310);
    client.awaitState(GroupState.GroupErrorStop, 1000);
    double faultedAt = degrees(drive(cell, 7).positionActual());

    long deadline = System.nanoTime() + 20_000_000_000L;
    boolean allThere = false;
    while (!allThere && System.nanoTime() < deadline) {
      Thread.sleep(20);
      allThere = true;
      for (int k = 1; k <= AXES; k++) {
        if (k != 7 && Math.abs(degrees(drive(cell, k).positionActual()) - (SAFE + k)) > 0.001) {
          allThere = false;
        }
      }
    }
    for (int k = 1; k <= AXES; k++) {
      double at = degrees(drive(cell, k).positionActual());
      if (k == 7) {
        assertEquals(faultedAt, at, 1e-9, "the faulted axis moved on");
      } else {
        assertEquals(SAFE + k, at, 0.001, "A" + k + " is not at its safe pose");
      }
    }
    String error = client.lastError();
    assertTrue(error.contains("axis A7: drive fault 0x2310"), error);
    client.awaitState(GroupState.GroupErrorStop, 1000);
    assertEquals(StatusCodes.Good, client.call("GroupReset"));
  }
}
