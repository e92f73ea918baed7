package io.motionua.server.sparkplug;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One Sparkplug device: a drive (with the axis it moves) or a plain Modbus device.
 *
 * @param id the device id in topics: the drive's or device's name from the machine file
 * @param metrics its metrics in birth order
 */
record SparkplugDevice(String id, List<MetricDefinition> metrics) {

  SparkplugDevice {
    metrics = List.copyOf(metrics);
  }

  Map<String, MetricDefinition> byName() {
    return metrics.stream().collect(Collectors.toMap(MetricDefinition::name, Function.identity()));
  }
}
