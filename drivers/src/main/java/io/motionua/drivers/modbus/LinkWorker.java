package io.motionua.drivers.modbus;

import io.motionua.drivers.DeviceDiagnostics;
import io.motionua.drivers.DriverException;
import io.motionua.drivers.LinkDiagnostics;
import io.motionua.drivers.LinkErrorCounts;
import io.motionua.drivers.SignalListener;
import io.motionua.drivers.SignalStatus;
import io.motionua.drivers.SignalValue;
import io.motionua.drivers.WriteTrigger;
import io.motionua.drivers.profile.RegisterCodec;
import io.motionua.drivers.profile.SignalSpec;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread of one link and everything it does: connect with backoff, poll every device on its
 * period, serve writes and reads ahead of polls, keep each signal's status honest, take devices
 * that stop answering off scan. Transport agnostic: TCP and RTU links differ only in their {@link
 * ModbusTransport}.
 */
final class LinkWorker {

  private static final Logger logger = LoggerFactory.getLogger(LinkWorker.class);
  private static final long MIN_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(5);
  private static final long CLOSE_WAIT_MILLIS = 2000;
  private static final int QUEUE_CAPACITY = 1024;

  private final String name;
  private final ModbusTransport transport;
  private final long timeoutNanos;
  private final int retries;
  private final long staleNanos;
  private final Map<String, DeviceState> devices = new LinkedHashMap<>();
  private final List<SignalListener> listeners = new CopyOnWriteArrayList<>();
  private final BlockingQueue<LinkCommand> commands = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
  private final LinkCounters counters;
  private final DevicePoller poller;
  private final CommandRunner runner;
  private final Thread thread;
  private volatile boolean connected;
  private volatile boolean closing;
  private boolean everConnected;

  LinkWorker(
      String name,
      ModbusTransport transport,
      Duration timeout,
      int retries,
      Duration staleAfter,
      List<DeviceConfig> deviceConfigs) {
    this.name = name;
    this.transport = transport;
    this.timeoutNanos = timeout.toNanos();
    this.retries = retries;
    this.staleNanos = staleAfter.toNanos();
    for (DeviceConfig config : deviceConfigs) {
      devices.put(config.name(), new DeviceState(config));
    }
    this.counters = new LinkCounters(name);
    Exchange exchange = new Exchange(name, transport, counters, this::linkDown, () -> closing);
    this.poller =
        new DevicePoller(
            name,
            exchange,
            counters,
            timeoutNanos,
            retries,
            staleNanos,
            () -> closing,
            this::notifyMissedAnswer);
    this.runner = new CommandRunner(name, exchange, poller, timeoutNanos);
    this.thread = new Thread(this::run, "modbus-link-" + name);
    this.thread.setDaemon(true);
  }

  String name() {
    return name;
  }

  void start() {
    thread.start();
  }

  void addListener(SignalListener listener) {
    listeners.add(listener);
  }

  boolean isConnected() {
    return connected;
  }

  LinkDiagnostics diagnostics() {
    return counters.snapshot(connected);
  }

  LinkErrorCounts errorCounts() {
    return counters.errorCounts();
  }

  Map<String, DeviceDiagnostics> deviceDiagnostics() {
    Map<String, DeviceDiagnostics> result = new LinkedHashMap<>();
    boolean connected = isConnected();
    devices.forEach(
        (device, state) ->
            result.put(
                device, state.diagnostics().withTraffic(state.traffic().snapshot(connected))));
    return result;
  }

  // ---- called from any thread ----

