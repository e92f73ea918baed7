package io.motionua.server.group;

import io.motionua.server.MotionUa;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * One started 12-axis cell ({@link GroupTestMachine}) per test class, with a client on group {@code
 * all} brought to GroupStandby; the class says how its group is configured.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class GroupCellFixture {

  protected MotionUa cell;
  protected GroupClient client;

  /** The group's options in the machine file, e.g. {@code faultReaction: stop}. */
  abstract String groupOptions();

  @BeforeAll
  void startCell() throws Exception {
    cell = GroupTestMachine.start(groupOptions());
    client = new GroupClient(cell, "all");
    client.toStandby();
  }

  @AfterAll
  void stopCell() throws Exception {
    if (client != null) {
      client.close();
    }
    if (cell != null) {
      cell.close();
    }
  }
}
