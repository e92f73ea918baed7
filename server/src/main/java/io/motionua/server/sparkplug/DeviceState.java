package io.motionua.server.sparkplug;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the edge node knows of one device: its current values and whether it is born. */
final class DeviceState {

  final SparkplugDevice device;
  final Map<String, MetricDefinition> byName;

  /** Its DDATA topic, built once. */
  final String dataTopic;

  private final Map<Long, MetricSample> current = new LinkedHashMap<>();

  /** The device answers (its last poll was Good or a last usable value). */
  boolean alive;

  /** A DBIRTH for it went out since the last NBIRTH and no DDEATH after it. */
  boolean born;

  DeviceState(SparkplugDevice device, Instant now, String dataTopic) {
    this.device = device;
    this.byName = device.byName();
    this.dataTopic = dataTopic;
    for (MetricDefinition m : device.metrics()) {
      current.put(m.alias(), new MetricSample(m, null, now));
    }
  }

  void remember(MetricSample sample) {
    current.put(sample.metric().alias(), sample);
  }

  /** Every metric with its current value (null before the first poll), in birth order. */
  List<MetricSample> current() {
    return List.copyOf(current.values());
  }
}
