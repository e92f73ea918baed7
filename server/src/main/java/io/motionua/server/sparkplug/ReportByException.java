package io.motionua.server.sparkplug;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Report by exception: a metric is published when it differs from the value last published by more
 * than its deadband (numbers), or at all (anything else).
 */
final class ReportByException {

  private final Map<Long, Object> published = new HashMap<>();

  /** True, and remembers the value, when it should be published. */
  boolean changed(MetricDefinition metric, Object value) {
    Object last = published.get(metric.alias());
    boolean changed;
    if (last == null) {
      changed = value != null;
    } else if (value instanceof Number n && last instanceof Number l) {
      double delta = Math.abs(n.doubleValue() - l.doubleValue());
      changed = metric.deadband() == 0 ? delta != 0 : delta > metric.deadband();
    } else {
      changed = !Objects.equals(last, value);
    }
    if (changed) {
      published.put(metric.alias(), value);
    }
    return changed;
  }

  /** A birth published this value: later changes are measured from it. */
  void born(MetricDefinition metric, Object value) {
    if (value != null) {
      published.put(metric.alias(), value);
    }
  }
}
