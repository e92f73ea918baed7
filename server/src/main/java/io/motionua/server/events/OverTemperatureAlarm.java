package io.motionua.server.events;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ushort;

import io.motionua.server.axis.AxisSnapshot;
import java.util.Set;
import java.util.function.Consumer;
import org.eclipse.milo.opcua.sdk.server.EventListener;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.model.objects.NonExclusiveLevelAlarmTypeNode;
import org.eclipse.milo.opcua.sdk.server.model.variables.TwoStateVariableTypeNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNodeContext;
import org.eclipse.milo.opcua.sdk.server.nodes.factories.NodeFactory;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A motor's over-temperature alarm: one NonExclusiveLevelAlarmType condition (an AlarmConditionType
 * with a HighLimit and a HighState) under the motor. Active while MotorTemperature is above the
 * motor's maxTemperature; it returns to normal only below maxTemperature - {@link #HYSTERESIS} so a
 * temperature hovering at the limit does not flood clients. Every state change (active, normal,
 * acknowledged, confirmed) fires the condition as an event with a new EventId.
 *
 * <p>{@link #evaluate} runs on the link thread after each poll and does no work unless the state
 * changes; Acknowledge and Confirm run on Milo's pool. Both lock this alarm, so an event always
 * shows one consistent state.
 */
public final class OverTemperatureAlarm {

  private static final Logger logger = LoggerFactory.getLogger(OverTemperatureAlarm.class);

  /** Degrees below the limit the temperature must fall before the alarm returns to normal. */
  public static final double HYSTERESIS = 5.0;

  static final int SEVERITY_ACTIVE = 700;
  static final int SEVERITY_NORMAL = 200;

  private static final Set<String> OPTIONAL_MEMBERS =
      Set.of("ConfirmedState", "HighLimit", "HighState", "TransitionTime");

  private final OpcUaServer server;
  private final NonExclusiveLevelAlarmTypeNode node;
  private final String motorName;
  private final TemperatureLimit limit;
  private ByteString lastEventId;
  private boolean active; // mirrors ActiveState/Id, so a poll does not look up nodes

  private OverTemperatureAlarm(
      OpcUaServer server, NonExclusiveLevelAlarmTypeNode node, String motorName, double limit) {
    this.server = server;
    this.node = node;
    this.motorName = motorName;
    this.limit = new TemperatureLimit(limit, HYSTERESIS);
    this.lastEventId = node.getEventId();
  }

  /**
   * Creates the condition node {@code <motor id>/OverTemperature} in the namespace of {@code
   * context}; the caller links it under the motor (HasComponent and HasCondition).
   *
   * @param motorNode the SourceNode of the alarm's events
   * @param temperatureNode the MotorTemperature variable, the alarm's InputNode
   */
  public static OverTemperatureAlarm create(
      UaNodeContext context,
      NodeId motorNode,
      String motorName,
      NodeId temperatureNode,
      double maxTemperature)
      throws UaException {
    NodeId id =
        new NodeId(motorNode.getNamespaceIndex(), motorNode.getIdentifier() + "/OverTemperature");
    var node =
        (NonExclusiveLevelAlarmTypeNode)
            new NodeFactory(context)
                .createNode(
                    id,
                    NodeIds.NonExclusiveLevelAlarmType,
                    new NodeFactory.InstantiationCallback() {
                      @Override
                      public boolean includeOptionalNode(NodeId type, QualifiedName browseName) {
                        return OPTIONAL_MEMBERS.contains(browseName.name());
                      }
                    });
    node.setBrowseName(new QualifiedName(motorNode.getNamespaceIndex(), "OverTemperature"));
    node.setDisplayName(LocalizedText.english("OverTemperature"));
    node.setEventType(NodeIds.NonExclusiveLevelAlarmType);
    node.setSourceNode(motorNode);
    node.setSourceName(motorName);
    node.setConditionName("OverTemperature");
    node.setConditionClassId(NodeIds.ProcessConditionClassType);
    node.setConditionClassName(LocalizedText.english("Process"));
    node.setBranchId(NodeId.NULL_VALUE);
    node.setInputNode(temperatureNode);
    node.setSuppressedOrShelved(false);
    node.setHighLimit(maxTemperature);
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
    state(node.getHighStateNode(), false, "High active", "High inactive", now);
    state(node.getAckedStateNode(), true, "Acknowledged", "Unacknowledged", now);
    state(node.getConfirmedStateNode(), true, "Confirmed", "Unconfirmed", now);
    node.setRetain(false);
    node.setSeverity(ushort(SEVERITY_NORMAL));
    node.setLastSeverity(ushort(SEVERITY_NORMAL));
    node.setMessage(LocalizedText.english("motor " + motorName + " temperature normal"));
    node.setTime(now);
    node.setEventId(AxisEventPublisher.eventId());
    return new OverTemperatureAlarm(context.getServer(), node, motorName, maxTemperature);
  }

  public NodeId nodeId() {
    return node.getNodeId();
  }

  public NodeId sourceNode() {
    return node.getSourceNode();
  }

  /** The condition node itself, e.g. to install method handlers on its Acknowledge and Confirm. */
  public NonExclusiveLevelAlarmTypeNode node() {
    return node;
  }

  /** An axis observer: compares the polled motor temperature with the limit. */
  public Consumer<AxisSnapshot> observer() {
    return snapshot -> {
      if (snapshot.isOnline()) {
        evaluate(snapshot.motorTemperature());
      }
    };
  }

  /** Raises above the limit, clears below limit - hysteresis; fires only on a change. */
  public synchronized void evaluate(double temperature) {
    boolean next = limit.activeAfter(active, temperature);
    if (!active && next) {
      active = true;
      DateTime now = DateTime.now();
      state(node.getActiveStateNode(), true, "Active", "Inactive", now);
      state(node.getHighStateNode(), true, "High active", "High inactive", now);
      state(node.getAckedStateNode(), false, "Acknowledged", "Unacknowledged", now);
      state(node.getConfirmedStateNode(), false, "Confirmed", "Unconfirmed", now);
      node.setComment(LocalizedText.NULL_VALUE);
      node.getCommentNode().setSourceTimestamp(now);
      fire(
          SEVERITY_ACTIVE,
          "motor %s over temperature: %.1f °C above the limit %.1f °C"
              .formatted(motorName, temperature, limit.limit()),
          now);
      logger.warn(
          "motor {}: over temperature {} °C (limit {} °C)", motorName, temperature, limit.limit());
    } else if (active && !next) {
      active = false;
      DateTime now = DateTime.now();
      state(node.getActiveStateNode(), false, "Active", "Inactive", now);
      state(node.getHighStateNode(), false, "High active", "High inactive", now);
      fire(
          SEVERITY_NORMAL,
          "motor %s temperature back to normal: %.1f °C".formatted(motorName, temperature),
          now);
      logger.info("motor {}: temperature back to normal, {} °C", motorName, temperature);
    }
  }

  /**
   * Acknowledge: the operator has seen the alarm. Refused with Bad_EventIdUnknown unless {@code
   * eventId} is that of the condition's latest event, and with Bad_ConditionBranchAlreadyAcked when
   * it is acknowledged already.
   */
  public synchronized void acknowledge(ByteString eventId, LocalizedText comment, String user)
      throws UaException {
    checkEventId(eventId);
    if (Boolean.TRUE.equals(node.getAckedStateNode().getId())) {
      throw new UaException(
          StatusCodes.Bad_ConditionBranchAlreadyAcked,
          "OverTemperature of " + motorName + " is acknowledged already");
    }
    DateTime now = DateTime.now();
    state(node.getAckedStateNode(), true, "Acknowledged", "Unacknowledged", now);
    comment(comment, user, now);
    fire(severity(), "motor %s over temperature acknowledged".formatted(motorName), now);
  }

  /** Confirm: the cause is dealt with. Needs Acknowledge first (Bad_InvalidState otherwise). */
  public synchronized void confirm(ByteString eventId, LocalizedText comment, String user)
      throws UaException {
    checkEventId(eventId);
    if (!Boolean.TRUE.equals(node.getAckedStateNode().getId())) {
      throw new UaException(
          StatusCodes.Bad_InvalidState, "OverTemperature of " + motorName + " is not acknowledged");
    }
    if (Boolean.TRUE.equals(node.getConfirmedStateNode().getId())) {
      throw new UaException(
          StatusCodes.Bad_ConditionBranchAlreadyConfirmed,
          "OverTemperature of " + motorName + " is confirmed already");
    }
    DateTime now = DateTime.now();
    state(node.getConfirmedStateNode(), true, "Confirmed", "Unconfirmed", now);
    comment(comment, user, now);
    fire(severity(), "motor %s over temperature confirmed".formatted(motorName), now);
  }

  /**
   * For ConditionRefresh: hands the condition's current state to {@code listener} if it is retained
   * (active, or not yet acknowledged or confirmed). Returns whether it did.
   */
  public synchronized boolean replayTo(EventListener listener) {
    if (!Boolean.TRUE.equals(node.getRetain())) {
      return false;
    }
    listener.onEvent(node);
    return true;
  }

  public synchronized boolean isActive() {
    return active;
  }

  private void checkEventId(ByteString eventId) throws UaException {
    if (eventId == null || !eventId.equals(lastEventId)) {
      throw new UaException(
          StatusCodes.Bad_EventIdUnknown,
          "EventId is not that of the latest event of OverTemperature of " + motorName);
    }
  }

  private int severity() {
    return isActive() ? SEVERITY_ACTIVE : SEVERITY_NORMAL;
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
    boolean retain =
        isActive()
            || !Boolean.TRUE.equals(node.getAckedStateNode().getId())
            || !Boolean.TRUE.equals(node.getConfirmedStateNode().getId());
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

  private static void state(
      TwoStateVariableTypeNode state, boolean id, String trueText, String falseText, DateTime now) {
    state.setValue(
        new org.eclipse.milo.opcua.stack.core.types.builtin.DataValue(
            new org.eclipse.milo.opcua.stack.core.types.builtin.Variant(
                LocalizedText.english(id ? trueText : falseText))));
    state.setId(id);
    state.setTransitionTime(now);
  }
}
