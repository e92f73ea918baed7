package io.motionua.server.history;

import java.util.HashMap;
import java.util.Map;

/**
 * Adds up samples, in time order, into intervals of a fixed length from a start: per interval the
 * number of values, the number of Good ones, and over the Good ones that are numbers their average,
 * minimum, maximum, first and last ({@link HistoryStore.Bucket}). Only the current interval is held
 * open; intervals without values are left out.
 */
final class BucketSums {

  private final long from;
  private final long interval;
  private final Map<Long, HistoryStore.Bucket> out = new HashMap<>();
  private long index = Long.MIN_VALUE;
  private long count;
  private long good;
  private long numbers;
  private double sum;
  private double minimum;
  private double maximum;
  private double first;
  private double last;

  BucketSums(long fromMicros, long intervalMicros) {
    this.from = fromMicros;
    this.interval = intervalMicros;
  }

  void add(long timeMicros, double value, long status) {
    long i = Math.floorDiv(timeMicros - from, interval);
    if (i != index) {
      close();
      index = i;
    }
    count++;
    if (!HistoryStore.good(status)) {
      return;
    }
    good++;
    if (Double.isNaN(value)) {
      return;
    }
    if (numbers == 0) {
      first = value;
      minimum = value;
      maximum = value;
    } else {
      minimum = Math.min(minimum, value);
      maximum = Math.max(maximum, value);
    }
    numbers++;
    sum += value;
    last = value;
  }

  /** The intervals added up, the last one closed. */
  Map<Long, HistoryStore.Bucket> finish() {
    close();
    return out;
  }

  private void close() {
    if (count > 0) {
      out.put(
          index,
          numbers == 0
              ? new HistoryStore.Bucket(
                  count, good, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN)
              : new HistoryStore.Bucket(count, good, sum / numbers, minimum, maximum, first, last));
    }
    count = 0;
    good = 0;
    numbers = 0;
    sum = 0;
  }
}
