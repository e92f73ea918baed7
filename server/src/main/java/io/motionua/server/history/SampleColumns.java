package io.motionua.server.history;

import java.util.Arrays;

/**
 * Samples of one variable as three growable columns (times, values, statuses): what a block holds
 * before it is encoded and after it is decoded, without an object per sample.
 */
final class SampleColumns {

  long[] times;
  double[] values;
  long[] statuses;
  int size;

  SampleColumns(int capacity) {
    times = new long[capacity];
    values = new double[capacity];
    statuses = new long[capacity];
  }

  void clear() {
    size = 0;
  }

  void add(long timeMicros, double value, long status) {
    if (size == times.length) {
      grow(size + 1);
    }
    times[size] = timeMicros;
    values[size] = value;
    statuses[size] = status;
    size++;
  }

  /** Makes room for {@code capacity} samples, keeping those held. */
  void grow(int capacity) {
    if (capacity > times.length) {
      int n = Math.max(capacity, times.length * 2);
      times = Arrays.copyOf(times, n);
      values = Arrays.copyOf(values, n);
      statuses = Arrays.copyOf(statuses, n);
    }
  }

  long first() {
    return times[0];
  }

  long last() {
    return times[size - 1];
  }

  /** Whether the times never go back. */
  boolean inOrder() {
    for (int i = 1; i < size; i++) {
      if (times[i] < times[i - 1]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Puts the samples in time order; samples of the same time keep the order they came in (a stable
   * insertion sort: blocks arrive nearly sorted, a late value or two at most).
   */
  void sortByTime() {
    for (int i = 1; i < size; i++) {
      long t = times[i];
      if (t >= times[i - 1]) {
        continue;
      }
      double v = values[i];
      long s = statuses[i];
      int j = i - 1;
      while (j >= 0 && times[j] > t) {
        times[j + 1] = times[j];
        values[j + 1] = values[j];
        statuses[j + 1] = statuses[j];
        j--;
      }
      times[j + 1] = t;
      values[j + 1] = v;
      statuses[j + 1] = s;
    }
  }
}
