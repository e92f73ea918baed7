package io.motionua.server.sparkplug;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Encodes DDATA payloads (the edge node's hot path: one per device and poll) straight into protobuf
 * bytes, without building Tahu's object model and the generated protobuf messages per metric and
 * message. It writes exactly the bytes Tahu's {@code SparkplugBPayloadEncoder} writes for the same
 * payload (checked byte for byte in {@code DataPayloadWriterTest}): the payload's timestamp, each
 * metric by alias with its timestamp, data type, {@code is_historical} when forwarded, {@code
 * is_null} and its value, then the seq; protobuf writes fields in number order.
 *
 * <p>Births and deaths, rare and carrying names and properties, stay with Tahu ({@link Payloads}).
 * Only the edge node's thread uses an instance: its scratch buffer is reused.
 */
final class DataPayloadWriter {

  // Sparkplug B's protobuf schema: field number << 3 | wire type (0 varint, 1 fixed64, 2 bytes).
  private static final int PAYLOAD_TIMESTAMP = 1 << 3;
  private static final int PAYLOAD_METRIC = 2 << 3 | 2;
  private static final int PAYLOAD_SEQ = 3 << 3;
  private static final int ALIAS = 2 << 3;
  private static final int TIMESTAMP = 3 << 3;
  private static final int DATATYPE = 4 << 3;
  private static final int IS_HISTORICAL = 5 << 3;
  private static final int IS_NULL = 7 << 3;
  private static final int INT_VALUE = 10 << 3;
  private static final int LONG_VALUE = 11 << 3;
  private static final int DOUBLE_VALUE = 13 << 3 | 1;
  private static final int BOOLEAN_VALUE = 14 << 3;
  private static final int STRING_VALUE = 15 << 3 | 2;

  private byte[] buf = new byte[512];
  private int pos;

  /**
   * A DDATA: each sample by alias with its own timestamp; historical ones (forwarded from the store
   * after an outage) flagged so that hosts file them as history, not as current values.
   */
  byte[] deviceData(long seq, List<MetricSample> samples, boolean historical, Instant now) {
    pos = 0;
    varint(PAYLOAD_TIMESTAMP);
    varint(now.toEpochMilli());
    for (int i = 0, n = samples.size(); i < n; i++) {
      metric(samples.get(i), historical);
    }
    varint(PAYLOAD_SEQ);
    varint(seq);
    return Arrays.copyOf(buf, pos);
  }

  private void metric(MetricSample s, boolean historical) {
    MetricDefinition d = s.metric();
    Object value = d.type().coerce(s.value());
    long time = s.time().toEpochMilli();
    byte[] text = null;
    int valueSize;
    if (value == null) {
      valueSize = 0;
    } else {
      switch (d.type()) {
        case DOUBLE -> valueSize = 1 + 8;
        case BOOLEAN -> valueSize = 1 + 1;
        case INT32 ->
            valueSize = 1 + varintSize(Integer.toUnsignedLong(as(Integer.class, value, d)));
        case INT64 -> valueSize = 1 + varintSize(as(Long.class, value, d));
        case STRING -> {
          text = ((String) value).getBytes(StandardCharsets.UTF_8);
          valueSize = 1 + varintSize(text.length) + text.length;
        }
        default -> throw new IllegalStateException("no encoding for " + d.type());
      }
    }
    int size =
        1
            + varintSize(d.alias())
            + 1
            + varintSize(time)
            + 1
            + varintSize(d.type().sparkplug.toIntValue())
            + (historical ? 2 : 0)
            + 2
            + valueSize;
    varint(PAYLOAD_METRIC);
    varint(size);
    ensure(size);
    varint(ALIAS);
    varint(d.alias());
    varint(TIMESTAMP);
    varint(time);
    varint(DATATYPE);
    varint(d.type().sparkplug.toIntValue());
    if (historical) {
      varint(IS_HISTORICAL);
      buf[pos++] = 1;
    }
    varint(IS_NULL);
    buf[pos++] = (byte) (value == null ? 1 : 0);
    if (value == null) {
      return;
    }
    switch (d.type()) {
      case DOUBLE -> {
        varint(DOUBLE_VALUE);
        fixed64(Double.doubleToRawLongBits(as(Double.class, value, d)));
      }
      case BOOLEAN -> {
        varint(BOOLEAN_VALUE);
        buf[pos++] = (byte) (as(Boolean.class, value, d) ? 1 : 0);
      }
      case INT32 -> {
        varint(INT_VALUE);
        varint(Integer.toUnsignedLong(as(Integer.class, value, d)));
      }
      case INT64 -> {
        varint(LONG_VALUE);
        varint(as(Long.class, value, d));
      }
      case STRING -> {
        varint(STRING_VALUE);
        varint(text.length);
        System.arraycopy(text, 0, buf, pos, text.length);
        pos += text.length;
      }
      default -> throw new IllegalStateException("no encoding for " + d.type());
    }
  }

  /** The coerced value as {@code type}; anything else is a mapping error, named. */
  private static <T> T as(Class<T> type, Object value, MetricDefinition d) {
    if (type.isInstance(value)) {
      return type.cast(value);
    }
    throw wrongType(value, d);
  }

  private static IllegalStateException wrongType(Object value, MetricDefinition d) {
    return new IllegalStateException(
        "metric value of the wrong type: %s is %s, not %s"
            .formatted(d.name(), value.getClass().getSimpleName(), d.type()));
  }

  private static int varintSize(long v) {
    int bits = 64 - Long.numberOfLeadingZeros(v);
    return bits == 0 ? 1 : (bits + 6) / 7;
  }

  private void varint(long v) {
    ensure(10);
    while ((v & ~0x7FL) != 0) {
      buf[pos++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[pos++] = (byte) v;
  }

  private void fixed64(long v) {
    ensure(8);
    for (int i = 0; i < 8; i++) {
      buf[pos++] = (byte) (v >>> (8 * i));
    }
  }

  private void ensure(int more) {
    if (pos + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
    }
  }
}
