package io.motionua.server.group;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CycleLatenessTest {

  private static final long PERIOD = 10_000_000;

  @Test
  void percentilesComeFromTheBucketsAndTheMaximumIsExact() {
    CycleLateness l = new CycleLateness(PERIOD);
    for (int i = 0; i < 990; i++) {
      l.record(100_000); // 0.1 ms
    }
    for (int i = 0; i < 10; i++) {
      l.record(2_000_000 + i); // 2 ms
    }
    CycleLateness.Snapshot s = l.snapshot();
    assertEquals(1000, s.runs());
    assertEquals(105_000, s.p50Nanos(), "upper bound of the 100-105 µs bucket");
    assertEquals(105_000, s.p99Nanos(), "rank 990 is still 0.1 ms");
    assertEquals(2_000_009, s.p999Nanos(), "capped by the exact maximum");
    assertEquals(2_000_009, s.maxNanos());
    assertEquals(0, s.missed());
  }

  @Test
  void aRunAWholePeriodLateIsAMissedCycleAndEarlyRunsCountAsOnTime() {
    CycleLateness l = new CycleLateness(PERIOD);
    l.record(-50_000);
    l.record(PERIOD - 1);
    l.record(PERIOD);
    l.record(120_000_000); // beyond the histogram: the last bucket, and the exact maximum
    CycleLateness.Snapshot s = l.snapshot();
    assertEquals(4, s.runs());
    assertEquals(2, s.missed());
    assertEquals(120_000_000, s.maxNanos());
    assertEquals(PERIOD, s.p50Nanos(), "rank 2 is PERIOD - 1, in the bucket ending at PERIOD");
    l.reset();
    assertEquals(new CycleLateness.Snapshot(0, 0, 0, 0, 0, 0), l.snapshot());
  }
}
