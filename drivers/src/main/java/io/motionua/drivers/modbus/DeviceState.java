package io.motionua.drivers.modbus;

import io.motionua.drivers.SignalStatus;
import io.motionua.drivers.SignalValue;
import io.motionua.drivers.profile.SignalSpec;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a link knows about one device: its poll plan and every signal's last value and status. */
final class DeviceState {

  final DeviceConfig config;
  final List<ReadBlock> blocks;
  final long pollPeriodNanos;
  long nextPollNanos;

  private final Map<String, SignalValue> values = new LinkedHashMap<>();
  private final Map<String, Long> goodNanos = new HashMap<>();

  DeviceState(DeviceConfig config) {
    this.config = config;
    this.blocks =
        PollPlan.blocks(config.profile().signals().values(), config.profile().maxReadRegisters());
    this.pollPeriodNanos = config.pollPeriod().toNanos();
    for (String name : config.profile().signals().keySet()) {
      values.put(name, SignalValue.waiting());
    }
  }

  String name() {
    return config.name();
  }

  int unitId() {
    return config.unitId();
  }

  void good(SignalSpec spec, Object value, Instant time, long nowNanos) {
    values.put(spec.name(), new SignalValue(value, SignalStatus.GOOD, time));
    goodNanos.put(spec.name(), nowNanos);
  }

  /**
   * The device did not answer: keep each last value, Uncertain until {@code staleNanos} after its
   * last good read, Bad from then on.
   */
  void notAnswering(Iterable<SignalSpec> specs, long nowNanos, long staleNanos) {
    for (SignalSpec spec : specs) {
      SignalValue last = values.get(spec.name());
      Long good = goodNanos.get(spec.name());
      SignalStatus status =
          good != null
                  && last.status() != SignalStatus.BAD_NO_COMMUNICATION
                  && nowNanos - good < staleNanos
              ? SignalStatus.UNCERTAIN_LAST_USABLE
              : SignalStatus.BAD_NO_COMMUNICATION;
      values.put(spec.name(), new SignalValue(last.value(), status, last.sourceTime()));
    }
  }

  /** The device answered with an error for these signals: keep values, report the status. */
  void failed(Iterable<SignalSpec> specs, SignalStatus status) {
    for (SignalSpec spec : specs) {
      SignalValue last = values.get(spec.name());
      values.put(spec.name(), new SignalValue(last.value(), status, last.sourceTime()));
    }
  }

  SignalValue value(String signal) {
    return values.get(signal);
  }

  /** A copy of every signal's value, in the profile's order. */
  Map<String, SignalValue> snapshot() {
    return new LinkedHashMap<>(values);
  }
}
