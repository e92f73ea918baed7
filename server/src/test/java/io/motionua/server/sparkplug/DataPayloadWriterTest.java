package io.motionua.server.sparkplug;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.eclipse.tahu.message.SparkplugBPayloadDecoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.message.model.SparkplugBPayload;
import org.junit.jupiter.api.Test;

/**
 * The hand-written DDATA encoder against Eclipse Tahu itself: the same bytes as Tahu's encoder
 * ({@link TahuDataPayload}, the way the edge node built a DDATA before), and Tahu's decoder reads
 * them back as they were meant.
 */
class DataPayloadWriterTest {

  private static final Instant NOW = Instant.parse("2026-12-07T01:02:03.456Z");

  private final DataPayloadWriter writer = new DataPayloadWriter();
  private final TahuDataPayload tahu = new TahuDataPayload();

  @Test
  void everyTypeAndEdgeValueIsEncodedAsTahuEncodesIt() throws Exception {
    List<MetricSample> samples = new ArrayList<>();
    Instant t = Instant.parse("2026-12-07T01:02:03.400Z");
    samples.add(sample("d1", 1, MetricType.DOUBLE, 12.345, t));
    samples.add(sample("d2", 127, MetricType.DOUBLE, -0.0, t));
    samples.add(sample("d3", 128, MetricType.DOUBLE, Double.NaN, t));
    samples.add(sample("d4", 16_384, MetricType.DOUBLE, 7L, t)); // a Long from a driver
    samples.add(sample("b1", 2, MetricType.BOOLEAN, true, t));
    samples.add(sample("b2", 3, MetricType.BOOLEAN, false, t));
    samples.add(sample("b3", 4, MetricType.BOOLEAN, 1L, t));
    samples.add(sample("i1", 5, MetricType.INT32, 0x1234, t));
    samples.add(sample("i2", 6, MetricType.INT32, -1, t));
    samples.add(sample("i3", 7, MetricType.INT32, Integer.MIN_VALUE, t));
    samples.add(sample("l1", 8, MetricType.INT64, Long.MAX_VALUE, t));
    samples.add(sample("l2", 9, MetricType.INT64, -42L, t));
    samples.add(sample("s1", 10, MetricType.STRING, "Standstill", t));
    samples.add(sample("s2", 11, MetricType.STRING, "", t));
    samples.add(sample("s3", 12, MetricType.STRING, "ä°C €".repeat(40), t));
    samples.add(sample("n1", 13, MetricType.DOUBLE, null, t));
    samples.add(sample("n2", 14, MetricType.STRING, null, Instant.EPOCH));
    samples.add(sample("big", Long.MAX_VALUE, MetricType.DOUBLE, 1.0, t));
    for (boolean historical : new boolean[] {false, true}) {
      for (long seq : new long[] {0, 1, 127, 128, 255}) {
        assertArrayEquals(
            tahu.deviceData(seq, samples, historical, NOW),
            writer.deviceData(seq, samples, historical, NOW),
            "seq " + seq + (historical ? ", historical" : ""));
      }
    }
  }

  @Test
  void randomDataMessagesAreByteForByteTahus() throws Exception {
    Random random = new Random(16);
    MetricType[] types = MetricType.values();
    for (int round = 0; round < 2_000; round++) {
      List<MetricSample> samples = new ArrayList<>();
      int n = random.nextInt(25);
      for (int i = 0; i < n; i++) {
        MetricType type = types[random.nextInt(types.length)];
        Object value =
            switch (type) {
              case DOUBLE -> random.nextGaussian() * Math.pow(10, random.nextInt(12) - 4);
              case BOOLEAN -> random.nextBoolean();
              case INT32 -> random.nextInt();
              case INT64 -> random.nextLong() >> random.nextInt(64);
              case STRING -> "state-" + random.nextInt(1_000_000);
            };
        if (random.nextInt(20) == 0) {
          value = null;
        }
        long alias = random.nextInt(4) == 0 ? random.nextLong() >>> 1 : random.nextInt(5_000) + 1;
        Instant time = Instant.ofEpochMilli(random.nextLong() >>> 22);
        samples.add(sample("m" + i, alias, type, value, time));
      }
      long seq = random.nextInt(256);
      boolean historical = random.nextInt(4) == 0;
      assertArrayEquals(
          tahu.deviceData(seq, samples, historical, NOW),
          writer.deviceData(seq, samples, historical, NOW),
          "round " + round);
    }
  }

  @Test
  void tahusDecoderReadsWhatWasWritten() throws Exception {
    Instant t = Instant.parse("2026-12-07T01:02:03.400Z");
    List<MetricSample> samples =
        List.of(
            sample("p", 1_001, MetricType.DOUBLE, 90.125, t),
            sample("h", 1_002, MetricType.BOOLEAN, true, t),
            sample("e", 1_003, MetricType.INT32, -7, t),
            sample("s", 1_004, MetricType.STRING, "DiscreteMotion", t),
            sample("x", 1_005, MetricType.DOUBLE, null, t));
    SparkplugBPayload decoded =
        new SparkplugBPayloadDecoder()
            .buildFromByteArray(writer.deviceData(200, samples, true, NOW), null);
    assertEquals(200L, decoded.getSeq());
    assertEquals(NOW.toEpochMilli(), decoded.getTimestamp().getTime());
    List<Metric> metrics = decoded.getMetrics();
    assertEquals(5, metrics.size());
    Object[] values = {90.125, true, -7, "DiscreteMotion", null};
    MetricDataType[] dataTypes = {
      MetricDataType.Double,
      MetricDataType.Boolean,
      MetricDataType.Int32,
      MetricDataType.String,
      MetricDataType.Double
    };
    for (int i = 0; i < 5; i++) {
      Metric m = metrics.get(i);
      assertEquals(1_001L + i, m.getAlias());
      assertNull(m.getName(), "data by alias only");
      assertEquals(t.toEpochMilli(), m.getTimestamp().getTime());
      assertEquals(dataTypes[i], m.getDataType());
      assertEquals(values[i], m.getValue());
      assertTrue(m.isHistorical());
    }
  }

  @Test
  void aValueOfTheWrongTypeIsRefusedAsTahuRefusesIt() {
    List<MetricSample> samples =
        List.of(sample("p", 1, MetricType.DOUBLE, "not a number", Instant.EPOCH));
    assertThrows(IllegalStateException.class, () -> tahu.deviceData(1, samples, false, NOW));
    assertThrows(IllegalStateException.class, () -> writer.deviceData(1, samples, false, NOW));
  }

  private static MetricSample sample(
      String name, long alias, MetricType type, Object value, Instant time) {
    return new MetricSample(new MetricDefinition(name, alias, type, "", 0), value, time);
  }
}
