package io.motionua.drivers.modbus;

import io.motionua.drivers.DeviceDiagnostics;
import io.motionua.drivers.SignalStatus;
import io.motionua.drivers.SignalValue;
import io.motionua.drivers.profile.SignalSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a link knows about one device: its poll plan (refined when a block meets a hole), every
 * signal's last value and status, and whether it is off scan. Owned by the link thread; only {@link
 * #diagnostics()} is read from other threads.
 */
final class DeviceState {

  final DeviceConfig config;

  /** Signals by poll period: the device's default one first, then any slower or faster ones. */
  final List<PollGroup> groups = new ArrayList<>();

  private final Map<String, SignalValue> values = new LinkedHashMap<>();
  private final Map<String, Long> goodNanos = new HashMap<>();
  private final Set<String> holes = new LinkedHashSet<>();

  /** Exception answers already logged: each is logged once, not at every poll. */
  private final Set<String> reported = new HashSet<>();

  private final LinkCounters traffic;
  private int consecutiveFailures;
  private long demotedUntilNanos;
  private long demotions;
  private Instant lastGoodRead;
  private volatile DeviceDiagnostics diagnostics;

  /** Registers of write-on-change signals as the device last acknowledged them. */
  private final Map<String, int[]> acknowledged = new ConcurrentHashMap<>();

  DeviceState(DeviceConfig config) {
    this.traffic = new LinkCounters(config.name());
    this.config = config;
    Map<Duration, List<SignalSpec>> byPeriod = new LinkedHashMap<>();
    byPeriod.put(config.pollPeriod(), new ArrayList<>());
    for (SignalSpec spec : config.profile().signals().values()) {
      Duration period = config.signalPeriods().getOrDefault(spec.name(), config.pollPeriod());
      byPeriod.computeIfAbsent(period, p -> new ArrayList<>()).add(spec);
    }
    byPeriod.forEach(
        (period, specs) -> {
          if (!specs.isEmpty()) {
            groups.add(new PollGroup(period.toNanos(), specs, config.profile().maxReadRegisters()));
          }
        });
    for (String name : config.profile().signals().keySet()) {
      values.put(name, SignalValue.waiting());
    }
    publish();
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
    lastGoodRead = time;
  }

  /**
   * The device did not answer: keep each last value, Uncertain until {@code staleNanos} after its
   * last good read, Bad from then on.
   */
  void notAnswering(Iterable<SignalSpec> specs, long nowNanos, long staleNanos) {
    for (SignalSpec spec : specs) {
      if (holes.contains(spec.name())) {
        continue;
      }
      SignalValue last = values.get(spec.name());
      Long good = goodNanos.get(spec.name());
      boolean usable =
          good != null
              && last.status() != SignalStatus.BAD_NO_COMMUNICATION
              && nowNanos - good < staleNanos;
      SignalStatus status =
          usable ? SignalStatus.UNCERTAIN_LAST_USABLE : SignalStatus.BAD_NO_COMMUNICATION;
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

  /**
   * The device lacks this signal's registers: it is polled no more and stays Bad. The other signals
   * are coalesced again without it; if a register between signals was the real cause, the next poll
   * meets exception 02 again and splits for good.
   */
  void hole(ReadBlock block) {
    for (SignalSpec spec : block.signals()) {
      holes.add(spec.name());
    }
    failed(block.signals(), SignalStatus.BAD_CONFIGURATION_ERROR);
    for (PollGroup group : groups) {
      group.plan(spec -> !holes.contains(spec.name()), config.profile().maxReadRegisters());
    }
  }

  /** Replaces a block by the blocks it was split into (unless a re-plan already dropped it). */
  void replace(ReadBlock block, List<ReadBlock> parts) {
    for (PollGroup group : groups) {
      if (group.replace(block, parts)) {
        return;
      }
    }
  }

  boolean isDemoted(long nowNanos) {
    return demotedUntilNanos != 0 && nowNanos < demotedUntilNanos;
  }

  /** True when the device was off scan and this poll is the probe that tries it again. */
  boolean isProbing() {
    return demotedUntilNanos != 0;
  }

  void answered() {
    consecutiveFailures = 0;
    demotedUntilNanos = 0;
  }

  /** Counts a failed poll; returns true when it takes the device off scan. */
  boolean failedPoll(long nowNanos) {
    consecutiveFailures++;
    if (consecutiveFailures >= config.demoteAfter()) {
      boolean fresh = demotedUntilNanos == 0;
      demotedUntilNanos = nowNanos + config.demotionTime().toNanos();
      if (fresh) {
        demotions++;
      }
      return fresh;
    }
    return false;
  }

  /** True when a write-on-change signal would write what the device already acknowledged. */
  boolean isUnchanged(String signal, int[] words) {
    return config.profile().writeOnChange().contains(signal)
        && Arrays.equals(acknowledged.get(signal), words);
  }

  /** Remembers what the device acknowledged, for write-on-change signals. */
  void acknowledged(WriteRequest request) {
    int at = 0;
    for (String signal : request.signals()) {
      int count = config.profile().signals().get(signal).count();
      if (config.profile().writeOnChange().contains(signal)) {
        acknowledged.put(signal, Arrays.copyOfRange(request.words(), at, at + count));
      }
      at += count;
    }
  }

  /** After a reconnect the device may have restarted: write everything again. */
  void forgetAcknowledged() {
    acknowledged.clear();
  }

  SignalValue value(String signal) {
    return values.get(signal);
  }

  /** A copy of every signal's value, in the profile's order. */
  Map<String, SignalValue> snapshot() {
    return new LinkedHashMap<>(values);
  }

  /** Makes the current health visible to other threads. */
  void publish() {
    diagnostics =
        new DeviceDiagnostics(
            config.name(),
            config.unitId(),
            demotedUntilNanos != 0,
            demotions,
            consecutiveFailures,
            holes,
            lastGoodRead,
            null);
  }

  /** This device's own traffic counters; thread-safe. */
  /** True the first time {@code text} is reported for this device (at most 64 kept). */
  boolean firstReport(String text) {
    return reported.size() < 64 && reported.add(text);
  }

  LinkCounters traffic() {
    return traffic;
  }

  DeviceDiagnostics diagnostics() {
    return diagnostics;
  }
}
