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
 * What comes in from the plant: NCMD (Node Control/Rebirth), DCMD (refused and audited, unless
 * {@code sparkplug.commands} enables the metric: then written as its configured user through the
 * OPC UA write path) and the primary host's STATE. A malformed message is logged in one line and
 * counted; it changes nothing.
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
  private final AtomicLong written = new AtomicLong();
  private final Map<String, String> commandUsers;
  private final MetricWrites writes;

  NodeCommands(SparkplugTopics topics, String primaryHostId, AuditLog audit) {
    this(topics, primaryHostId, audit, Map.of(), null);
  }

  /**
   * @param commandUsers the user each writable metric is written as (sparkplug.commands), by name
   * @param writes where those writes go; null: every DCMD is refused
   */
  NodeCommands(
      SparkplugTopics topics,
      String primaryHostId,
      AuditLog audit,
      Map<String, String> commandUsers,
      MetricWrites writes) {
    this.topics = topics;
    this.stateTopic = primaryHostId == null ? null : SparkplugTopics.state(primaryHostId);
    this.audit = audit;
    this.commandUsers = Map.copyOf(commandUsers);
    this.writes = writes;
  }

  long malformed() {
    return malformed.get();
  }

  /** DCMD metrics refused: not enabled, or by the write's checks (each one audited). */
  long refused() {
    return refused.get();
  }

  /** DCMD metrics written (enabled, and the write's checks passed). */
  long written() {
    return written.get();
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
      dcmd(topic.substring(prefix.length()), decoded, byAlias, devices);
    }
    return Action.NONE;
  }

  /**
   * Each metric of the DCMD: written as its configured user when {@code sparkplug.commands} enables
   * it for this device (the OPC UA write path checks the role and limits and audits it), else
   * refused and audited here; a refused metric never touches the device.
   */
  private void dcmd(
      String device,
      SparkplugBPayload command,
      Map<Long, MetricDefinition> byAlias,
      Map<String, DeviceState> devices) {
    DeviceState state = devices.get(device);
    for (Metric m : command.getMetrics()) {
      String name = m.getName();
      if (name == null && m.hasAlias()) {
        MetricDefinition d = byAlias.get(m.getAlias());
        name = d == null ? "alias " + m.getAlias() : d.name();
      }
      MetricDefinition metric = state != null && name != null ? state.byName.get(name) : null;
      String user = metric == null ? null : commandUsers.get(name);
      if (user != null && writes != null) {
        write(device, metric, user, m.getValue());
      } else {
        refuse(device, name, metric, state, m.getValue());
      }
    }
  }

  private void write(String device, MetricDefinition metric, String user, Object value) {
    Object typed = metric.type().coerce(value);
    writes
        .write(user, metric.name(), typed)
        .whenComplete(
            (result, failure) -> {
              String r = failure != null ? "Bad_InternalError: " + failure : result;
              (r.equals("Good") ? written : refused).incrementAndGet();
              logger.info(
                  "sparkplug: DCMD to {} {} = {} as '{}': {}",
                  device,
                  metric.name(),
                  typed,
                  user,
                  r);
            });
  }

  private void refuse(
      String device, String name, MetricDefinition metric, DeviceState state, Object value) {
    Object old = null;
    if (metric != null) {
      long alias = metric.alias();
      old =
          state.current().stream()
              .filter(s -> s.metric().alias() == alias)
              .findFirst()
              .map(MetricSample::value)
              .orElse(null);
    }
    refused.incrementAndGet();
    logger.info(
        "sparkplug: DCMD to {} {} = {} refused: not enabled in sparkplug.commands",
        device,
        name,
        value);
    if (audit != null) {
      audit.write("sparkplug", null, device + "/" + name, old, value, "Bad_UserAccessDenied");
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
