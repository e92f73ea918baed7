package io.motionua.server.sparkplug;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import org.eclipse.tahu.SparkplugInvalidTypeException;
import org.eclipse.tahu.message.SparkplugBPayloadEncoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.Metric.MetricBuilder;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.message.model.PropertyDataType;
import org.eclipse.tahu.message.model.PropertySet;
import org.eclipse.tahu.message.model.PropertyValue;
import org.eclipse.tahu.message.model.SparkplugBPayload;

/**
 * Builds and encodes the edge node's births and deaths with Eclipse Tahu. Births carry every metric
 * with name, alias, type and unit. Data messages, by alias only as the specification asks, are the
 * hot path and are written by {@link DataPayloadWriter}, byte for byte what Tahu would write.
 */
final class Payloads {

  /** The node metric a host application sets to true to ask for a new NBIRTH. */
  static final String REBIRTH = "Node Control/Rebirth";

  static final String BD_SEQ = "bdSeq";

  private final SparkplugBPayloadEncoder encoder = new SparkplugBPayloadEncoder();

  byte[] nodeBirth(long seq, long bdSeq, Instant now) {
    List<Metric> metrics = new ArrayList<>();
    metrics.add(metric(new MetricBuilder(BD_SEQ, MetricDataType.Int64, bdSeq), now));
    metrics.add(metric(new MetricBuilder(REBIRTH, MetricDataType.Boolean, false), now));
    return encode(new SparkplugBPayload(Date.from(now), metrics, seq));
  }

  /** The NDEATH, registered as the MQTT will: no seq, only the bdSeq it pairs with. */
  byte[] nodeDeath(long bdSeq, Instant now) {
    Metric m = metric(new MetricBuilder(BD_SEQ, MetricDataType.Int64, bdSeq), now);
    return encode(new SparkplugBPayload(Date.from(now), List.of(m), null));
  }

  byte[] deviceBirth(long seq, Collection<MetricSample> current, Instant now) {
    List<Metric> metrics = new ArrayList<>();
    for (MetricSample s : current) {
      MetricDefinition d = s.metric();
      MetricBuilder b =
          new MetricBuilder(d.name(), d.type().sparkplug, d.type().coerce(s.value()))
              .alias(d.alias());
      if (!d.unit().isEmpty()) {
        b.properties(unit(d.unit()));
      }
      metrics.add(metric(b, s.time()));
    }
    return encode(new SparkplugBPayload(Date.from(now), metrics, seq));
  }

  byte[] deviceDeath(long seq, Instant now) {
    return encode(new SparkplugBPayload(Date.from(now), List.of(), seq));
  }

  private static PropertySet unit(String unit) {
    try {
      return new PropertySet.PropertySetBuilder()
          .addProperty("engUnit", new PropertyValue<>(PropertyDataType.String, unit))
          .createPropertySet();
    } catch (SparkplugInvalidTypeException e) {
      throw new IllegalStateException("a String property refused a String", e);
    }
  }

  private static Metric metric(MetricBuilder builder, Instant time) {
    try {
      return builder.timestamp(Date.from(time)).createMetric();
    } catch (SparkplugInvalidTypeException e) {
      throw new IllegalStateException("metric value of the wrong type: " + e.getMessage(), e);
    }
  }

  private byte[] encode(SparkplugBPayload payload) {
    try {
      return encoder.getBytes(payload, false);
    } catch (IOException e) {
      throw new IllegalStateException("Sparkplug payload not encodable: " + e.getMessage(), e);
    }
  }
}
