package io.motionua.server.sparkplug;

import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import javax.net.SocketFactory;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.ScheduledExecutorPingSender;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * One MQTT connection to one broker (Eclipse Paho), with the NDEATH as its will. Paho's network and
 * callback work runs on the executor the edge node names and owns; its callbacks only hand events
 * to the edge node's queue.
 */
final class MqttSession implements AutoCloseable {

  /** An inbound message or the loss of the connection, for the edge node's thread. */
  sealed interface Event permits Inbound, Lost {}

  record Inbound(MqttSession session, String topic, byte[] payload) implements Event {}

  record Lost(MqttSession session, String reason) implements Event {}

  /** What a connection needs besides the broker's URL. */
  record Options(
      String clientId,
      String user,
      char[] password,
      SocketFactory socketFactory,
      int timeoutMs,
      String willTopic,
      byte[] willPayload) {}

  private final String broker;
  private final MqttAsyncClient client;

  private MqttSession(String broker, MqttAsyncClient client) {
    this.broker = broker;
    this.client = client;
  }

  /**
   * Connects, waiting at most the options' timeout.
   *
   * @throws MqttException refused (credentials, certificate) or unreachable; the message says why
   */
  static MqttSession connect(
      String broker, Options options, ScheduledExecutorService executor, Consumer<Event> events)
      throws MqttException {
    MqttAsyncClient client =
        new MqttAsyncClient(
            broker,
            options.clientId(),
            new MemoryPersistence(),
            new ScheduledExecutorPingSender(executor),
            executor);
    MqttSession session = new MqttSession(broker, client);
    client.setCallback(
        new MqttCallback() {
          @Override
          public void connectionLost(Throwable cause) {
            events.accept(new Lost(session, describe(cause)));
          }

          @Override
          public void messageArrived(String topic, MqttMessage message) {
            events.accept(new Inbound(session, topic, message.getPayload()));
          }

          @Override
          public void deliveryComplete(IMqttDeliveryToken token) {}
        });
    MqttConnectOptions o = new MqttConnectOptions();
    o.setCleanSession(true);
    o.setAutomaticReconnect(false); // the edge node reconnects itself: each connection a new bdSeq
    o.setConnectionTimeout(Math.max(1, options.timeoutMs() / 1000));
    o.setKeepAliveInterval(10);
    o.setMaxInflight(10_000);
    o.setWill(options.willTopic(), options.willPayload(), 1, false);
    if (options.user() != null) {
      o.setUserName(options.user());
      o.setPassword(options.password() == null ? new char[0] : options.password());
    }
    if (options.socketFactory() != null) {
      o.setSocketFactory(options.socketFactory());
    }
    try {
      client.connect(o).waitForCompletion(options.timeoutMs());
      if (!client.isConnected()) {
        throw new MqttException(MqttException.REASON_CODE_CLIENT_TIMEOUT);
      }
    } catch (MqttException e) {
      session.close();
      throw e;
    }
    return session;
  }

  String broker() {
    return broker;
  }

  boolean isConnected() {
    return client.isConnected();
  }

  void subscribe(String topic, int qos, int timeoutMs) throws MqttException {
    client.subscribe(topic, qos).waitForCompletion(timeoutMs);
  }

  /** Hands the message to Paho without waiting for it to be sent. */
  void publish(String topic, byte[] payload, int qos) throws MqttException {
    client.publish(topic, payload, qos, false);
  }

  /** Waits at most the bound for a QoS 1 message (NDEATH before a planned disconnect). */
  void publishAndWait(String topic, byte[] payload, long timeoutMs) throws MqttException {
    client.publish(topic, payload, 1, false).waitForCompletion(timeoutMs);
  }

  @Override
  public void close() {
    try {
      if (client.isConnected()) {
        client.disconnect(0).waitForCompletion(500);
      }
    } catch (MqttException e) {
      // Closing anyway; the will announces the death if the broker did not see a clean disconnect.
    }
    try {
      client.disconnectForcibly(0, 200, false);
    } catch (MqttException e) {
      // Already disconnected.
    }
    try {
      client.close(true);
    } catch (MqttException e) {
      // Nothing left to release.
    }
  }

  /** A connection problem in one line: Paho's reason and the cause's message, no stack. */
  static String describe(Throwable t) {
    if (t == null) {
      return "connection closed";
    }
    StringBuilder sb = new StringBuilder(String.valueOf(t.getMessage()));
    Throwable cause = t.getCause();
    if (cause != null && cause != t) {
      sb.append(": ").append(cause.getClass().getSimpleName());
      if (cause.getMessage() != null) {
        sb.append(" ").append(cause.getMessage());
      }
    }
    return sb.toString();
  }
}
