package io.motionua.server.sparkplug;

import org.eclipse.tahu.message.model.MetricDataType;

/** The value types the edge node publishes, with their Sparkplug data types. */
enum MetricType {
  DOUBLE(MetricDataType.Double),
  BOOLEAN(MetricDataType.Boolean),
  INT32(MetricDataType.Int32),
  INT64(MetricDataType.Int64),
  STRING(MetricDataType.String);

  final MetricDataType sparkplug;

  MetricType(MetricDataType sparkplug) {
    this.sparkplug = sparkplug;
  }

  /** A value as this type needs it (the drivers hand over Longs, Doubles and Booleans). */
  Object coerce(Object value) {
    if (value == null) {
      return null;
    }
    return switch (this) {
      case DOUBLE -> value instanceof Number n ? n.doubleValue() : value;
      case INT32 -> value instanceof Number n ? n.intValue() : value;
      case INT64 -> value instanceof Number n ? n.longValue() : value;
      case BOOLEAN -> value instanceof Number n ? n.doubleValue() != 0 : value;
      case STRING -> value.toString();
    };
  }
}
