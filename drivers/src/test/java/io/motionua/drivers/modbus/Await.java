package io.motionua.drivers.modbus;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Bounded polling for a condition: tests wait on what they expect, never on a fixed sleep. */
final class Await {

  private Await() {}

  static void until(Duration limit, BooleanSupplier condition, Supplier<String> whatFailed) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("not within " + limit.toMillis() + " ms: " + whatFailed.get());
      }
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted while waiting");
      }
    }
  }
}
