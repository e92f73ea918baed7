package io.motionua.drivers.modbus;

import io.motionua.drivers.SignalListener;
import io.motionua.drivers.SignalStatus;
import io.motionua.drivers.SignalValue;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps the latest values per device and every status a chosen signal went through. */
final class RecordingListener implements SignalListener {

  private final Map<String, Map<String, SignalValue>> latest = new ConcurrentHashMap<>();
  private final Map<String, Integer> polls = new ConcurrentHashMap<>();
  private final List<SignalStatus> history = new CopyOnWriteArrayList<>();
  private final String watchedDevice;
  private final String watchedSignal;

  RecordingListener(String watchedDevice, String watchedSignal) {
    this.watchedDevice = watchedDevice;
    this.watchedSignal = watchedSignal;
  }

  @Override
  public void onValues(String device, Map<String, SignalValue> values) {
    polls.merge(device, 1, Integer::sum);
    record(device, values);
  }

  /** Shown like a poll's values, not counted as a poll. */
  @Override
  public void onMissedAnswer(String device, Map<String, SignalValue> values) {
    record(device, values);
  }

  private void record(String device, Map<String, SignalValue> values) {
    latest.put(device, values);
    if (device.equals(watchedDevice)) {
      SignalStatus status = values.get(watchedSignal).status();
      if (history.isEmpty() || history.get(history.size() - 1) != status) {
        history.add(status);
      }
    }
  }

  SignalValue value(String device, String signal) {
    Map<String, SignalValue> values = latest.get(device);
    return values == null ? SignalValue.waiting() : values.get(signal);
  }

  int polls(String device) {
    return polls.getOrDefault(device, 0);
  }

  /** The watched signal's statuses, each change once, in order. */
  List<SignalStatus> history() {
    return List.copyOf(history);
  }
}
