package io.motionua.drivers;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One connection to one or more devices (a TCP connection, or a serial line). All traffic on a link
 * runs on the link's single thread, which owns the Modbus master; nothing else touches it.
 */
public interface Link extends AutoCloseable {

  /** The configured name; the link's thread is named {@code modbus-link-NAME}. */
  String name();

  /** Starts the link thread: connect, then poll every device. Returns at once. */
  void start();

  /** Adds a listener for polled values. Add listeners before {@link #start()}. */
  void addListener(SignalListener listener);

  /**
   * Writes signals of one device, ahead of any pending poll. Signals whose registers are contiguous
   * are written in one FC16 request; a 32-bit value is never split over two requests. Separate
   * requests go out in the map's iteration order.
   *
   * <p>The future completes when the device acknowledged every request, or fails with a {@link
   * DriverException} (timeout, exception response, link down). A write that could not be sent
   * before its deadline fails and is dropped: it is never replayed after a reconnect.
   *
   * @param device the device's name
   * @param values signal name to value (in the signal's units; numbers are rounded to the
   *     register's type)
   * @param deadline how long the write may take from now, queueing included
   */
  CompletableFuture<Void> write(String device, Map<String, ?> values, Duration deadline);

  /**
   * Like {@link #write(String, Map, Duration)}, but the link thread holds the write, encoded and
   * with nothing in flight, until every party of {@code trigger} is ready (or the trigger's bound
   * passed): writes on several links then leave together. A link that cannot hold a write sends it
   * at once; the default does, after withdrawing from the trigger.
   */
  default CompletableFuture<Void> write(
      String device, Map<String, ?> values, Duration deadline, WriteTrigger trigger) {
    CompletableFuture<Void> sent = write(device, values, deadline);
    trigger.withdraw(sent);
    return sent;
  }

  /**
   * Reads signals of one device now, ahead of polls. Completes with the decoded values or fails
   * with a {@link DriverException}.
   */
  CompletableFuture<Map<String, SignalValue>> read(
      String device, Iterable<String> signals, Duration deadline);

  /** Counters of this link; a snapshot, safe to call from any thread. */
  LinkDiagnostics diagnostics();

  /** Per-device health by device name; a snapshot, safe to call from any thread. */
  default Map<String, DeviceDiagnostics> deviceDiagnostics() {
    return Map.of();
  }

  /** Retries, CRC and framing errors, demotions; a snapshot, safe to call from any thread. */
  default LinkErrorCounts errorCounts() {
    return new LinkErrorCounts(0, 0, 0, 0);
  }

  /** True while the link's connection is established. */
  boolean isConnected();

  /** Stops the link thread and closes the connection; waits at most a few seconds. */
  @Override
  void close();
}
