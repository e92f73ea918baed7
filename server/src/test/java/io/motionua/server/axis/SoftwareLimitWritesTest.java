package io.motionua.server.axis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.motionua.server.config.AxisSpec;
import io.motionua.server.config.LimitsSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Eight clients writing an axis's software limits at once: one writes the lower limit, seven the
 * upper one, released together by a barrier in each of 300 rounds. Each write sets one limit and
 * keeps the other; an unlocked read-modify-write would let an upper-limit write put back the lower
 * limit it read before the lower-limit write landed.
 */
class SoftwareLimitWritesTest {

  @Test
  void concurrentWritesOfTheTwoLimitsLoseNoUpdate() throws Exception {
    AxisArguments axis =
        new AxisArguments(
            new AxisSpec(
                "X",
                "m",
                "g",
                "rotary",
                new LimitsSpec(-180.0, 180.0, 90.0, 360.0, 360.0),
                false,
                5.0),
            new AxisUnits(1000, "deg"));
    int writers = 8;
    CyclicBarrier start = new CyclicBarrier(writers);
    ExecutorService pool =
        Executors.newFixedThreadPool(writers, r -> new Thread(r, "limit-writer"));
    try {
      for (int round = 1; round <= 300; round++) {
        double min = -100 - round * 0.01;
        List<Future<?>> done = new ArrayList<>();
        done.add(
            pool.submit(
                () -> {
                  start.await(5, TimeUnit.SECONDS);
                  axis.setSoftwareLimit(false, min);
                  return null;
                }));
        for (int w = 1; w < writers; w++) {
          double max = 100 + w;
          done.add(
              pool.submit(
                  () -> {
                    start.await(5, TimeUnit.SECONDS);
                    for (int i = 0; i < 5; i++) {
                      axis.setSoftwareLimit(true, max);
                    }
                    return null;
                  }));
        }
        for (Future<?> f : done) {
          f.get(10, TimeUnit.SECONDS);
        }
        assertEquals(min, axis.limits().min(), "round " + round + ": the lower limit written");
      }
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
