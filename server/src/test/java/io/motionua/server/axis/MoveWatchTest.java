package io.motionua.server.axis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MoveWatchTest {

  private final List<MoveOutcome> seen = new ArrayList<>();
  private final MoveWatch watch = new MoveWatch("J1", "deg", seen::add);

  @Test
  void aMoveEndsOnceWithItsCommandTargetDurationAndResult() {
    watch.started("MoveAbsolute", 0.5, 1_000_000, 2_000_000);
    assertTrue(watch.isRunning());
    watch.ended("completed", 183_400_000);
    watch.ended("completed", 200_000_000); // a later poll: the move is over already
    assertEquals(1, seen.size(), "one outcome per move: " + seen);
    MoveOutcome done = seen.get(0);
    assertEquals(new MoveOutcome("J1", "MoveAbsolute", 0.5, "deg", 182_400_000, "completed"), done);
    assertEquals("axis J1: MoveAbsolute to 0.5 deg completed after 182.4 ms", done.line());
    assertFalse(watch.isRunning());
  }

  @Test
  void aNewMoveAbortsTheRunningOneAndAFailedCallIsItsOwnLine() {
    watch.started("MoveAbsolute", 10, 0, 1_000_000);
    watch.started("MoveRelative", 5, 50_000_000, 51_000_000);
    watch.failed("MoveAbsolute", 7, 60_000_000, "link bus: no response", 61_000_000);
    watch.ended("aborted by Halt", 90_000_000);
    assertEquals(
        List.of(
            "axis J1: MoveAbsolute to 10.0 deg aborted by MoveRelative after 51.0 ms",
            "axis J1: MoveAbsolute to 7.0 deg failed: link bus: no response after 1.0 ms",
            "axis J1: MoveRelative to 5.0 deg aborted by Halt after 40.0 ms"),
        seen.stream().map(MoveOutcome::line).toList());
  }
}
