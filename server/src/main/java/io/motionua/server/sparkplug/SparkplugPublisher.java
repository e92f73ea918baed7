package io.motionua.server.sparkplug;

import io.motionua.drivers.Link;
import io.motionua.drivers.SignalStatus;
import io.motionua.server.audit.AuditLog;
import io.motionua.server.axis.AxisController;
import io.motionua.server.axis.AxisSnapshot;
import io.motionua.server.config.MachineConfig;
import io.motionua.server.config.SparkplugSpec;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the machine as a Sparkplug B edge node (docs/sparkplug.md). Taps the values where the
 * server pushes them into nodes (axis snapshots, plain devices' polls) and hands them to the {@link
 * EdgeNode}'s thread; owns that thread and Paho's executor and stops them on {@link #close()}
 * (NDEATH first).
 */
public final class SparkplugPublisher implements AutoCloseable {

  private static final Logger logger = LoggerFactory.getLogger(SparkplugPublisher.class);

  private final EdgeNode node;
  private final Thread thread;
  private final ScheduledExecutorService mqttExecutor;

  private SparkplugPublisher(EdgeNode node, Thread thread, ScheduledExecutorService mqttExecutor) {
    this.node = node;
    this.thread = thread;
    this.mqttExecutor = mqttExecutor;
  }

  /**
   * Starts publication when the machine file has a {@code sparkplug} section. A store or TLS file
   * that cannot be used leaves publication off with one log line: OPC UA serving goes on.
   *
   * @param writes where DCMDs of the metrics in {@code sparkplug.commands} go; null refuses all
   */
  public static Optional<SparkplugPublisher> start(
      MachineConfig config,
      Path dataDir,
      Map<String, AxisController> axes,
      Map<String, Link> links,
      AuditLog audit,
      MetricWrites writes) {
    SparkplugSpec spec = config.sparkplug();
    if (spec == null) {
      return Optional.empty();
    }
    SSLSocketFactory tls;
    ForwardStore store;
    try {
      tls = BrokerTls.socketFactory(spec, config.source());
      store =
          new ForwardStore(
              dataDir.resolve("sparkplug").resolve("forward.bin"),
              spec.storeAndForwardMb() * 1024L * 1024L);
    } catch (Exception e) {
      logger.error("sparkplug: publication off: {}", e.getMessage());
      return Optional.empty();
    }
    SparkplugDevices devices = new SparkplugDevices(config, spec);
    ScheduledExecutorService mqttExecutor = mqttExecutor(spec.edgeNodeId());
    Map<String, String> commandUsers = new java.util.HashMap<>();
    spec.commands().forEach(c -> commandUsers.put(c.metric(), c.user()));
    NodeCommands commands =
        new NodeCommands(
            new SparkplugTopics(spec.groupId(), spec.edgeNodeId()),
            spec.primaryHostId(),
            audit,
            commandUsers,
            writes);
    EdgeNode node =
        new EdgeNode(spec, devices.all(), store, commands, tls, mqttExecutor, Clock.systemUTC());
    for (Map.Entry<String, AxisMetrics> e : devices.axes().entrySet()) {
      AxisController axis = axes.get(e.getKey());
      if (axis == null) {
        continue; // no controller (the publisher tried alone): its device is never born
      }
      String device = devices.deviceOfAxis(e.getKey());
      AxisMetrics metrics = e.getValue();
      axis.addObserver(
          s ->
              node.offer(
                  new DeviceUpdate(device, s.sourceTime(), answers(s), metrics.values(s, axis))));
    }
    for (Link link : links.values()) {
      link.addListener(
          (device, values) -> {
            if (devices.isIoDevice(device)) {
              node.offer(devices.ioUpdate(device, values));
            }
          });
    }
    Thread thread = new Thread(node, "sparkplug-" + spec.edgeNodeId());
    thread.setDaemon(true);
    thread.start();
    logger.info(
        "sparkplug: edge node {}/{} with {} device(s), brokers {}",
        spec.groupId(),
        spec.edgeNodeId(),
        devices.all().size(),
        spec.brokers());
    return Optional.of(new SparkplugPublisher(node, thread, mqttExecutor));
  }

  /** The drive answers: a Good poll, or the last usable value just after it stopped. */
  private static boolean answers(AxisSnapshot s) {
    return s.status().isGood() || s.status() == SignalStatus.UNCERTAIN_LAST_USABLE;
  }

  public EdgeNodeStatus status() {
    return node.status();
  }

  @Override
  public void close() {
    try {
      node.stop();
      thread.join(3000);
      if (thread.isAlive()) {
        logger.warn("sparkplug: edge node thread did not stop within 3 s");
        thread.interrupt();
      }
      mqttExecutor.shutdownNow();
      if (!mqttExecutor.awaitTermination(1, TimeUnit.SECONDS)) {
        logger.warn("sparkplug: MQTT executor did not stop within 1 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      mqttExecutor.shutdownNow();
    }
  }

  private static ScheduledExecutorService mqttExecutor(String edgeNodeId) {
    AtomicInteger n = new AtomicInteger();
    var executor =
        new ScheduledThreadPoolExecutor(
            4,
            r -> {
              Thread t = new Thread(r, "sparkplug-mqtt-" + edgeNodeId + "-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }

  @Override
  public String toString() {
    return "sparkplug publisher " + thread.getName();
  }
}
