package io.motionua.server.sparkplug;

import io.motionua.server.config.SparkplugSpec;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.SocketFactory;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Sparkplug B edge node: one thread ({@code sparkplug-<edgeNodeId>}) that owns the MQTT
 * connection, the sequence numbers, the report-by-exception state and the store. Link threads and
 * Paho's callbacks only {@link #offer} to its bounded queue; a full queue drops and counts, so a
 * poll or a Milo callback never waits for the broker.
 */
final class EdgeNode implements Runnable {

  private static final Logger logger = LoggerFactory.getLogger(EdgeNode.class);

  /** Updates waiting for the edge node at most (several seconds of a large cell's polls). */
  static final int QUEUE = 16_384;

  private static final Object STOP = new Object();

  private final SparkplugSpec spec;
  private final SparkplugTopics topics;
  private final Payloads payloads = new Payloads();
  private final DataPayloadWriter data = new DataPayloadWriter();
  private final SequenceNumbers seqs = new SequenceNumbers();
  private final ReportByException rbe = new ReportByException();
  private final Map<String, DeviceState> devices = new LinkedHashMap<>();
  private final Map<Long, MetricDefinition> byAlias = new HashMap<>();
  private final ForwardStore store;
  private final NodeCommands commands;
  private final SocketFactory socketFactory;
  private final ScheduledExecutorService mqttExecutor;
  private final Clock clock;
  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE);
  private final AtomicLong queueDrops = new AtomicLong();
  private final AtomicLong published = new AtomicLong();
  private long deviceDeaths;

  private MqttSession session;
  private boolean born;
  private int brokerIndex;
  private long nextAttemptNanos;
  private String lastProblem = "";
  private volatile EdgeNodeStatus status;

  EdgeNode(
      SparkplugSpec spec,
      List<SparkplugDevice> deviceList,
      ForwardStore store,
      NodeCommands commands,
      SocketFactory socketFactory,
      ScheduledExecutorService mqttExecutor,
      Clock clock) {
    this.spec = spec;
    this.topics = new SparkplugTopics(spec.groupId(), spec.edgeNodeId());
    this.store = store;
    this.commands = commands;
    this.socketFactory = socketFactory;
    this.mqttExecutor = mqttExecutor;
    this.clock = clock;
    for (SparkplugDevice d : deviceList) {
      devices.put(d.id(), new DeviceState(d, clock.instant(), topics.device("DDATA", d.id())));
      d.metrics().forEach(m -> byAlias.put(m.alias(), m));
    }
    publishStatus();
  }

  /** From any thread; never blocks. False (and counted) when the queue is full. */
  boolean offer(Object event) {
    if (queue.offer(event)) {
      return true;
    }
    long n = queueDrops.incrementAndGet();
    if (n == 1 || n % 10_000 == 0) {
      logger.warn("sparkplug: edge node queue full, {} update(s) dropped so far", n);
    }
    return false;
  }

  /** Asks the thread to end: NDEATH, disconnect. Waits at most for a free slot briefly. */
  void stop() throws InterruptedException {
    if (!queue.offer(STOP, 200, TimeUnit.MILLISECONDS)) {
      queue.clear();
      queue.offer(STOP);
    }
  }

  EdgeNodeStatus status() {
    return status;
  }

  @Override
  public void run() {
    try {
      while (true) {
        if (session == null && System.nanoTime() - nextAttemptNanos >= 0) {
          connect();
        }
        Object event = queue.poll(100, TimeUnit.MILLISECONDS);
        for (int i = 0; event != null && i < 4096; i++) {
          if (event == STOP) {
            return;
          }
          handle(event);
          event = queue.poll();
        }
        if (event == STOP) {
          return;
        }
        if (event != null) {
          handle(event);
        }
        store.flush();
        publishStatus();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      goOffline();
      store.flush();
      try {
        store.close();
      } catch (IOException e) {
        logger.warn("sparkplug: closing the store failed: {}", e.getMessage());
      }
      publishStatus();
    }
  }

  private void handle(Object event) {
    if (event instanceof DeviceUpdate u) {
      update(u);
    } else if (event instanceof MqttSession.Lost lost && lost.session() == session) {
      problem("lost broker " + session.broker() + ": " + lost.reason());
      dropSession();
    } else if (event instanceof MqttSession.Inbound in && in.session() == session) {
      switch (commands.handle(in.topic(), in.payload(), byAlias, devices)) {
        case REBIRTH -> birth();
        case HOST_ONLINE -> {
          if (!born) {
            birth();
          }
        }
        case HOST_OFFLINE -> {
          logger.info("sparkplug: primary host {} offline: disconnecting", spec.primaryHostId());
          goOffline();
          dropSession();
        }
        case NONE -> {}
      }
    }
  }

  private void update(DeviceUpdate u) {
    DeviceState d = devices.get(u.device());
    if (d == null) {
      return;
    }
    List<MetricSample> changed = new ArrayList<>();
    for (Map.Entry<String, Object> e : u.values().entrySet()) {
      MetricDefinition m = d.byName.get(e.getKey());
      if (m != null) {
        MetricSample s = new MetricSample(m, m.type().coerce(e.getValue()), u.time());
        d.remember(s);
        if (u.online() && d.alive && rbe.changed(m, s.value())) {
          changed.add(s);
        }
      }
    }
    if (!u.online()) {
      if (d.alive && d.born && born) {
        if (send(
            topics.device("DDEATH", d.device.id()), payloads.deviceDeath(seqs.next(), now()))) {
          deviceDeaths++;
          logger.info("sparkplug: device {} stopped answering: DDEATH", d.device.id());
        }
      }
      d.alive = false;
      d.born = false;
    } else if (!d.alive) {
      d.alive = true;
      if (born && deviceBirth(d)) {
        logger.info("sparkplug: device {} answers again: DBIRTH", d.device.id());
      }
    } else if (!changed.isEmpty()) {
      if (born && d.born) {
        if (!send(d.dataTopic, data.deviceData(seqs.next(), changed, false, now()))) {
          keep(d.device.id(), changed);
        }
      } else if (!born) {
        keep(d.device.id(), changed);
      }
    }
  }

  private void connect() {
    String broker = spec.brokers().get(brokerIndex % spec.brokers().size());
    long bdSeq = seqs.nextBdSeq();
    var options =
        new MqttSession.Options(
            spec.edgeNodeId() + "-" + spec.groupId(),
            spec.user(),
            spec.password() == null ? null : spec.password().toCharArray(),
            socketFactory,
            5000,
            topics.node("NDEATH"),
            payloads.nodeDeath(bdSeq, now()));
    try {
      session = MqttSession.connect(broker, options, mqttExecutor, this::offer);
      session.subscribe(topics.node("NCMD"), 1, 5000);
      session.subscribe(topics.node("DCMD") + "/+", 1, 5000);
      logger.info("sparkplug: connected to {} as {} (bdSeq {})", broker, topics.node("*"), bdSeq);
      lastProblem = "";
      if (spec.primaryHostId() == null) {
        birth();
      } else {
        session.subscribe(SparkplugTopics.state(spec.primaryHostId()), 1, 5000);
        logger.info("sparkplug: waiting for primary host {} to be online", spec.primaryHostId());
      }
    } catch (MqttException e) {
      problem("broker " + broker + " refused or unreachable: " + MqttSession.describe(e));
      dropSession();
    }
  }

  /** NBIRTH, a DBIRTH per answering device, then what the store kept, as history. */
  private void birth() {
    if (session == null) {
      return;
    }
    Instant now = now();
    if (!send(topics.node("NBIRTH"), payloads.nodeBirth(seqs.birth(), seqs.bdSeq(), now))) {
      return;
    }
    born = true;
    devices.values().forEach(d -> d.born = false);
    for (DeviceState d : devices.values()) {
      if (d.alive) {
        deviceBirth(d);
      }
    }
    if (!store.isEmpty()) {
      long bytes = store.bytes();
      try {
        store.forward(
            byAlias,
            (device, samples) ->
                born
                    && send(
                        topics.device("DDATA", device),
                        data.deviceData(seqs.next(), samples, true, now())));
        logger.info("sparkplug: forwarded {} bytes of stored data as history", bytes);
      } catch (IOException e) {
        problem("store: " + e.getMessage());
      }
    }
  }

  /** The device's DBIRTH with every metric; false when the link to the broker is gone. */
  private boolean deviceBirth(DeviceState d) {
    List<MetricSample> current = d.current();
    if (send(
        topics.device("DBIRTH", d.device.id()),
        payloads.deviceBirth(seqs.next(), current, now()))) {
      current.forEach(s -> rbe.born(s.metric(), s.value()));
      d.born = true;
    }
    return d.born;
  }

  /** Publishes with QoS 0 (as Sparkplug asks for births and data); false when the link is gone. */
  private boolean send(String topic, byte[] payload) {
    if (session == null) {
      return false;
    }
    try {
      session.publish(topic, payload, 0);
      published.incrementAndGet();
      return true;
    } catch (MqttException e) {
      // The same words whichever notices first: a failed publish or the client's lost connection.
      problem(
          "lost broker " + session.broker() + ": publishing failed: " + MqttSession.describe(e));
      dropSession();
      return false;
    }
  }

  /** A planned end of the connection: NDEATH first, since the broker sends no will then. */
  private void goOffline() {
    if (session != null && session.isConnected()) {
      try {
        session.publishAndWait(topics.node("NDEATH"), payloads.nodeDeath(seqs.bdSeq(), now()), 500);
      } catch (MqttException e) {
        logger.debug("sparkplug: NDEATH not sent: {}", e.getMessage());
      }
    }
    if (session != null) {
      session.close();
      session = null;
    }
    born = false;
  }

  private void dropSession() {
    if (session != null) {
      session.close();
      session = null;
    }
    born = false;
    brokerIndex++;
    nextAttemptNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(spec.reconnectMs());
  }

  /**
   * Into the store; a refusal (full, or the disk failed) is logged at the first and every 10,000th,
   * so that a full disk is one clear line and not a line per poll.
   */
  private void keep(String device, List<MetricSample> samples) {
    if (!store.append(device, samples)) {
      long n = store.dropped();
      if (n == 1 || n % 10_000 == 0) {
        String why = store.lastError().isEmpty() ? "full (storeAndForwardMb)" : store.lastError();
        logger.warn("sparkplug: store refused data, {} message(s) lost so far: {}", n, why);
      }
    }
  }

  /** Logs a problem once while it lasts (a broker down for hours is not a line per retry). */
  private void problem(String text) {
    if (!text.equals(lastProblem)) {
      logger.warn("sparkplug: {}; keeping data on disk until a broker takes it", text);
    } else {
      logger.debug("sparkplug: {}", text);
    }
    lastProblem = text;
  }

  private Instant now() {
    return clock.instant();
  }

  private void publishStatus() {
    status =
        new EdgeNodeStatus(
            session == null ? "" : session.broker(),
            born,
            published.get(),
            queue.size(),
            queueDrops.get(),
            store.records(),
            store.bytes(),
            store.dropped(),
            deviceDeaths,
            commands.refused(),
            commands.written(),
            commands.malformed(),
            lastProblem.isEmpty() ? store.lastError() : lastProblem,
            warnings());
  }

  /** Why nothing is being published right now (for /health); empty while births are out. */
  private List<String> warnings() {
    List<String> out = new ArrayList<>(2);
    if (session == null) {
      out.add(
          "sparkplug: not connected to a broker"
              + (lastProblem.isEmpty() ? " yet" : " (" + lastProblem + ")")
              + "; data kept in the store");
    } else if (!born) {
      out.add(
          spec.primaryHostId() == null
              ? "sparkplug: connected to " + session.broker() + ", births not sent yet"
              : "sparkplug: connected to %s, waiting for primary host %s to be online; data kept in the store"
                  .formatted(session.broker(), spec.primaryHostId()));
    }
    if (!store.lastError().isEmpty()) {
      out.add("sparkplug: store-and-forward file failed: " + store.lastError());
    }
    return out;
  }
}
