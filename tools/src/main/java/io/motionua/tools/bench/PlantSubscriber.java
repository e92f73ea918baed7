package io.motionua.tools.bench;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.tahu.message.SparkplugBPayloadDecoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.SparkplugBPayload;

/**
 * The plant's subscriber (a host application stand-in, in the benchmark's JVM): learns each drive
 * device's ActualPosition alias and first value from its DBIRTH, and for every DDATA carrying that
 * alias finds the register change it reports ({@link Stamps}) and records the time from the change
 * to the arrival here. Also receives the raw baseline messages, whose first 8 bytes are their
 * {@code System.nanoTime()} at publication. Runs on Paho's callback thread.
 */
final class PlantSubscriber implements MqttCallback, AutoCloseable {

  static final String RAW_TOPIC = "motionua-bench/raw";
  private static final String POSITION = "/ParameterSet/ActualPosition";

  private final MqttClient client;
  private final Stamps stamps;
  private final Map<String, long[]> aliasAndBase = new ConcurrentHashMap<>();
  private final Samples plant = new Samples();
  private final Samples raw = new Samples();
  private final AtomicLong dataMessages = new AtomicLong();
  private final AtomicLong dataBytes = new AtomicLong();
  private volatile boolean recording;

  PlantSubscriber(String broker, Stamps stamps) throws MqttException {
    this.stamps = stamps;
    this.client = new MqttClient(broker, "motionua-bench-plant-host", new MemoryPersistence());
    client.setCallback(this);
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(true);
    options.setMaxInflight(1000);
    client.connect(options);
    client.subscribe(
        new String[] {
          "spBv1.0/" + PlantCell.GROUP + "/DBIRTH/#",
          "spBv1.0/" + PlantCell.GROUP + "/DDATA/#",
          RAW_TOPIC
        },
        new int[] {0, 0, 0});
  }

  /** Devices whose DBIRTH was seen. */
  int born() {
    return aliasAndBase.size();
  }

  void record(boolean on) {
    recording = on;
  }

  Samples plant() {
    return plant;
  }

  Samples raw() {
    return raw;
  }

  /** Mean size of the DDATA payloads seen so far, bytes (the baseline publishes this size). */
  int meanDataBytes() {
    long n = dataMessages.get();
    return n == 0 ? 64 : (int) (dataBytes.get() / n);
  }

  @Override
  public void messageArrived(String topic, MqttMessage message) throws Exception {
    long arrival = System.nanoTime();
    byte[] payload = message.getPayload();
    if (RAW_TOPIC.equals(topic)) {
      if (recording && payload.length >= 8) {
        raw.add(arrival - ByteBuffer.wrap(payload).getLong());
      }
      return;
    }
    // spBv1.0/plant/<type>/<node>/<device>
    String[] parts = topic.split("/");
    if (parts.length != 5) {
      return;
    }
    String device = parts[3] + "/" + parts[4];
    SparkplugBPayload decoded = new SparkplugBPayloadDecoder().buildFromByteArray(payload, null);
    if ("DBIRTH".equals(parts[2])) {
      for (Metric m : decoded.getMetrics()) {
        if (m.getName() != null && m.getName().endsWith(POSITION)) {
          long base =
              Math.round(((Number) m.getValue()).doubleValue() * PlantCell.INCREMENTS_PER_DEGREE);
          aliasAndBase.put(device, new long[] {m.getAlias(), base});
        }
      }
      return;
    }
    dataMessages.incrementAndGet();
    dataBytes.addAndGet(payload.length);
    long[] known = aliasAndBase.get(device);
    if (known == null) {
      return;
    }
    for (Metric m : decoded.getMetrics()) {
      if (m.hasAlias() && m.getAlias() == known[0] && m.getValue() instanceof Number v) {
        long increments = Math.round(v.doubleValue() * PlantCell.INCREMENTS_PER_DEGREE) - known[1];
        long changed = stamps.take(device, increments);
        if (recording && changed != 0) {
          plant.add(arrival - changed);
        }
      }
    }
  }

  @Override
  public void connectionLost(Throwable cause) {
    System.err.println("motionua: bench plant: subscriber lost the broker: " + cause);
  }

  @Override
  public void deliveryComplete(IMqttDeliveryToken token) {}

  @Override
  public void close() {
    try {
      client.disconnect(2000);
      client.close();
    } catch (MqttException e) {
      System.err.println("motionua: bench plant: closing the subscriber: " + e.getMessage());
    }
  }

  /**
   * When each drive's position register was last changed to each offset: the stamper puts the
   * change's {@code System.nanoTime()}, the subscriber takes it (once) when a DDATA reports that
   * offset.
   */
  static final class Stamps {

    /** Distinct offsets per drive; far more than can be in flight at once. */
    static final int SLOTS = 1000;

    /** Increments between two offsets: unmistakable after the degree conversion and back. */
    static final int STEP = 100;

    private final Map<String, AtomicLongArray> byDevice = new ConcurrentHashMap<>();

    /** The offset (increments) of change {@code n} of a drive: never 0. */
    static int offset(long n) {
      return (int) (n % (SLOTS - 1) + 1) * STEP;
    }

    void put(String device, int offset, long nanos) {
      byDevice.computeIfAbsent(device, d -> new AtomicLongArray(SLOTS)).set(offset / STEP, nanos);
    }

    /** The time of the change to this offset, once; 0 when unknown or already taken. */
    long take(String device, long offset) {
      AtomicLongArray slots = byDevice.get(device);
      if (slots == null || offset % STEP != 0 || offset <= 0 || offset / STEP >= SLOTS) {
        return 0;
      }
      return slots.getAndSet((int) (offset / STEP), 0);
    }
  }

  /** Latencies in nanoseconds, bounded (a million; more are counted, not kept). */
  static final class Samples {

    private final long[] nanos = new long[1_000_000];
    private int count;
    private long overflow;

    synchronized void add(long value) {
      if (count < nanos.length) {
        nanos[count++] = value;
      } else {
        overflow++;
      }
    }

    synchronized Latencies latencies() {
      return Latencies.of(nanos, count);
    }

    synchronized long overflow() {
      return overflow;
    }
  }
}
