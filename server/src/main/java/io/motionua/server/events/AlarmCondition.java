package io.motionua.server.events;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ushort;

import java.util.Set;
import java.util.function.Consumer;
import org.eclipse.milo.opcua.sdk.server.EventListener;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.model.objects.AlarmConditionTypeNode;
import org.eclipse.milo.opcua.sdk.server.model.variables.TwoStateVariableTypeNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNodeContext;
import org.eclipse.milo.opcua.sdk.server.nodes.factories.NodeFactory;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;

/**
 * One alarm condition (OPC 10000-9 AlarmConditionType or a subtype) and its state: Active, Acked,
 * Confirmed when the node has a ConfirmedState; Retain while active, unacknowledged or (when
 * confirmable) unconfirmed; Severity and LastSeverity; a new EventId for every change, and the
 * condition node fired as its own event. {@link #raise} and {@link #clear} run on link threads and
 * do nothing unless the state changes; Acknowledge and Confirm run on Milo's pool; all lock this
 * object, so an event always shows one consistent state. Subclass-free: an alarm adds its own
 * fields (e.g. HighState) through the {@code extra} callbacks, which run under the same lock.
 */
public final class AlarmCondition {

  private final OpcUaServer server;
  private final AlarmConditionTypeNode node;
  private final String what;
  private final int normalSeverity;
  private ByteString lastEventId;
  private boolean active;

  private AlarmCondition(
      OpcUaServer server, AlarmConditionTypeNode node, String what, int normalSeverity) {
    this.server = server;
    this.node = node;
    this.what = what;
    this.normalSeverity = normalSeverity;
    this.lastEventId = node.getEventId();
  }

  /**
   * Creates the condition node {@code <source id>/<name>} of {@code type} in the namespace of
   * {@code context}, inactive, acknowledged and confirmed; the caller links it under the source
   * (HasComponent and HasCondition).
   *
   * @param optionalMembers the type's optional children to instantiate (e.g. ConfirmedState)
   * @param conditionClass e.g. ProcessConditionClassType or SystemConditionClassType
   * @param normal the Severity while inactive, and its Message
   */
  public static AlarmCondition create(
      UaNodeContext context,
      NodeId source,
      String sourceName,
      String name,
      NodeId type,
      Set<String> optionalMembers,
      NodeId conditionClass,
      String conditionClassName,
      NodeId inputNode,
      int normalSeverity,
      String normal)
      throws UaException {
    NodeId id = new NodeId(source.getNamespaceIndex(), source.getIdentifier() + "/" + name);
    var node =
        (AlarmConditionTypeNode)
            new NodeFactory(context)
                .createNode(
                    id,
                    type,
                    new NodeFactory.InstantiationCallback() {
                      @Override
                      public boolean includeOptionalNode(NodeId t, QualifiedName browseName) {
                        return optionalMembers.contains(browseName.name());
                      }
                    });
    node.setBrowseName(new QualifiedName(source.getNamespaceIndex(), name));
    node.setDisplayName(LocalizedText.english(name));
    node.setEventType(type);
    node.setSourceNode(source);
    node.setSourceName(sourceName);
    node.setConditionName(name);
    node.setConditionClassId(conditionClass);
    node.setConditionClassName(LocalizedText.english(conditionClassName));
    node.setBranchId(NodeId.NULL_VALUE);
    node.setInputNode(inputNode);
    node.setSuppressedOrShelved(false);
    node.setQuality(StatusCode.GOOD);
    node.setComment(LocalizedText.NULL_VALUE);
    node.setClientUserId("");
    node.setReceiveTime(DateTime.NULL_VALUE);
    DateTime now = DateTime.now();
    // The condition variables' SourceTimestamp: when each got its value (never Good null).
    node.getQualityNode().setSourceTimestamp(now);
    node.getLastSeverityNode().setSourceTimestamp(now);
    node.getCommentNode().setSourceTimestamp(now);
    state(node.getEnabledStateNode(), true, "Enabled", "Disabled", now);
    state(node.getActiveStateNode(), false, "Active", "Inactive", now);
    state(node.getAckedStateNode(), true, "Acknowledged", "Unacknowledged", now);
    if (node.getConfirmedStateNode() != null) {
      state(node.getConfirmedStateNode(), true, "Confirmed", "Unconfirmed", now);
    }
    node.setRetain(false);
    node.setSeverity(ushort(normalSeverity));
    node.setLastSeverity(ushort(normalSeverity));
    node.setMessage(LocalizedText.english(normal));
    node.setTime(now);
    node.setEventId(AxisEventPublisher.eventId());
    return new AlarmCondition(
        context.getServer(), node, name + " of " + sourceName, normalSeverity);
  }

  public NodeId nodeId() {
    return node.getNodeId();
  }

  public NodeId sourceNode() {
    return node.getSourceNode();
  }

  /** The condition node, e.g. for its Acknowledge and Confirm method nodes. */
  public AlarmConditionTypeNode node() {
    return node;
  }

  public synchronized boolean isActive() {
    return active;
  }

