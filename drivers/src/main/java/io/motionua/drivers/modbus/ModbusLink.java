package io.motionua.drivers.modbus;

import io.motionua.drivers.DeviceDiagnostics;
import io.motionua.drivers.Link;
import io.motionua.drivers.LinkDiagnostics;
import io.motionua.drivers.LinkErrorCounts;
import io.motionua.drivers.SignalListener;
import io.motionua.drivers.SignalValue;
import io.motionua.drivers.WriteTrigger;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One Modbus TCP connection to a device or to a gateway in front of several (unit ids). All traffic
 * on it runs on its single thread, {@code modbus-link-NAME}. Futures complete on that thread:
 * dependents must not block.
 */
public class ModbusLink implements Link {

  private final LinkWorker worker;

  ModbusLink(LinkWorker worker) {
    this.worker = worker;
  }

  @Override
  public String name() {
    return worker.name();
  }

  @Override
  public void start() {
    worker.start();
  }

  @Override
  public void addListener(SignalListener listener) {
    worker.addListener(listener);
  }

  @Override
  public CompletableFuture<Void> write(String device, Map<String, ?> values, Duration deadline) {
    return worker.write(device, values, deadline, null);
  }

  @Override
  public CompletableFuture<Void> write(
      String device, Map<String, ?> values, Duration deadline, WriteTrigger trigger) {
    return worker.write(device, values, deadline, trigger);
  }

  @Override
  public CompletableFuture<Map<String, SignalValue>> read(
      String device, Iterable<String> signals, Duration deadline) {
    return worker.read(device, signals, deadline);
  }

  @Override
  public LinkDiagnostics diagnostics() {
    return worker.diagnostics();
  }

  @Override
  public Map<String, DeviceDiagnostics> deviceDiagnostics() {
    return worker.deviceDiagnostics();
  }

  @Override
  public LinkErrorCounts errorCounts() {
    return worker.errorCounts();
  }

  @Override
  public boolean isConnected() {
    return worker.isConnected();
  }

  @Override
  public void close() {
    worker.close();
  }
}
