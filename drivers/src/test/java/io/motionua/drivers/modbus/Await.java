package io.motionua.drivers.modbus;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Bounded polling for a condition through Awaitility (on the calling thread, every 2 ms from the
 * start): tests wait on what they expect, never on a fixed sleep.
 */
public final class Await {

  private Await() {}

  public static void until(Duration limit, BooleanSupplier condition, Supplier<String> whatFailed) {
    try {
      Awaitility.await()
          .pollInSameThread()
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(2))
          .atMost(limit)
          .until(condition::getAsBoolean);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("not within " + limit.toMillis() + " ms: " + whatFailed.get(), e);
    }
  }
}
