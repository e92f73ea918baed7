package io.motionua.server.history;

import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.milo.opcua.sdk.server.EventListener;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.model.objects.AcknowledgeableConditionTypeNode;
import org.eclipse.milo.opcua.sdk.server.model.objects.AlarmConditionTypeNode;
import org.eclipse.milo.opcua.sdk.server.model.objects.BaseEventTypeNode;
import org.eclipse.milo.opcua.sdk.server.model.objects.ConditionTypeNode;
import org.eclipse.milo.opcua.stack.core.NamespaceTable;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;

/**
 * Records every event the server fires: a listener on the server's notifier, called on the thread
 * that fires (a link thread for axis events and alarm transitions, Milo's pool for Acknowledge and
 * Confirm). It copies the fields into an {@link EventRecord} (the fired node may be deleted right
 * after) and offers it to the writer's bounded event queue; it never waits.
 */
final class EventRecorder implements EventListener {

  private final OpcUaServer server;
  private final HistoryWriter writer;
  // Microseconds since 1970 at start, then +1 per event: increasing across restarts too.
  private final AtomicLong seq = new AtomicLong(System.currentTimeMillis() * 1000);

  EventRecorder(OpcUaServer server, HistoryWriter writer) {
    this.server = server;
    this.writer = writer;
  }

  void attach() {
    server.getEventNotifier().register(this);
  }

  void detach() {
    server.getEventNotifier().unregister(this);
  }

  @Override
  public void onEvent(BaseEventTypeNode event) {
    writer.offerEvent(record(event, server.getNamespaceTable(), seq.incrementAndGet()));
  }

  /** The fields of {@code event} as they are now (called under the condition's lock). */
  static EventRecord record(BaseEventTypeNode event, NamespaceTable namespaces, long seq) {
    long now = System.currentTimeMillis() * 1000;
    DateTime time = event.getTime();
    long timeMicros = HistoryRawRead.specified(time) ? HistoryRawRead.micros(time) : now;
    String condition = null;
    String conditionName = null;
    Boolean active = null;
    Boolean acked = null;
    Boolean confirmed = null;
    Boolean retain = null;
    if (event instanceof ConditionTypeNode c) {
      condition = key(c.getNodeId(), namespaces);
      conditionName = c.getConditionName();
      retain = c.getRetain();
    }
    if (event instanceof AcknowledgeableConditionTypeNode a) {
      acked = a.getAckedStateNode() == null ? null : a.getAckedStateNode().getId();
      confirmed = a.getConfirmedStateNode() == null ? null : a.getConfirmedStateNode().getId();
    }
    if (event instanceof AlarmConditionTypeNode a) {
      active = a.getActiveStateNode() == null ? null : a.getActiveStateNode().getId();
    }
    ByteString id = event.getEventId();
    LocalizedText message = event.getMessage();
    UShort severity = event.getSeverity();
    return new EventRecord(
        timeMicros,
        now,
        seq,
        id == null || id.isNull() ? "" : HexFormat.of().formatHex(id.bytesOrEmpty()),
        key(event.getEventType(), namespaces),
        key(event.getSourceNode(), namespaces),
        event.getSourceName() == null ? "" : event.getSourceName(),
        message == null || message.text() == null ? "" : message.text(),
        severity == null ? 0 : severity.intValue(),
        condition,
        conditionName,
        EventRecord.of(active),
        EventRecord.of(acked),
        EventRecord.of(confirmed),
        EventRecord.of(retain),
        EventProperties.encode(event, namespaces));
  }

  /** A node id with its namespace by URI (ns=0 stays as it is); empty for none. */
  static String key(NodeId id, NamespaceTable namespaces) {
    if (id == null || id.isNull()) {
      return "";
    }
    if (id.getNamespaceIndex().intValue() == 0) {
      return id.toParseableString();
    }
    return id.expanded(namespaces).toParseableString();
  }

  /** The node id of a {@link #key}, null when its namespace is no longer in the server. */
  static NodeId nodeId(String key, NamespaceTable namespaces) {
    if (key == null || key.isEmpty()) {
      return null;
    }
    try {
      return org.eclipse.milo.opcua.stack.core.types.builtin.ExpandedNodeId.parse(key)
          .toNodeId(namespaces)
          .orElse(null);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
