package io.motionua.server.history;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ushort;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.events.EventContentFilter;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.structured.SimpleAttributeOperand;

/**
 * The fields of a recorded event that a select clause or a where clause operand (a {@link
 * SimpleAttributeOperand}) names: BaseEventType's EventId, EventType, SourceNode, SourceName, Time,
 * ReceiveTime, Message, Severity; ConditionType's ConditionId (the NodeId attribute of the
 * condition), ConditionName and Retain; ActiveState, AckedState and ConfirmedState with their Id.
 * Anything else, or a field of a type the event is not, is null (Part 4 7.22.2). One instance per
 * request: it caches type checks and node ids.
 */
final class EventFields {

  /** A field this server recorded. */
  enum Field {
    EVENT_ID,
    EVENT_TYPE,
    SOURCE_NODE,
    SOURCE_NAME,
    TIME,
    RECEIVE_TIME,
    MESSAGE,
    SEVERITY,
    CONDITION_ID,
    CONDITION_NAME,
    RETAIN,
    ACTIVE_STATE,
    ACTIVE_STATE_ID,
    ACKED_STATE,
    ACKED_STATE_ID,
    CONFIRMED_STATE,
    CONFIRMED_STATE_ID,
    PROPERTY,
    UNKNOWN
  }

  private static final Map<String, Field> BY_PATH =
      Map.ofEntries(
          Map.entry("EventId", Field.EVENT_ID),
          Map.entry("EventType", Field.EVENT_TYPE),
          Map.entry("SourceNode", Field.SOURCE_NODE),
          Map.entry("SourceName", Field.SOURCE_NAME),
          Map.entry("Time", Field.TIME),
          Map.entry("ReceiveTime", Field.RECEIVE_TIME),
          Map.entry("Message", Field.MESSAGE),
          Map.entry("Severity", Field.SEVERITY),
          Map.entry("ConditionName", Field.CONDITION_NAME),
          Map.entry("Retain", Field.RETAIN),
          Map.entry("ActiveState", Field.ACTIVE_STATE),
          Map.entry("ActiveState/Id", Field.ACTIVE_STATE_ID),
          Map.entry("AckedState", Field.ACKED_STATE),
          Map.entry("AckedState/Id", Field.ACKED_STATE_ID),
          Map.entry("ConfirmedState", Field.CONFIRMED_STATE),
          Map.entry("ConfirmedState/Id", Field.CONFIRMED_STATE_ID));

  /**
   * A field, the type the operand names it of (null: any event) and, for an own property, its
   * {@link EventProperties#key}.
   */
  record Selected(Field field, NodeId type, String property) {
    Selected(Field field, NodeId type) {
      this(field, type, null);
    }
  }

  private final OpcUaServer server;
  private final Map<String, NodeId> nodeIds = new HashMap<>();
  private final Map<String, Boolean> isA = new HashMap<>();
  // The own properties of the event last asked for: a select clause asks field by field.
  private EventRecord decodedFor;
  private Map<String, Object> decoded = Map.of();

  EventFields(OpcUaServer server) {
    this.server = server;
  }

  /** What an operand names. */
  Selected resolve(SimpleAttributeOperand operand) {
    NodeId type = operand.getTypeDefinitionId();
    if (type == null || type.isNull() || NodeIds.BaseEventType.equals(type)) {
      type = null;
    }
    long attribute =
        operand.getAttributeId() == null
            ? AttributeId.Value.id()
            : operand.getAttributeId().longValue();
    QualifiedName[] path = operand.getBrowsePath();
    if (path == null || path.length == 0) {
      // Part 9: the ConditionId is the NodeId attribute of the condition itself.
      boolean conditionId = attribute == AttributeId.NodeId.id();
      return new Selected(conditionId ? Field.CONDITION_ID : Field.UNKNOWN, type);
    }
    boolean value = attribute == AttributeId.Value.id();
    QualifiedName first = path[0];
    if (path.length == 1 && first != null && first.namespaceIndex().intValue() != 0) {
      String uri = server.getNamespaceTable().get(first.namespaceIndex());
      return uri == null || !value
          ? new Selected(Field.UNKNOWN, type)
          : new Selected(Field.PROPERTY, type, EventProperties.key(uri, first.name()));
    }
    StringBuilder joined = new StringBuilder();
    for (QualifiedName name : path) {
      if (name == null || name.namespaceIndex().intValue() != 0) {
        return new Selected(Field.UNKNOWN, type);
      }
      if (!joined.isEmpty()) {
        joined.append('/');
      }
      joined.append(name.name());
    }
    Field field = BY_PATH.getOrDefault(joined.toString(), Field.UNKNOWN);
    return new Selected(value ? field : Field.UNKNOWN, type);
  }

  /** The value of a field of an event, null where the event has none. */
  Object value(Selected selected, EventRecord e) {
    if (selected.type() != null && !isA(e.eventType(), selected.type())) {
      return null;
    }
    return switch (selected.field()) {
      case EVENT_ID -> ByteString.of(HexFormat.of().parseHex(e.eventId()));
      case EVENT_TYPE -> nodeId(e.eventType());
      case SOURCE_NODE -> nodeId(e.source());
      case SOURCE_NAME -> e.sourceName();
      case TIME -> HistoryRawRead.dateTime(e.timeMicros());
      case RECEIVE_TIME -> HistoryRawRead.dateTime(e.receiveMicros());
      case MESSAGE -> LocalizedText.english(e.message());
      case SEVERITY -> ushort(e.severity());
      case CONDITION_ID -> e.condition() == null ? null : nodeId(e.condition());
      case CONDITION_NAME -> e.conditionName();
      case RETAIN -> EventRecord.state(e.retain());
      case ACTIVE_STATE -> text(e.active(), "Active", "Inactive");
      case ACTIVE_STATE_ID -> EventRecord.state(e.active());
      case ACKED_STATE -> text(e.acked(), "Acknowledged", "Unacknowledged");
      case ACKED_STATE_ID -> EventRecord.state(e.acked());
      case CONFIRMED_STATE -> text(e.confirmed(), "Confirmed", "Unconfirmed");
      case CONFIRMED_STATE_ID -> EventRecord.state(e.confirmed());
      case PROPERTY -> properties(e).get(selected.property());
      case UNKNOWN -> null;
    };
  }

  private Map<String, Object> properties(EventRecord e) {
    if (decodedFor != e) {
      decoded = EventProperties.decode(e.properties(), server.getNamespaceTable());
      decodedFor = e;
    }
    return decoded;
  }

  /** Whether the event's type is {@code type} or one of its subtypes. */
  boolean isA(String eventType, NodeId type) {
    return isA.computeIfAbsent(
        eventType + " " + type.toParseableString(),
        k -> {
          NodeId t = nodeId(eventType);
          return t != null && (t.equals(type) || EventContentFilter.subtypeOf(t, type, server));
        });
  }

  private NodeId nodeId(String key) {
    return nodeIds.computeIfAbsent(key, k -> EventRecorder.nodeId(k, server.getNamespaceTable()));
  }

  private static LocalizedText text(byte state, String yes, String no) {
    Boolean b = EventRecord.state(state);
    return b == null ? null : LocalizedText.english(b ? yes : no);
  }
}
