package io.motionua.tools.client;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ubyte;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ulong;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ushort;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;

/**
 * Values between the command line and OPC UA: text typed by the user becomes a Variant of the
 * node's or argument's built-in type ({@code 45}, {@code true}, {@code [10, 20, 30]} for arrays),
 * and values read become text or JSON-ready Java values.
 */
final class ValueText {

  private static final Map<NodeId, Function<String, Object>> PARSERS =
      Map.ofEntries(
          Map.entry(NodeIds.Boolean, ValueText::bool),
          Map.entry(NodeIds.SByte, Byte::valueOf),
          Map.entry(NodeIds.Byte, t -> ubyte(Short.parseShort(t))),
          Map.entry(NodeIds.Int16, Short::valueOf),
          Map.entry(NodeIds.UInt16, t -> ushort(Integer.parseInt(t))),
          Map.entry(NodeIds.Int32, Integer::valueOf),
          Map.entry(NodeIds.UInt32, t -> uint(Long.parseLong(t))),
          Map.entry(NodeIds.Int64, Long::valueOf),
          Map.entry(NodeIds.UInt64, t -> ulong(Long.parseUnsignedLong(t))),
          Map.entry(NodeIds.Float, Float::valueOf),
          Map.entry(NodeIds.Double, Double::valueOf),
          Map.entry(NodeIds.String, t -> t),
          Map.entry(NodeIds.LocalizedText, LocalizedText::english));

  private ValueText() {}

  /**
   * The text as a value of the data type; an array when {@code array} (items separated by commas,
   * brackets optional). Enumerations are written as their number.
   */
  static Variant parse(String text, NodeId dataType, boolean array, String what)
      throws ClientFailure {
    Function<String, Object> parser = PARSERS.get(dataType);
    if (parser == null && isEnumeration(dataType)) {
      parser = Integer::valueOf;
    }
    if (parser == null) {
      throw new ClientFailure(
          new StatusCode(StatusCodes.Bad_TypeMismatch),
          what + ": values of data type " + dataType.toParseableString() + " cannot be typed");
    }
    try {
      if (!array) {
        return new Variant(parser.apply(text.strip()));
      }
      String inner = text.strip().replaceFirst("^\\[", "").replaceFirst("]$", "").strip();
      List<Object> items = new ArrayList<>();
      for (String item : inner.isEmpty() ? new String[0] : inner.split(",")) {
        items.add(parser.apply(item.strip()));
      }
      Class<?> type = items.isEmpty() ? Object.class : items.get(0).getClass();
      Object typed = Array.newInstance(type, items.size());
      for (int i = 0; i < items.size(); i++) {
        Array.set(typed, i, items.get(i));
      }
      return new Variant(typed);
    } catch (IllegalArgumentException e) {
      throw new ClientFailure(
          new StatusCode(StatusCodes.Bad_TypeMismatch),
          what + ": '" + text + "' is not a " + typeName(dataType) + (array ? " array" : ""));
    }
  }

  /** Our enumerations (AxisStateEnumeration...) live outside namespace 0; Int32 on the wire. */
  private static boolean isEnumeration(NodeId dataType) {
    return dataType.equals(NodeIds.Enumeration) || dataType.getNamespaceIndex().intValue() != 0;
  }

  private static Object bool(String text) {
    return switch (text.toLowerCase()) {
      case "true", "1" -> Boolean.TRUE;
      case "false", "0" -> Boolean.FALSE;
      default -> throw new IllegalArgumentException(text);
    };
  }

  private static String typeName(NodeId dataType) {
    return builtInName(dataType);
  }

  private static String builtInName(NodeId id) {
    for (var field : NodeIds.class.getFields()) {
      try {
        if (id.equals(field.get(null))) {
          return field.getName();
        }
      } catch (IllegalAccessException e) {
        break;
      }
    }
    return id.toParseableString();
  }

  /** A value for text output: arrays in brackets, texts as themselves. */
  static String text(Object value) {
    Object plain = plain(value);
    return plain == null ? "null" : plain.toString();
  }

  /** A value as Jackson writes it well: numbers, booleans, strings, lists. */
  static Object plain(Object value) {
    if (value == null) {
      return null;
    }
    if (value.getClass().isArray()) {
      List<Object> items = new ArrayList<>();
      for (int i = 0; i < Array.getLength(value); i++) {
        items.add(plain(Array.get(value, i)));
      }
      return items;
    }
    if (value instanceof Number n && !(value instanceof Double || value instanceof Float)) {
      return n instanceof org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UNumber u
          ? u.longValue()
          : n;
    }
    if (value instanceof Number || value instanceof Boolean || value instanceof String) {
      return value;
    }
    if (value instanceof LocalizedText t) {
      return t.text();
    }
    if (value instanceof QualifiedName q) {
      return q.toParseableString();
    }
    if (value instanceof NodeId id) {
      return id.toParseableString();
    }
    return value.toString();
  }
}
