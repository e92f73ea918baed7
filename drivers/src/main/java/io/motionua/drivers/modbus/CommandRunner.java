package io.motionua.drivers.modbus;

import io.motionua.drivers.DriverException;
import io.motionua.drivers.SignalStatus;
import io.motionua.drivers.SignalValue;
import io.motionua.drivers.profile.RegisterAddress;
import io.motionua.drivers.profile.SignalSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs queued writes and reads on the link thread and completes their futures: with the device's
 * acknowledgement, or with a typed {@link DriverException}. Never retries a write.
 */
final class CommandRunner {

  private final String name;
  private final Exchange exchange;
  private final DevicePoller poller;
  private final long timeoutNanos;

  CommandRunner(String name, Exchange exchange, DevicePoller poller, long timeoutNanos) {
    this.name = name;
    this.exchange = exchange;
    this.poller = poller;
    this.timeoutNanos = timeoutNanos;
  }

  void execute(LinkCommand command) throws InterruptedException {
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
          "link %s, device %s (unit %d): write of %s at %s (0-based)"
              .formatted(
                  name,
                  device.name(),
                  device.unitId(),
                  request.signals(),
                  new RegisterAddress(request.table(), request.address()).toZeroBasedString());
      long deadline = Math.min(write.deadlineNanos(), System.nanoTime() + timeoutNanos);
      if (System.nanoTime() >= deadline) {
        write.fail(new DriverException(SignalStatus.BAD_TIMEOUT, what + ": deadline passed"));
        return;
      }
      if (write.trigger() != null && request == write.requests().get(0)) {
        write.trigger().armAndAwait(write.future()); // the other links' writes go out with this
      }
      DriverException failure = failure(exchange.send(device, request.pdu(fc06), deadline), what);
      if (failure != null) {
        write.fail(failure);
        return;
      }
      device.acknowledged(request);
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
      Exchange.Response response = exchange.send(device, request, deadline);
      DriverException failure = failure(response, what);
      if (failure != null) {
        read.fail(failure);
        return;
      }
      poller.decode(device, block, response.pdu());
      for (SignalSpec spec : block.signals()) {
        result.put(spec.name(), device.value(spec.name()));
      }
    }
    read.future().complete(result);
  }

  /** The typed failure of a command's request, or null when the device acknowledged it. */
  private static DriverException failure(Exchange.Response response, String what) {
    if (response.timedOut()) {
      return new DriverException(
          SignalStatus.BAD_TIMEOUT, what + ": no response", response.error());
    }
    if (response.damaged()) {
      return new DriverException(
          SignalStatus.BAD_DEVICE_FAILURE,
          what + ": damaged response, the request may or may not have been applied",
          response.error());
    }
    if (response.pdu() == null) {
      return new DriverException(
          SignalStatus.BAD_NO_COMMUNICATION, what + ": connection lost", response.error());
    }
    if (ModbusPdu.isException(response.pdu())) {
      int code = response.pdu()[1] & 0xFF;
      return new DriverException(
          ExceptionCodes.status(code), what + ": " + ExceptionCodes.describe(code));
    }
    return null;
  }
}
