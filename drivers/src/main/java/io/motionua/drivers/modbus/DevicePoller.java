package io.motionua.drivers.modbus;

import io.motionua.drivers.SignalStatus;
import io.motionua.drivers.profile.RegisterAddress;
import io.motionua.drivers.profile.RegisterCodec;
import io.motionua.drivers.profile.SignalSpec;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a device's poll blocks into its state: retries, the exception-02 split, demotion. Runs on
 * the link thread.
 */
final class DevicePoller {

  private static final Logger logger = LoggerFactory.getLogger(DevicePoller.class);

  private final String name;
  private final Exchange exchange;
  private final LinkCounters counters;
  private final long timeoutNanos;
  private final int retries;
  private final long staleNanos;
  private final BooleanSupplier closingFlag;
  private final Consumer<DeviceState> missedAnswer;

  /**
   * @param missedAnswer told (on the link thread) when a device missed its first answer of a poll,
   *     before the retries: its values are then Uncertain_LastUsableValue
   */
  DevicePoller(
      String name,
      Exchange exchange,
      LinkCounters counters,
      long timeoutNanos,
      int retries,
      long staleNanos,
      BooleanSupplier closing,
      Consumer<DeviceState> missedAnswer) {
    this.name = name;
    this.exchange = exchange;
    this.counters = counters;
    this.timeoutNanos = timeoutNanos;
    this.retries = retries;
    this.staleNanos = staleNanos;
    this.closingFlag = closing;
    this.missedAnswer = missedAnswer;
  }

  /**
   * Polls one device. A device off scan costs no I/O: its kept values only age. A probe after
   * demotion gets no retries, so a device that is still dead costs one timeout per demotion time.
   */
  void poll(DeviceState device, PollGroup group) throws InterruptedException {
    long now = System.nanoTime();
    group.scheduleNext(now);
    if (device.isDemoted(now)) {
      device.notAnswering(device.config.profile().signals().values(), now, staleNanos);
    } else {
      int attempts = device.isProbing() ? 0 : retries;
      boolean answered = true;
      for (ReadBlock block : List.copyOf(group.blocks)) {
        if (!readBlock(device, block, attempts)) {
          answered = false;
          break;
        }
      }
      if (answered) {
        device.answered();
      } else if (exchange.isOpen() && device.failedPoll(System.nanoTime())) {
        counters.demotion();
        logger.warn(
            "Link {}: device {} (unit {}) failed {} polls in a row, off scan for {}; last: {}",
            name,
            device.name(),
            device.unitId(),
            device.config.demoteAfter(),
            device.config.demotionTime(),
            device.traffic().lastError());
      }
    }
    device.publish();
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
      Exchange.Response response = exchange.send(device, request, System.nanoTime() + timeoutNanos);
      if (response.pdu() != null && ModbusPdu.isException(response.pdu())) {
        return exceptionInPoll(device, block, response.pdu()[1] & 0xFF, retriesLeft);
      }
      if (response.pdu() != null) {
        decode(device, block, response.pdu());
        return true;
      }
      device.notAnswering(
          device.config.profile().signals().values(), System.nanoTime(), staleNanos);
      if (!response.retryable() || attempt >= retriesLeft || closingFlag.getAsBoolean()) {
        return false;
      }
      if (attempt == 0) {
        // A missed answer makes the kept values Uncertain now, not after this poll's retries
        // (issue 13: Uncertain_LastUsableValue after one missed poll); a retry that succeeds
        // makes them Good again.
        missedAnswer.accept(device);
      }
      counters.retry();
      device.traffic().retry();
    }
  }

  private boolean exceptionInPoll(DeviceState device, ReadBlock block, int code, int retriesLeft)
      throws InterruptedException {
    if (ExceptionCodes.isUnreachable(code)) {
      device.notAnswering(block.signals(), System.nanoTime(), staleNanos);
      return false;
    }
    if (code != ExceptionCodes.ILLEGAL_DATA_ADDRESS) {
      String text = device.traffic().lastError();
      if (device.firstReport(text)) {
        logger.warn(
            "{}; its signals there are {} until it answers", text, ExceptionCodes.status(code));
      }
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

  void decode(DeviceState device, ReadBlock block, byte[] pdu) {
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
}
