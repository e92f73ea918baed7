package io.motionua.server.sparkplug;

import io.motionua.server.config.SparkplugSpec;

/**
 * Gives each metric of the edge node its alias, in birth order (1, 2, ...; 0 is left out so that an
 * unset alias is never mistaken for one), and its deadband from the config.
 */
final class MetricNumbering {

  private final SparkplugSpec spec;
  private long alias;

  MetricNumbering(SparkplugSpec spec) {
    this.spec = spec;
  }

  MetricDefinition next(String name, MetricType type, String unit) {
    return new MetricDefinition(name, ++alias, type, unit, spec.deadbandOf(name));
  }
}
