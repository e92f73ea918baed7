package io.motionua.server.sparkplug;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.eclipse.tahu.SparkplugInvalidTypeException;
import org.eclipse.tahu.message.SparkplugBPayloadEncoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.Metric.MetricBuilder;
import org.eclipse.tahu.message.model.SparkplugBPayload;

/**
 * The reference for {@link DataPayloadWriter}: a DDATA built and encoded with Eclipse Tahu's object
 * model and encoder, exactly as the edge node built it before it had its own writer.
 */
final class TahuDataPayload {

  private final SparkplugBPayloadEncoder encoder = new SparkplugBPayloadEncoder();

  byte[] deviceData(long seq, List<MetricSample> samples, boolean historical, Instant now) {
    List<Metric> metrics = new ArrayList<>(samples.size());
    for (MetricSample s : samples) {
      MetricDefinition d = s.metric();
      MetricBuilder b =
          new MetricBuilder(d.alias(), d.type().sparkplug, d.type().coerce(s.value()));
      if (historical) {
        b.isHistorical(true);
      }
      try {
        metrics.add(b.timestamp(Date.from(s.time())).createMetric());
      } catch (SparkplugInvalidTypeException e) {
        throw new IllegalStateException("metric value of the wrong type: " + e.getMessage(), e);
      }
    }
    try {
      return encoder.getBytes(new SparkplugBPayload(Date.from(now), metrics, seq), false);
    } catch (IOException e) {
      throw new IllegalStateException("Sparkplug payload not encodable: " + e.getMessage(), e);
    }
  }
}
