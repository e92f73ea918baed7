package io.motionua.server.events;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ushort;

import io.motionua.nodeset.MotionUaModel;
import io.motionua.server.axis.AxisEvent;
import java.util.UUID;
import java.util.function.DoubleSupplier;
import org.eclipse.milo.opcua.sdk.core.nodes.VariableNode;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.model.objects.BaseEventTypeNode;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one axis's {@link AxisEvent}s into OPC UA events of the model's event types
 * (AxisFaultEventType, CommunicationLostEventType, CommunicationRestoredEventType,
 * MoveCompletedEventType) with the axis object as SourceNode, and fires them on the server's
 * notifier. Runs on the link thread: building an event is in-memory work only.
 */
public final class AxisEventPublisher {

  private static final Logger logger = LoggerFactory.getLogger(AxisEventPublisher.class);

  static final int SEVERITY_FAULT = 800;
  static final int SEVERITY_COMMUNICATION_LOST = 700;
  static final int SEVERITY_COMMUNICATION_RESTORED = 300;
  static final int SEVERITY_MOVE_COMPLETED = 100;

  private final OpcUaServer server;
  private final UShort typesNs;
  private final NodeId axisNode;
  private final String axisName;
  private final String link;
  private final DoubleSupplier position;
  private volatile long lostAtNanos = -1;

  /**
   * @param typesNs the server's index of the MotionUA model namespace
   * @param link the name of the link the axis's drive is on
   * @param position the axis's actual position, for MoveCompleted
   */
  public AxisEventPublisher(
      OpcUaServer server,
      UShort typesNs,
      NodeId axisNode,
      String axisName,
      String link,
      DoubleSupplier position) {
    this.server = server;
    this.typesNs = typesNs;
    this.axisNode = axisNode;
    this.axisName = axisName;
    this.link = link;
    this.position = position;
  }

  /** An {@link io.motionua.server.axis.AxisController} event listener. */
  public void publish(AxisEvent event) {
    BaseEventTypeNode node = null;
    try {
      node = create(event);
      server.getEventNotifier().fire(node);
    } catch (UaException | RuntimeException e) {
      logger.warn("axis {}: could not publish {} event", axisName, event.kind(), e);
    } finally {
      if (node != null) {
        node.delete();
      }
    }
  }

  private BaseEventTypeNode create(AxisEvent event) throws UaException {
    long type =
        switch (event.kind()) {
          case FAULT -> MotionUaModel.AXIS_FAULT_EVENT_TYPE;
          case COMMUNICATION_LOST -> MotionUaModel.COMMUNICATION_LOST_EVENT_TYPE;
          case COMMUNICATION_RESTORED -> MotionUaModel.COMMUNICATION_RESTORED_EVENT_TYPE;
          case MOVE_COMPLETED -> MotionUaModel.MOVE_COMPLETED_EVENT_TYPE;
        };
    NodeId typeId = MotionUaModel.nodeId(typesNs, type);
    BaseEventTypeNode node =
        server.getEventFactory().createEvent(new NodeId(typesNs, UUID.randomUUID()), typeId);
    String message = event.message();
    int severity;
    switch (event.kind()) {
      case FAULT -> {
        String text = FaultTexts.of(event.code());
        message = "axis " + axisName + ": " + text;
        property(node, "FaultCode", ushort(event.code() & 0xFFFF));
        property(node, "FaultText", text);
        property(node, "Axis", axisNode);
        severity = SEVERITY_FAULT;
      }
      case COMMUNICATION_LOST -> {
        lostAtNanos = System.nanoTime();
        property(node, "Link", link);
        property(node, "LastError", event.message());
        severity = SEVERITY_COMMUNICATION_LOST;
      }
      case COMMUNICATION_RESTORED -> {
        long lost = lostAtNanos;
        double downtimeMs = lost < 0 ? 0.0 : (System.nanoTime() - lost) / 1e6;
        lostAtNanos = -1;
        property(node, "Link", link);
        property(node, "Downtime", downtimeMs);
        severity = SEVERITY_COMMUNICATION_RESTORED;
      }
      case MOVE_COMPLETED -> {
        property(node, "Axis", axisNode);
        property(node, "Position", position.getAsDouble());
        severity = SEVERITY_MOVE_COMPLETED;
      }
      default -> throw new IllegalStateException("unknown event kind " + event.kind());
    }
    node.setBrowseName(new QualifiedName(typesNs, "AxisEvent"));
    node.setDisplayName(LocalizedText.english("AxisEvent"));
    node.setEventId(eventId());
    node.setEventType(typeId);
    node.setSourceNode(axisNode);
    node.setSourceName(axisName);
    node.setTime(DateTime.now());
    node.setReceiveTime(DateTime.NULL_VALUE);
    node.setMessage(LocalizedText.english(message));
    node.setSeverity(ushort(severity));
    return node;
  }

  private void property(BaseEventTypeNode node, String name, Object value) {
    VariableNode property =
        node.getPropertyNode(new QualifiedName(typesNs, name))
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "event type "
                            + node.getTypeDefinitionNode().getBrowseName()
                            + " has no property "
                            + name
                            + " in the loaded model"));
    property.setValue(new DataValue(new Variant(value)));
  }

  /** A fresh 16-byte EventId. */
  static ByteString eventId() {
    UUID u = UUID.randomUUID();
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16);
    b.putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
    return ByteString.of(b.array());
  }
}
