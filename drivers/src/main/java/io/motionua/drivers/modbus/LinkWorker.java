package io.motionua.drivers.modbus;

import io.motionua.drivers.DeviceDiagnostics;
import io.motionua.drivers.DriverException;
import io.motionua.drivers.LinkDiagnostics;
import io.motionua.drivers.LinkErrorCounts;
import io.motionua.drivers.SignalListener;
import io.motionua.drivers.SignalStatus;
import io.motionua.drivers.SignalValue;
import io.motionua.drivers.profile.RegisterAddress;
import io.motionua.drivers.profile.RegisterCodec;
import io.motionua.drivers.profile.SignalSpec;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
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
  private final Thread thread;
  private volatile boolean connected;
  private volatile boolean closing;
  private boolean everConnected;

  /**
   * The outcome of one request: a response PDU, or none: timed out, damaged (the connection stays
   * usable; both may be retried), or the link failed.
   */
  private record Response(byte[] pdu, boolean timedOut, boolean damaged, Exception error) {

    boolean retryable() {
      return timedOut || damaged;
    }
  }

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
    devices.forEach((device, state) -> result.put(device, state.diagnostics()));
    return result;
  }

  // ---- called from any thread ----

  CompletableFuture<Void> write(String deviceName, Map<String, ?> values, Duration deadline) {
    CompletableFuture<Void> future = new CompletableFuture<>();
    try {
      DeviceState device = device(deviceName);
      List<WritePlan.Encoded> encoded = new ArrayList<>();
      for (Map.Entry<String, ?> entry : values.entrySet()) {
        SignalSpec spec = writableSpec(device, entry.getKey());
        encoded.add(new WritePlan.Encoded(spec, encode(device, spec, entry.getValue())));
      }
      List<WriteRequest> requests =
          WritePlan.requests(encoded, device.config.profile().maxWriteRegisters());
      enqueue(new LinkCommand.Write(device, requests, deadlineNanos(deadline), future));
    } catch (DriverException e) {
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
    if (!spec.writable() || spec.table().isBitTable()) {
      throw new DriverException(
          SignalStatus.BAD_NOT_SUPPORTED,
          "link %s, device %s: signal %s is not a writable register"
              .formatted(name, device.name(), signal));
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
          DeviceState due = nextDue();
          long wait = due == null ? timeoutNanos : due.nextPollNanos - System.nanoTime();
          if (due != null && wait <= 0) {
            poll(due);
            continue;
          }
          command = commands.poll(wait, TimeUnit.NANOSECONDS);
        }
        if (command != null) {
          execute(command);
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

  private boolean connect() {
    try {
      transport.open(timeoutNanos);
      connected = true;
      if (everConnected) {
        counters.reconnect();
      }
      everConnected = true;
      logger.info("Link {} connected to {}", name, transport.describe());
      long now = System.nanoTime();
      for (DeviceState device : devices.values()) {
        device.nextPollNanos = now;
      }
      return true;
    } catch (IOException e) {
      String message = "link %s cannot connect to %s: %s".formatted(name, transport.describe(), e);
      counters.error(message);
      if (connected || !everConnected) {
        logger.warn("{}", message);
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

  private DeviceState nextDue() {
    DeviceState due = null;
    for (DeviceState device : devices.values()) {
      if (due == null || device.nextPollNanos < due.nextPollNanos) {
        due = device;
      }
    }
    return due;
  }

  /**
   * Polls one device. A device off scan costs no I/O: its kept values only age. A probe after
   * demotion gets no retries, so a device that is still dead costs one timeout per demotion time.
   */
  private void poll(DeviceState device) throws InterruptedException {
    long now = System.nanoTime();
    device.nextPollNanos += device.pollPeriodNanos;
    if (device.nextPollNanos < now) {
      device.nextPollNanos = now + device.pollPeriodNanos; // behind: skip, never burst
    }
    if (device.isDemoted(now)) {
      device.notAnswering(device.config.profile().signals().values(), now, staleNanos);
    } else {
      int attempts = device.isProbing() ? 0 : retries;
      boolean answered = true;
      for (ReadBlock block : List.copyOf(device.blocks)) {
        if (!readBlock(device, block, attempts)) {
          answered = false;
          break;
        }
      }
      if (answered) {
        device.answered();
      } else if (transport.isOpen() && device.failedPoll(System.nanoTime())) {
        counters.demotion();
        logger.warn(
            "Link {}: device {} (unit {}) failed {} polls in a row, off scan for {}",
            name,
            device.name(),
            device.unitId(),
            device.config.demoteAfter(),
            device.config.demotionTime());
      }
    }
    device.publish();
    notifyListeners(device);
  }

  /**
   * Reads one block into the device's state; returns false when the device (or the link) did not
   * answer, so that the rest of its blocks are not tried in this cycle. A block that meets
   * exception 02 is split in two and each half read at once; a single signal that meets it is a
   * hole, remembered and no longer polled, so the rest keeps its values.
   */
  private boolean readBlock(DeviceState device, ReadBlock block, int retriesLeft)
      throws InterruptedException {
    byte[] request = ModbusPdu.readRequest(block.functionCode(), block.address(), block.count());
    for (int attempt = 0; ; attempt++) {
      Response response = send(device, request, System.nanoTime() + timeoutNanos);
      if (response.pdu != null && ModbusPdu.isException(response.pdu)) {
        return exceptionInPoll(device, block, response.pdu[1] & 0xFF, retriesLeft);
      }
      if (response.pdu != null) {
        decode(device, block, response.pdu);
        return true;
      }
      if (!response.retryable() || attempt >= retriesLeft || closing) {
        device.notAnswering(
            device.config.profile().signals().values(), System.nanoTime(), staleNanos);
        return false;
      }
      counters.retry();
    }
  }

  private boolean exceptionInPoll(DeviceState device, ReadBlock block, int code, int retriesLeft)
      throws InterruptedException {
    if (ExceptionCodes.isUnreachable(code)) {
      device.notAnswering(block.signals(), System.nanoTime(), staleNanos);
      return false;
    }
    if (code != ExceptionCodes.ILLEGAL_DATA_ADDRESS) {
      device.failed(block.signals(), ExceptionCodes.status(code));
      return true;
    }
    if (block.signals().size() == 1) {
      SignalSpec spec = block.signals().get(0);
      logger.warn(
          "Link {}: device {} (unit {}) lacks signal {} at {} (0-based, exception 02); "
              + "it is no longer polled",
          name,
          device.name(),
          device.unitId(),
          spec.name(),
          new RegisterAddress(spec.table(), spec.address()).toZeroBasedString());
      device.hole(block);
      return true;
    }
    List<ReadBlock> parts = PollPlan.split(block);
    device.replace(block, parts);
    for (ReadBlock part : parts) {
      if (!readBlock(device, part, retriesLeft)) {
        return false;
      }
    }
    return true;
  }

  private void decode(DeviceState device, ReadBlock block, byte[] pdu) {
    Instant time = Instant.now();
    long now = System.nanoTime();
    try {
      int[] words =
          block.table().isBitTable()
              ? ModbusPdu.bits(pdu, block.functionCode(), block.count())
              : ModbusPdu.registers(pdu, block.functionCode(), block.count());
      for (SignalSpec spec : block.signals()) {
        Object value = RegisterCodec.decode(spec, words, spec.address() - block.address());
        device.good(spec, value, time, now);
      }
    } catch (IllegalStateException e) {
      counters.error("link %s, device %s: %s".formatted(name, device.name(), e.getMessage()));
      device.failed(block.signals(), SignalStatus.BAD_DEVICE_FAILURE);
    }
  }

  /** Sends one request and keeps the counters; never throws for I/O. */
  private Response send(DeviceState device, byte[] request, long deadlineNanos)
      throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    long start = System.nanoTime();
    counters.request();
    try {
      byte[] pdu = transport.exchange(device.unitId(), request, Math.max(0, deadlineNanos - start));
      boolean exception = ModbusPdu.isException(pdu);
      counters.answered(System.nanoTime() - start, !exception);
      if (exception) {
        int code = pdu[1] & 0xFF;
        counters.exception(code);
        counters.error(
            "device %s (unit %d): %s"
                .formatted(device.name(), device.unitId(), ExceptionCodes.describe(code)));
      }
      return new Response(pdu, false, false, null);
    } catch (FrameException e) {
      counters.damaged(e.isCrcError());
      counters.error(
          "device %s (unit %d): %s".formatted(device.name(), device.unitId(), e.getMessage()));
      return new Response(null, false, true, e);
    } catch (SocketTimeoutException e) {
      counters.timeout();
      counters.error(
          "device %s (unit %d) did not answer within %d ms"
              .formatted(
                  device.name(),
                  device.unitId(),
                  TimeUnit.NANOSECONDS.toMillis(deadlineNanos - start)));
      return new Response(null, true, false, e);
    } catch (IOException e) {
      counters.error("link %s: %s".formatted(name, e));
      if (!closing) {
        logger.warn(
            "Link {} lost its connection to {}: {}", name, transport.describe(), e.toString());
      }
      transport.close();
      linkDown();
      return new Response(null, false, false, e);
    }
  }

  private void execute(LinkCommand command) throws InterruptedException {
    long now = System.nanoTime();
    if (now >= command.deadlineNanos()) {
      command.fail(
          new DriverException(
              SignalStatus.BAD_TIMEOUT,
              "link %s, device %s: deadline passed while the request waited in the queue"
                  .formatted(name, command.device().name())));
      return;
    }
    if (command.device().isDemoted(now)) {
      command.fail(
          new DriverException(
              SignalStatus.BAD_NO_COMMUNICATION,
              "link %s, device %s (unit %d) is off scan after %d failed polls in a row"
                  .formatted(
                      name,
                      command.device().name(),
                      command.device().unitId(),
                      command.device().config.demoteAfter())));
      return;
    }
    if (command instanceof LinkCommand.Write write) {
      executeWrite(write);
    } else if (command instanceof LinkCommand.Read read) {
      executeRead(read);
    }
  }

  private void executeWrite(LinkCommand.Write write) throws InterruptedException {
    DeviceState device = write.device();
    boolean fc06 = device.config.profile().singleWritesWithFc06();
    for (WriteRequest request : write.requests()) {
      String what =
          "link %s, device %s (unit %d): write of %s at holding-register[%d] (0-based)"
              .formatted(
                  name, device.name(), device.unitId(), request.signals(), request.address());
      long deadline = Math.min(write.deadlineNanos(), System.nanoTime() + timeoutNanos);
      if (System.nanoTime() >= deadline) {
        write.fail(new DriverException(SignalStatus.BAD_TIMEOUT, what + ": deadline passed"));
        return;
      }
      DriverException failure = failure(send(device, request.pdu(fc06), deadline), what);
      if (failure != null) {
        write.fail(failure);
        return;
      }
    }
    write.future().complete(null);
  }

  private void executeRead(LinkCommand.Read read) throws InterruptedException {
    DeviceState device = read.device();
    Map<String, SignalValue> result = new LinkedHashMap<>();
    for (ReadBlock block : read.blocks()) {
      String what =
          "link %s, device %s (unit %d): read of %s"
              .formatted(name, device.name(), device.unitId(), block.describe());
      long deadline = Math.min(read.deadlineNanos(), System.nanoTime() + timeoutNanos);
      byte[] request = ModbusPdu.readRequest(block.functionCode(), block.address(), block.count());
      Response response = send(device, request, deadline);
      DriverException failure = failure(response, what);
      if (failure != null) {
        read.fail(failure);
        return;
      }
      decode(device, block, response.pdu);
      for (SignalSpec spec : block.signals()) {
        result.put(spec.name(), device.value(spec.name()));
      }
    }
    read.future().complete(result);
  }

  /** The typed failure of a command's request, or null when the device acknowledged it. */
  private static DriverException failure(Response response, String what) {
    if (response.timedOut) {
      return new DriverException(SignalStatus.BAD_TIMEOUT, what + ": no response", response.error);
    }
    if (response.damaged) {
      return new DriverException(
          SignalStatus.BAD_DEVICE_FAILURE,
          what + ": damaged response, the request may or may not have been applied",
          response.error);
    }
    if (response.pdu == null) {
      return new DriverException(
          SignalStatus.BAD_NO_COMMUNICATION, what + ": connection lost", response.error);
    }
    if (ModbusPdu.isException(response.pdu)) {
      int code = response.pdu[1] & 0xFF;
      return new DriverException(
          ExceptionCodes.status(code), what + ": " + ExceptionCodes.describe(code));
    }
    return null;
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
