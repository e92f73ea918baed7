package io.motionua.server.sparkplug;

import java.time.Instant;

/** One value of one metric at the time the drive delivered it. */
record MetricSample(MetricDefinition metric, Object value, Instant time) {}
