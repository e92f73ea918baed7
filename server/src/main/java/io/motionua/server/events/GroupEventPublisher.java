package io.motionua.server.events;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ushort;

import io.motionua.nodeset.MotionUaModel;
import io.motionua.server.group.GroupFault;
import java.util.List;
import java.util.UUID;
import org.eclipse.milo.opcua.sdk.core.nodes.VariableNode;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.model.objects.BaseEventTypeNode;
import org.eclipse.milo.opcua.stack.core.UaException;
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
 * Turns one group's {@link GroupFault}s into GroupFaultEventType events with the group object as
 * SourceNode, and fires them on the server's notifier. Runs on the thread that saw the failure (a
 * link thread, or the group's timer), holding the group's lock: building and firing an event is
 * in-memory work only.
 */
public final class GroupEventPublisher {

  private static final Logger logger = LoggerFactory.getLogger(GroupEventPublisher.class);

  /**
   * Like CommunicationLost: production stopped and needs a GroupReset. Below AxisFault's 800, which
   * a drive fault raises on the axis as well; a following error or a late finish has only this.
   */
  static final int SEVERITY_GROUP_FAULT = 700;

  private final OpcUaServer server;
  private final UShort typesNs;
  private final NodeId groupNode;
  private final String groupName;
  private final List<NodeId> members;

  /**
   * @param typesNs the server's index of the MotionUA model namespace
   * @param members the member axes' objects, in the group's member order
   */
  public GroupEventPublisher(
      OpcUaServer server,
      UShort typesNs,
      NodeId groupNode,
      String groupName,
      List<NodeId> members) {
    this.server = server;
    this.typesNs = typesNs;
    this.groupNode = groupNode;
    this.groupName = groupName;
    this.members = List.copyOf(members);
  }

  /** An {@link io.motionua.server.group.AxisGroup} fault listener. */
  public void publish(GroupFault fault) {
    BaseEventTypeNode node = null;
    try {
      node = create(fault);
      server.getEventNotifier().fire(node);
    } catch (UaException | RuntimeException e) {
      logger.warn("group {}: could not publish the fault of {}", groupName, fault.axisName(), e);
    } finally {
      if (node != null) {
        node.delete();
      }
    }
  }

  private BaseEventTypeNode create(GroupFault fault) throws UaException {
    NodeId typeId = MotionUaModel.nodeId(typesNs, MotionUaModel.GROUP_FAULT_EVENT_TYPE);
    BaseEventTypeNode node =
        server.getEventFactory().createEvent(new NodeId(typesNs, UUID.randomUUID()), typeId);
    property(node, "Axis", members.get(fault.axis()));
    property(node, "AxisName", fault.axisName());
    property(node, "Cause", fault.cause());
    property(node, "Command", fault.command());
    property(node, "FaultReaction", fault.reaction());
    node.setBrowseName(new QualifiedName(typesNs, "GroupFaultEvent"));
    node.setDisplayName(LocalizedText.english("GroupFaultEvent"));
    node.setEventId(AxisEventPublisher.eventId());
    node.setEventType(typeId);
    node.setSourceNode(groupNode);
    node.setSourceName(groupName);
    node.setTime(DateTime.now());
    node.setReceiveTime(DateTime.NULL_VALUE);
    node.setMessage(LocalizedText.english(fault.message()));
    node.setSeverity(ushort(SEVERITY_GROUP_FAULT));
    return node;
  }

  private void property(BaseEventTypeNode node, String name, Object value) {
    VariableNode property =
        node.getPropertyNode(new QualifiedName(typesNs, name))
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "GroupFaultEventType has no property " + name + " in the loaded model"));
    property.setValue(new DataValue(new Variant(value)));
  }
}
