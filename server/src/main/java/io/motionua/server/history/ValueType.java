package io.motionua.server.history;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ushort;

import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;

/**
 * How a recorded variable's values are kept as a double and given back with their own type: Double,
 * Float, UInt16, Boolean, and Int32 for everything else (enumerations).
 */
enum ValueType {
  DOUBLE,
  FLOAT,
  USHORT,
  BOOLEAN,
  INT;

  static ValueType of(NodeId dataType) {
    if (NodeIds.Double.equals(dataType)) {
      return DOUBLE;
    } else if (NodeIds.Float.equals(dataType)) {
      return FLOAT;
    } else if (NodeIds.UInt16.equals(dataType)) {
      return USHORT;
    } else if (NodeIds.Boolean.equals(dataType)) {
      return BOOLEAN;
    }
    return INT;
  }

  /** The value as stored; NaN when there is none (a variable never read). */
  static double toDouble(Object value) {
    if (value instanceof Number n) {
      return n.doubleValue();
    } else if (value instanceof Boolean b) {
      return b ? 1.0 : 0.0;
    } else if (value instanceof UShort u) {
      return u.doubleValue();
    }
    return Double.NaN;
  }

  /** A stored value as the variable's own type; null for NaN. */
  Variant toVariant(double value) {
    if (Double.isNaN(value)) {
      return Variant.NULL_VALUE;
    }
    return switch (this) {
      case DOUBLE -> new Variant(value);
      case FLOAT -> new Variant((float) value);
      case USHORT -> new Variant(ushort((int) value));
      case BOOLEAN -> new Variant(value != 0);
      case INT -> new Variant((int) value);
    };
  }
}