  /** Becomes active (unacknowledged, unconfirmed) and fires; nothing when already active. */
  public synchronized void raise(int severity, String message, Consumer<DateTime> extra) {
    if (active) {
      return;
    }
    active = true;
    DateTime now = DateTime.now();
    state(node.getActiveStateNode(), true, "Active", "Inactive", now);
    state(node.getAckedStateNode(), false, "Acknowledged", "Unacknowledged", now);
    if (node.getConfirmedStateNode() != null) {
      state(node.getConfirmedStateNode(), false, "Confirmed", "Unconfirmed", now);
    }
    node.setComment(LocalizedText.NULL_VALUE);
    node.getCommentNode().setSourceTimestamp(now);
    extra.accept(now);
    fire(severity, message, now);
  }

  /** Returns to normal and fires; nothing when not active. Retained until acknowledged. */
  public synchronized void clear(String message, Consumer<DateTime> extra) {
    if (!active) {
      return;
    }
    active = false;
    DateTime now = DateTime.now();
    state(node.getActiveStateNode(), false, "Active", "Inactive", now);
    extra.accept(now);
    fire(normalSeverity, message, now);
  }

  /**
   * Acknowledge: refused with Bad_EventIdUnknown unless {@code eventId} is that of the latest
   * event, with Bad_ConditionBranchAlreadyAcked when acknowledged already.
   */
  public synchronized void acknowledge(ByteString eventId, LocalizedText comment, String user)
      throws UaException {
    checkEventId(eventId);
    if (Boolean.TRUE.equals(node.getAckedStateNode().getId())) {
      throw new UaException(
          StatusCodes.Bad_ConditionBranchAlreadyAcked, what + " is acknowledged already");
    }
    DateTime now = DateTime.now();
    state(node.getAckedStateNode(), true, "Acknowledged", "Unacknowledged", now);
    comment(comment, user, now);
    fire(severity(), what + " acknowledged", now);
  }

  /** Confirm: needs Acknowledge first (Bad_InvalidState otherwise). */
  public synchronized void confirm(ByteString eventId, LocalizedText comment, String user)
      throws UaException {
    checkEventId(eventId);
    TwoStateVariableTypeNode confirmed = node.getConfirmedStateNode();
    if (confirmed == null) {
      throw new UaException(StatusCodes.Bad_MethodInvalid, what + " takes no Confirm");
    }
    if (!Boolean.TRUE.equals(node.getAckedStateNode().getId())) {
      throw new UaException(StatusCodes.Bad_InvalidState, what + " is not acknowledged");
    }
    if (Boolean.TRUE.equals(confirmed.getId())) {
      throw new UaException(
          StatusCodes.Bad_ConditionBranchAlreadyConfirmed, what + " is confirmed already");
    }
    DateTime now = DateTime.now();
    state(confirmed, true, "Confirmed", "Unconfirmed", now);
    comment(comment, user, now);
    fire(severity(), what + " confirmed", now);
  }

  /**
   * For ConditionRefresh: hands the condition's current state to {@code listener} if it is
   * retained. Returns whether it did.
   */
  public synchronized boolean replayTo(EventListener listener) {
    if (!Boolean.TRUE.equals(node.getRetain())) {
      return false;
    }
    listener.onEvent(node);
    return true;
  }

  private void checkEventId(ByteString eventId) throws UaException {
    if (eventId == null || !eventId.equals(lastEventId)) {
      throw new UaException(
          StatusCodes.Bad_EventIdUnknown, "EventId is not that of the latest event of " + what);
    }
  }

  private int severity() {
    return node.getSeverity().intValue();
  }

  private void comment(LocalizedText comment, String user, DateTime now) {
    if (comment != null && comment.text() != null && !comment.text().isEmpty()) {
      node.setComment(comment);
      node.getCommentNode().setSourceTimestamp(now);
    }
    node.setClientUserId(user);
  }

  /** Sets Retain, a new EventId, Time, Severity and Message, and fires the condition. */
  private void fire(int severity, String message, DateTime now) {
    TwoStateVariableTypeNode confirmed = node.getConfirmedStateNode();
    boolean retain =
        active
            || !Boolean.TRUE.equals(node.getAckedStateNode().getId())
            || (confirmed != null && !Boolean.TRUE.equals(confirmed.getId()));
    node.setRetain(retain);
    node.setLastSeverity(node.getSeverity());
    node.getLastSeverityNode().setSourceTimestamp(now);
    node.setSeverity(ushort(severity));
    node.setMessage(LocalizedText.english(message));
    node.setTime(now);
    lastEventId = AxisEventPublisher.eventId();
    node.setEventId(lastEventId);
    server.getEventNotifier().fire(node);
  }

  static void state(
      TwoStateVariableTypeNode state, boolean id, String trueText, String falseText, DateTime now) {
    state.setValue(new DataValue(new Variant(LocalizedText.english(id ? trueText : falseText))));
    state.setId(id);
    state.setTransitionTime(now);
  }
}