  CompletableFuture<Void> write(
      String deviceName, Map<String, ?> values, Duration deadline, WriteTrigger trigger) {
    CompletableFuture<Void> future = new CompletableFuture<>();
    try {
      DeviceState device = device(deviceName);
      List<WritePlan.Encoded> encoded = new ArrayList<>();
      for (Map.Entry<String, ?> entry : values.entrySet()) {
        SignalSpec spec = writableSpec(device, entry.getKey());
        int[] words = encode(device, spec, entry.getValue());
        if (!device.isUnchanged(spec.name(), words)) {
          encoded.add(new WritePlan.Encoded(spec, words));
        }
      }
      if (encoded.isEmpty()) {
        if (trigger != null) {
          trigger.withdraw(future);
        }
        future.complete(null); // every value is write-on-change and already in the device
        return future;
      }
      List<WriteRequest> requests =
          WritePlan.requests(encoded, device.config.profile().maxWriteRegisters());
      enqueue(new LinkCommand.Write(device, requests, deadlineNanos(deadline), future, trigger));
    } catch (DriverException e) {
      if (trigger != null) {
        trigger.withdraw(future);
      }
      future.completeExceptionally(e);
    }
    return future;
  }

  CompletableFuture<Map<String, SignalValue>> read(
      String deviceName, Iterable<String> signals, Duration deadline) {
    CompletableFuture<Map<String, SignalValue>> future = new CompletableFuture<>();
    try {
      DeviceState device = device(deviceName);
      List<SignalSpec> specs = new ArrayList<>();
      for (String signal : signals) {
        specs.add(spec(device, signal));
      }
      List<ReadBlock> blocks = PollPlan.blocks(specs, device.config.profile().maxReadRegisters());
      enqueue(new LinkCommand.Read(device, blocks, deadlineNanos(deadline), future));
    } catch (DriverException e) {
      future.completeExceptionally(e);
    }
    return future;
  }

  private static long deadlineNanos(Duration deadline) {
    return System.nanoTime() + deadline.toNanos();
  }

  private void enqueue(LinkCommand command) throws DriverException {
    if (closing) {
      throw new DriverException(SignalStatus.BAD_NO_COMMUNICATION, "link " + name + " is closed");
    }
    if (!connected) {
      throw new DriverException(
          SignalStatus.BAD_NO_COMMUNICATION,
          "link %s is not connected to %s".formatted(name, transport.describe()));
    }
    if (!commands.offer(command)) {
      throw new DriverException(
          SignalStatus.BAD_DEVICE_FAILURE,
          "link %s: %d requests already queued".formatted(name, QUEUE_CAPACITY));
    }
  }

  private DeviceState device(String deviceName) throws DriverException {
    DeviceState device = devices.get(deviceName);
    if (device == null) {
      throw new DriverException(
          SignalStatus.BAD_CONFIGURATION_ERROR,
          "link %s has no device %s (has %s)".formatted(name, deviceName, devices.keySet()));
    }
    return device;
  }

  private SignalSpec spec(DeviceState device, String signal) throws DriverException {
    SignalSpec spec = device.config.profile().signals().get(signal);
    if (spec == null) {
      throw new DriverException(
          SignalStatus.BAD_CONFIGURATION_ERROR,
          "link %s, device %s: profile %s has no signal %s"
              .formatted(name, device.name(), device.config.profile().name(), signal));
    }
    return spec;
  }

  private SignalSpec writableSpec(DeviceState device, String signal) throws DriverException {
    SignalSpec spec = spec(device, signal);
    if (!spec.writable()) {
      throw new DriverException(
          SignalStatus.BAD_NOT_SUPPORTED,
          "link %s, device %s: signal %s is not writable".formatted(name, device.name(), signal));
    }
    return spec;
  }

  private int[] encode(DeviceState device, SignalSpec spec, Object value) throws DriverException {
    try {
      return RegisterCodec.encode(spec, value);
    } catch (IllegalArgumentException e) {
      throw new DriverException(
          SignalStatus.BAD_OUT_OF_RANGE,
          "link %s, device %s: %s".formatted(name, device.name(), e.getMessage()),
          e);
    }
  }

  // ---- the link thread ----

