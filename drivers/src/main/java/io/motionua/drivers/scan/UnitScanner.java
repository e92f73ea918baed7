package io.motionua.drivers.scan;

import io.motionua.drivers.modbus.ExceptionCodes;
import io.motionua.drivers.modbus.ModbusPdu;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Finds the units that answer on a line or behind a gateway. Each unit id is probed with a read of
 * one holding register at address 0: any answer, data or an exception, means a device is there
 * (every Modbus drive answers function 3 one way or the other; a missing unit stays silent, or a
 * gateway answers for it with exception 0A/0B, which counts as absent). A unit that answers is then
 * asked for its identification (function 43/14); devices without it answer exception 01 or nothing,
 * which is reported, not counted against the unit.
 */
public final class UnitScanner {

  private final ScanChannel channel;
  private final Duration timeout;

  /**
   * @param timeout how long each request waits for its answer
   */
  public UnitScanner(ScanChannel channel, Duration timeout) {
    this.channel = channel;
    this.timeout = timeout;
  }

  /**
   * Probes every unit of the range in order, reporting each that answers as soon as it is found.
   *
   * @return the units that answered, in order
   * @throws IOException when the line or connection fails for good
   */
  public List<ScanResult> scan(UnitRange units, Consumer<ScanResult> found) throws IOException {
    List<ScanResult> results = new ArrayList<>();
    for (int unit : units.units()) {
      Optional<ScanResult> result = probe(unit);
      if (result.isPresent()) {
        results.add(result.get());
        found.accept(result.get());
      }
    }
    return results;
  }

  /** Probes one unit; empty when it did not answer. */
  public Optional<ScanResult> probe(int unit) throws IOException {
    byte[] answer =
        channel.exchange(
            unit, ModbusPdu.readRequest(ModbusPdu.READ_HOLDING_REGISTERS, 0, 1), timeout);
    if (answer == null || isGatewayFailure(answer)) {
      return Optional.empty();
    }
    String probe = ModbusPdu.isException(answer) ? exception(answer) : "registers";
    byte[] id = channel.exchange(unit, DeviceIdentification.BASIC_REQUEST, timeout);
    if (id == null) {
      return Optional.of(new ScanResult(unit, probe, Optional.empty(), "no answer"));
    }
    if (ModbusPdu.isException(id)) {
      return Optional.of(new ScanResult(unit, probe, Optional.empty(), exception(id)));
    }
    Optional<DeviceIdentification> identification = DeviceIdentification.parse(id);
    return Optional.of(
        new ScanResult(
            unit, probe, identification, identification.isPresent() ? "" : "malformed answer"));
  }

  /** Exception 0A or 0B: the gateway answered for a unit that is not there. */
  private static boolean isGatewayFailure(byte[] answer) {
    return ModbusPdu.isException(answer) && ExceptionCodes.isUnreachable(answer[1] & 0xFF);
  }

  private static String exception(byte[] answer) {
    return ExceptionCodes.describe(answer[1] & 0xFF);
  }
}
