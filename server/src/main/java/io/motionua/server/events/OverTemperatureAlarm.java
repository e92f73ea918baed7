package io.motionua.server.events;

import io.motionua.server.axis.AxisSnapshot;
import java.util.Set;
import java.util.function.Consumer;
import org.eclipse.milo.opcua.sdk.server.EventListener;
import org.eclipse.milo.opcua.sdk.server.model.objects.NonExclusiveLevelAlarmTypeNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNodeContext;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A motor's over-temperature alarm: one NonExclusiveLevelAlarmType condition (an AlarmConditionType
 * with a HighLimit and a HighState) under the motor. Active while MotorTemperature is above the
 * motor's maxTemperature; it returns to normal only below maxTemperature - {@link #HYSTERESIS} so a
 * temperature hovering at the limit does not flood clients. The condition's state and events are
 * {@link AlarmCondition}'s; {@link #evaluate} runs on the link thread after each poll and does no
 * work unless the state changes.
 */
public final class OverTemperatureAlarm {

  private static final Logger logger = LoggerFactory.getLogger(OverTemperatureAlarm.class);

  /** Degrees below the limit the temperature must fall before the alarm returns to normal. */
  public static final double HYSTERESIS = 5.0;

  static final int SEVERITY_ACTIVE = 700;
  static final int SEVERITY_NORMAL = 200;

  private static final Set<String> OPTIONAL_MEMBERS =
      Set.of("ConfirmedState", "HighLimit", "HighState", "TransitionTime");

  private final AlarmCondition condition;
  private final NonExclusiveLevelAlarmTypeNode node;
  private final String motorName;
  private final TemperatureLimit limit;

  private OverTemperatureAlarm(AlarmCondition condition, String motorName, double limit) {
    this.condition = condition;
    this.node = (NonExclusiveLevelAlarmTypeNode) condition.node();
    this.motorName = motorName;
    this.limit = new TemperatureLimit(limit, HYSTERESIS);
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
    AlarmCondition condition =
        AlarmCondition.create(
            context,
            motorNode,
            motorName,
            "OverTemperature",
            NodeIds.NonExclusiveLevelAlarmType,
            OPTIONAL_MEMBERS,
            NodeIds.ProcessConditionClassType,
            "Process",
            temperatureNode,
            SEVERITY_NORMAL,
            "motor " + motorName + " temperature normal");
    var node = (NonExclusiveLevelAlarmTypeNode) condition.node();
    node.setHighLimit(maxTemperature);
    AlarmCondition.state(
        node.getHighStateNode(), false, "High active", "High inactive", DateTime.now());
    return new OverTemperatureAlarm(condition, motorName, maxTemperature);
  }

  /** The condition's state and events, e.g. for ConditionRefresh and its methods. */
  public AlarmCondition condition() {
    return condition;
  }

  public NodeId nodeId() {
    return condition.nodeId();
  }

  public NodeId sourceNode() {
    return condition.sourceNode();
  }

  /** The condition node itself. */
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
  public void evaluate(double temperature) {
    boolean active = condition.isActive();
    boolean next = limit.activeAfter(active, temperature);
    if (!active && next) {
      condition.raise(
          SEVERITY_ACTIVE,
          "motor %s over temperature: %.1f °C above the limit %.1f °C"
              .formatted(motorName, temperature, limit.limit()),
          now ->
              AlarmCondition.state(
                  node.getHighStateNode(), true, "High active", "High inactive", now));
      logger.warn(
          "motor {}: over temperature {} °C (limit {} °C)", motorName, temperature, limit.limit());
    } else if (active && !next) {
      condition.clear(
          "motor %s temperature back to normal: %.1f °C".formatted(motorName, temperature),
          now ->
              AlarmCondition.state(
                  node.getHighStateNode(), false, "High active", "High inactive", now));
      logger.info("motor {}: temperature back to normal, {} °C", motorName, temperature);
    }
  }

  public void acknowledge(ByteString eventId, LocalizedText comment, String user)
      throws UaException {
    condition.acknowledge(eventId, comment, user);
  }

  public void confirm(ByteString eventId, LocalizedText comment, String user) throws UaException {
    condition.confirm(eventId, comment, user);
  }

  public boolean replayTo(EventListener listener) {
    return condition.replayTo(listener);
  }

  public boolean isActive() {
    return condition.isActive();
  }
}