  private void run() {
    long backoff = MIN_BACKOFF_NANOS;
    while (!closing) {
      try {
        if (!transport.isOpen()) {
          if (!connect()) {
            waitFailingCommands(backoff);
            backoff = Math.min(MAX_BACKOFF_NANOS, backoff * 2);
            continue;
          }
          backoff = MIN_BACKOFF_NANOS;
        }
        LinkCommand command = commands.poll();
        if (command == null) {
          DeviceState due = null;
          PollGroup dueGroup = null;
          for (DeviceState device : devices.values()) {
            for (PollGroup group : device.groups) {
              if (dueGroup == null || group.nextPollNanos < dueGroup.nextPollNanos) {
                due = device;
                dueGroup = group;
              }
            }
          }
          long wait = due == null ? timeoutNanos : dueGroup.nextPollNanos - System.nanoTime();
          if (due != null && wait <= 0) {
            poller.poll(due, dueGroup);
            notifyListeners(due);
            continue;
          }
          command = commands.poll(wait, TimeUnit.NANOSECONDS);
        }
        if (command != null) {
          runner.execute(command);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (RuntimeException e) {
        logger.error("Link {} hit an unexpected error; it keeps running", name, e);
        counters.error(e.toString());
      }
    }
    transport.close();
    connected = false;
    failQueued("link " + name + " closed");
  }

  /** The last connect failure logged, so that a repeated one is not logged again. */
  private String lastConnectProblem;

  private boolean connect() {
    try {
      transport.open(timeoutNanos);
      connected = true;
      if (everConnected) {
        counters.reconnect();
      }
      everConnected = true;
      lastConnectProblem = null;
      logger.info("Link {} connected to {}", name, transport.describe());
      long now = System.nanoTime();
      for (DeviceState device : devices.values()) {
        device.groups.forEach(group -> group.nextPollNanos = now);
        device.forgetAcknowledged();
      }
      return true;
    } catch (IOException e) {
      String message = "link %s cannot connect to %s: %s".formatted(name, transport.describe(), e);
      counters.error(message);
      // Once per change: a serial device that is not there fails the same way every few seconds.
      if (!message.equals(lastConnectProblem)) {
        logger.warn("{}", message);
        lastConnectProblem = message;
      }
      linkDown();
      return false;
    }
  }

  /** The connection is gone: every value keeps its last reading but goes Bad. */
  private void linkDown() {
    connected = false;
    failQueued("link %s lost its connection to %s".formatted(name, transport.describe()));
    long now = System.nanoTime();
    for (DeviceState device : devices.values()) {
      device.notAnswering(device.config.profile().signals().values(), now, 0);
      notifyListeners(device);
    }
  }

  private void failQueued(String message) {
    LinkCommand command;
    while ((command = commands.poll()) != null) {
      command.fail(new DriverException(SignalStatus.BAD_NO_COMMUNICATION, message));
    }
  }

  /** Sleeps out a reconnect backoff; a command arriving meanwhile fails at once. */
  private void waitFailingCommands(long nanos) throws InterruptedException {
    long until = System.nanoTime() + nanos;
    long left;
    while (!closing && (left = until - System.nanoTime()) > 0) {
      LinkCommand command = commands.poll(left, TimeUnit.NANOSECONDS);
      if (command != null) {
        command.fail(
            new DriverException(
                SignalStatus.BAD_NO_COMMUNICATION,
                "link %s is not connected to %s".formatted(name, transport.describe())));
      }
    }
  }

  private void notifyMissedAnswer(DeviceState device) {
    Map<String, SignalValue> values = device.snapshot();
    for (SignalListener listener : listeners) {
      try {
        listener.onMissedAnswer(device.name(), values);
      } catch (RuntimeException e) {
        logger.warn("A listener of link {} failed for device {}", name, device.name(), e);
      }
    }
  }

  private void notifyListeners(DeviceState device) {
    Map<String, SignalValue> values = device.snapshot();
    for (SignalListener listener : listeners) {
      try {
        listener.onValues(device.name(), values);
      } catch (RuntimeException e) {
        logger.warn("A listener of link {} failed for device {}", name, device.name(), e);
      }
    }
  }

  /** Stops the thread, waiting at most two seconds. */
  void close() {
    closing = true;
    thread.interrupt();
    try {
      thread.join(CLOSE_WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      logger.warn("Link {} thread did not stop within {} ms", name, CLOSE_WAIT_MILLIS);
    }
    failQueued("link " + name + " closed");
  }
}
