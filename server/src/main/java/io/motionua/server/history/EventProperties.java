package io.motionua.server.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.milo.opcua.sdk.core.nodes.VariableNode;
import org.eclipse.milo.opcua.sdk.server.model.objects.BaseEventTypeNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNode;
import org.eclipse.milo.opcua.stack.core.NamespaceTable;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UByte;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.ULong;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned;

/**
 * An event type's own properties (those outside namespace 0: FaultCode, Link, Downtime, Cause ...)
 * as one text column of the events table: a JSON array of {@code {"ns": URI, "name": ..., "type":
 * ..., "value": ...}}, the namespace by URI so that it survives a change of namespace index, node
 * ids in the same by-URI form as the table's other node ids. Types kept: Boolean, the integers,
 * Float, Double, String, NodeId, LocalizedText (its text), DateTime; any other value is kept as its
 * text (type String). Standard (namespace 0) fields are columns of their own ({@link EventRecord}).
 */
final class EventProperties {

  /** An event without properties of its own. */
  static final String NONE = "";

  private static final ObjectMapper JSON = new ObjectMapper();

  private EventProperties() {}

  /** The own properties of {@code event} as they are now; {@link #NONE} when it has none. */
  static String encode(BaseEventTypeNode event, NamespaceTable namespaces) {
    ArrayNode out = JSON.createArrayNode();
    for (UaNode node : event.getPropertyNodes()) {
      if (!(node instanceof VariableNode property)) {
        continue;
      }
      QualifiedName name = property.getBrowseName();
      if (name == null || name.namespaceIndex().intValue() == 0 || property.getValue() == null) {
        continue;
      }
      Object value = property.getValue().value().value();
      if (value == null) {
        continue;
      }
      ObjectNode p = out.addObject();
      p.put("ns", namespaces.get(name.namespaceIndex()));
      p.put("name", name.name());
      put(p, value, namespaces);
    }
    return out.isEmpty() ? NONE : out.toString();
  }

  private static void put(ObjectNode p, Object value, NamespaceTable namespaces) {
    if (value instanceof Boolean b) {
      p.put("type", "Boolean").put("value", b);
    } else if (value instanceof Short s) {
      p.put("type", "Int16").put("value", s);
    } else if (value instanceof Integer i) {
      p.put("type", "Int32").put("value", i);
    } else if (value instanceof Long l) {
      p.put("type", "Int64").put("value", l);
    } else if (value instanceof UByte b) {
      p.put("type", "Byte").put("value", b.intValue());
    } else if (value instanceof UShort s) {
      p.put("type", "UInt16").put("value", s.intValue());
    } else if (value instanceof UInteger i) {
      p.put("type", "UInt32").put("value", i.longValue());
    } else if (value instanceof ULong l) {
      p.put("type", "UInt64").put("value", l.toBigInteger());
    } else if (value instanceof Float f) {
      p.put("type", "Float").put("value", f);
    } else if (value instanceof Double d) {
      p.put("type", "Double").put("value", d);
    } else if (value instanceof NodeId id) {
      p.put("type", "NodeId").put("value", EventRecorder.key(id, namespaces));
    } else if (value instanceof LocalizedText t) {
      p.put("type", "LocalizedText").put("value", t.text());
    } else if (value instanceof DateTime t) {
      p.put("type", "DateTime").put("value", t.getUtcTime());
    } else {
      p.put("type", "String").put("value", value.toString());
    }
  }

  /**
   * The properties of a recorded event by {@code "<namespace URI> <name>"}, as OPC UA values (null
   * where a recorded value no longer decodes, e.g. a node id of a namespace the server lost).
   */
  static Map<String, Object> decode(String encoded, NamespaceTable namespaces) {
    Map<String, Object> out = new HashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return out;
    }
    JsonNode array;
    try {
      array = JSON.readTree(encoded);
    } catch (Exception e) {
      return out; // a damaged column costs its own properties, not the event
    }
    for (JsonNode p : array) {
      out.put(key(p.path("ns").asText(), p.path("name").asText()), value(p, namespaces));
    }
    return out;
  }

  /** The map key of a property: its namespace URI and name. */
  static String key(String namespaceUri, String name) {
    return namespaceUri + " " + name;
  }

  private static Object value(JsonNode p, NamespaceTable namespaces) {
    JsonNode v = p.path("value");
    return switch (p.path("type").asText()) {
      case "Boolean" -> v.asBoolean();
      case "Int16" -> (short) v.asInt();
      case "Int32" -> v.asInt();
      case "Int64" -> v.asLong();
      case "Byte" -> Unsigned.ubyte(v.asInt());
      case "UInt16" -> Unsigned.ushort(v.asInt());
      case "UInt32" -> Unsigned.uint(v.asLong());
      case "UInt64" -> ULong.valueOf(v.bigIntegerValue());
      case "Float" -> (float) v.asDouble();
      case "Double" -> v.asDouble();
      case "NodeId" -> EventRecorder.nodeId(v.asText(), namespaces);
      case "LocalizedText" -> LocalizedText.english(v.asText());
      case "DateTime" -> new DateTime(v.asLong());
      default -> v.asText();
    };
  }
}
