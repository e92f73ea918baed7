package io.motionua.drivers.sim;

import java.util.function.LongSupplier;

/** A nanosecond clock that only moves when a test says so. */
final class ManualClock implements LongSupplier {

  private long nanos = 1_000_000_000L;

  @Override
  public synchronized long getAsLong() {
    return nanos;
  }

  synchronized void advanceMillis(double millis) {
    nanos += Math.round(millis * 1_000_000);
  }

  synchronized void advanceNanos(long delta) {
    nanos += delta;
  }
}
