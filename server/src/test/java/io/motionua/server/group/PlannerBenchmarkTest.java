package io.motionua.server.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Checks what the benchmark reports, never how fast: timing belongs to the bench command. */
class PlannerBenchmarkTest {

  @Test
  void reportsOrderedPercentilesForBothPlanAndBaseline() {
    PlannerBenchmark.Result r = PlannerBenchmark.run(12, 100, 500, 42);
    assertEquals(12, r.axes());
    assertEquals(500, r.iterations());
    assertTrue(0 < r.planP50Nanos() && r.planP50Nanos() <= r.planP99Nanos(), r.toString());
    assertTrue(r.planP99Nanos() <= r.planMaxNanos(), r.toString());
    assertTrue(0 < r.baselineP50Nanos() && r.baselineP50Nanos() <= r.baselineP99Nanos());
    assertTrue(r.baselineP99Nanos() <= r.baselineMaxNanos(), r.toString());
    assertTrue(r.toString().contains("p99 " + r.planP99Nanos() + " ns"), r.toString());
  }

  @Test
  void refusesAnEmptyRun() {
    assertThrows(IllegalArgumentException.class, () -> PlannerBenchmark.run(0, 0, 10, 1));
  }
}
