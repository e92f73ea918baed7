package io.motionua.server.sparkplug;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.motionua.server.audit.AuditLog;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.tahu.message.SparkplugBPayloadDecoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.SparkplugBPayload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What comes in from the plant: NCMD (Node Control/Rebirth), DCMD (refused: MotionUA takes no
 * writes over Sparkplug yet, and each refusal is audited like a refused OPC UA write) and the
 * primary host's STATE. A malformed message is logged in one line and counted; it changes nothing.
 */
final class NodeCommands {

  private static final Logger logger = LoggerFactory.getLogger(NodeCommands.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the edge node should do about a message. */
  enum Action {
    NONE,
    REBIRTH,
    HOST_ONLINE,
    HOST_OFFLINE
  }

  private final SparkplugTopics topics;
  private final String stateTopic;
  private final AuditLog audit;
  private final AtomicLong malformed = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();

  NodeCommands(SparkplugTopics topics, String primaryHostId, AuditLog audit) {
    this.topics = topics;
    this.stateTopic = primaryHostId == null ? null : SparkplugTopics.state(primaryHostId);
    this.audit = audit;
  }

  long malformed() {
    return malformed.get();
  }

  /** DCMD metrics refused (each one audited). */
  long refused() {
    return refused.get();
  }

  Action handle(
      String topic,
      byte[] payload,
      Map<Long, MetricDefinition> byAlias,
      Map<String, DeviceState> devices) {
    if (topic.equals(stateTopic)) {
      return state(payload);
    }
    SparkplugBPayload decoded;
    try {
      decoded = new SparkplugBPayloadDecoder().buildFromByteArray(payload, null);
    } catch (Exception e) {
      malformed.incrementAndGet();
      logger.warn("sparkplug: malformed command on {}: {}", topic, e.getMessage());
      return Action.NONE;
    }
    if (topic.equals(topics.node("NCMD"))) {
      for (Metric m : decoded.getMetrics()) {
        if (Payloads.REBIRTH.equals(m.getName()) && Boolean.TRUE.equals(m.getValue())) {
          logger.info("sparkplug: rebirth requested");
          return Action.REBIRTH;
        }
      }
      return Action.NONE;
    }
    String prefix = topics.node("DCMD") + "/";
    if (topic.startsWith(prefix)) {
      refuse(topic.substring(prefix.length()), decoded, byAlias, devices);
    }
    return Action.NONE;
  }

  /** Every metric of the DCMD refused and audited; the drive is never touched. */
  private void refuse(
      String device,
      SparkplugBPayload command,
      Map<Long, MetricDefinition> byAlias,
      Map<String, DeviceState> devices) {
    for (Metric m : command.getMetrics()) {
      String name = m.getName();
      if (name == null && m.hasAlias()) {
        MetricDefinition d = byAlias.get(m.getAlias());
        name = d == null ? "alias " + m.getAlias() : d.name();
      }
      Object old = null;
      DeviceState state = devices.get(device);
      if (state != null && name != null && state.byName.containsKey(name)) {
        long alias = state.byName.get(name).alias();
        old =
            state.current().stream()
                .filter(s -> s.metric().alias() == alias)
                .findFirst()
                .map(MetricSample::value)
                .orElse(null);
      }
      refused.incrementAndGet();
      logger.info(
          "sparkplug: DCMD to {} {} = {} refused: commands over Sparkplug are off",
          device,
          name,
          m.getValue());
      if (audit != null) {
        audit.write(
            "sparkplug", null, device + "/" + name, old, m.getValue(), "Bad_UserAccessDenied");
      }
    }
  }

  private Action state(byte[] payload) {
    try {
      JsonNode json = JSON.readTree(payload);
      if (json == null || !json.has("online")) {
        throw new IllegalArgumentException("no 'online' field");
      }
      return json.get("online").asBoolean() ? Action.HOST_ONLINE : Action.HOST_OFFLINE;
    } catch (Exception e) {
      malformed.incrementAndGet();
      logger.warn("sparkplug: malformed STATE of the primary host: {}", e.getMessage());
      return Action.NONE;
    }
  }
}
