package io.motionua.tools.bench;

import io.motionua.drivers.SignalListener;
import io.motionua.drivers.SignalValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Notes when each device was polled with a good answer. Listeners run on the link threads, so the
 * recording is synchronized; it only appends a time.
 */
final class PollRecorder implements SignalListener {

  private final Map<String, List<Long>> goodPolls = new HashMap<>();

  @Override
  public synchronized void onValues(String device, Map<String, SignalValue> values) {
    boolean good = values.values().stream().allMatch(v -> v.status().isGood());
    if (good) {
      goodPolls.computeIfAbsent(device, d -> new ArrayList<>()).add(System.nanoTime());
    }
  }

  /** Whether every device named has answered at least once. */
  synchronized boolean allAnswered(List<String> devices) {
    return devices.stream().allMatch(goodPolls::containsKey);
  }

  /** Forgets the polls so far (the warm-up) and starts counting. */
  synchronized void restart() {
    goodPolls.clear();
  }

  /** Good polls of all devices since {@link #restart}. */
  synchronized int polls() {
    return goodPolls.values().stream().mapToInt(List::size).sum();
  }

  /** Time between consecutive good polls of the same device, over all devices. */
  synchronized Latencies cycles() {
    List<Long> gaps = new ArrayList<>();
    for (List<Long> times : goodPolls.values()) {
      for (int i = 1; i < times.size(); i++) {
        gaps.add(times.get(i) - times.get(i - 1));
      }
    }
    long[] nanos = gaps.stream().mapToLong(Long::longValue).toArray();
    return Latencies.of(nanos, nanos.length);
  }
}
