package io.motionua.server.config;

import java.util.List;
import java.util.Map;

/**
 * The optional {@code sparkplug} section: publication of the machine's values as a Sparkplug B edge
 * node into an MQTT broker (docs/sparkplug.md). Absent: nothing is published.
 *
 * @param brokers broker URLs ({@code tcp://HOST:PORT} or {@code ssl://HOST:PORT}), tried in order
 *     (a failover list: each reconnect moves on to the next)
 * @param groupId the Sparkplug group (the plant area); the topic's second level
 * @param edgeNodeId this edge node's id, default the machine's name
 * @param primaryHostId the primary host application whose {@code STATE} the node waits for before
 *     it publishes births; absent, births go out as soon as the broker is connected
 * @param user MQTT user name; absent, none is sent
 * @param password MQTT password
 * @param trustStore PKCS#12 or JKS file of the CA certificates an {@code ssl://} broker is checked
 *     against, relative to the machine file; absent, the JVM's default trust store
 * @param trustStorePassword the trust store's password
 * @param keyStore PKCS#12 or JKS file with this node's client certificate and key
 * @param keyStorePassword the key store's password
 * @param storeAndForwardMb the largest size of the on-disk queue of data kept while the broker is
 *     unreachable (default 64); older data is dropped first once it is full
 * @param deadband a change smaller than this (absolute, in the metric's units) is not published;
 *     default 0: every change
 * @param deadbands a deadband per metric, by the last part of its name ({@code ActualPosition})
 * @param reconnectMs how long after a lost or refused connection the next broker is tried (default
 *     2000)
 * @param commands the metrics that take DCMD writes, each as a configured user; empty (the
 *     default): every DCMD is refused
 */
public record SparkplugSpec(
    List<String> brokers,
    String groupId,
    String edgeNodeId,
    String primaryHostId,
    String user,
    String password,
    String trustStore,
    String trustStorePassword,
    String keyStore,
    String keyStorePassword,
    Integer storeAndForwardMb,
    Double deadband,
    Map<String, Double> deadbands,
    Integer reconnectMs,
    List<SparkplugCommandSpec> commands) {

  public static final int DEFAULT_STORE_AND_FORWARD_MB = 64;
  public static final int DEFAULT_RECONNECT_MS = 2000;

  SparkplugSpec withDefaults(String machineName) {
    return new SparkplugSpec(
        brokers == null ? List.of() : List.copyOf(brokers),
        groupId,
        edgeNodeId == null ? machineName : edgeNodeId,
        primaryHostId,
        user,
        password,
        trustStore,
        trustStorePassword,
        keyStore,
        keyStorePassword,
        storeAndForwardMb == null ? DEFAULT_STORE_AND_FORWARD_MB : storeAndForwardMb,
        deadband == null ? 0.0 : deadband,
        deadbands == null ? Map.of() : Map.copyOf(deadbands),
        reconnectMs == null ? DEFAULT_RECONNECT_MS : reconnectMs,
        commands == null ? List.of() : List.copyOf(commands));
  }

  /** The deadband of a metric, by its full name: its own if configured, else the common one. */
  public double deadbandOf(String metric) {
    String leaf = metric.substring(metric.lastIndexOf('/') + 1);
    Double own = deadbands.get(leaf);
    return own != null ? own : deadband;
  }

  /** The section without its secrets, for logs. */
  @Override
  public String toString() {
    return "SparkplugSpec[brokers=%s, groupId=%s, edgeNodeId=%s, primaryHostId=%s, user=%s]"
        .formatted(brokers, groupId, edgeNodeId, primaryHostId, user);
  }
}
