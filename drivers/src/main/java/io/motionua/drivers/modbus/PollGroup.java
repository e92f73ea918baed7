package io.motionua.drivers.modbus;

import io.motionua.drivers.profile.SignalSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The signals of one device polled at one period, and the read requests that cover them. A block
 * that met exception 02 is replaced by its halves; owned by the link thread.
 */
final class PollGroup {

  final long periodNanos;
  final List<SignalSpec> signals;
  final List<ReadBlock> blocks = new ArrayList<>();
  long nextPollNanos;

  PollGroup(long periodNanos, List<SignalSpec> signals, int maxReadRegisters) {
    this.periodNanos = periodNanos;
    this.signals = List.copyOf(signals);
    plan(signal -> true, maxReadRegisters);
  }

  /** Plans the blocks again for the signals that pass the filter. */
  void plan(Predicate<SignalSpec> keep, int maxReadRegisters) {
    blocks.clear();
    blocks.addAll(PollPlan.blocks(signals.stream().filter(keep).toList(), maxReadRegisters));
  }

  /** Replaces a block by the blocks it was split into; false when this group lacks it. */
  boolean replace(ReadBlock block, List<ReadBlock> parts) {
    int at = blocks.indexOf(block);
    if (at < 0) {
      return false;
    }
    blocks.remove(at);
    blocks.addAll(at, parts);
    return true;
  }

  /** Moves the next poll one period on; a poll that is late is skipped, never bunched up. */
  void scheduleNext(long nowNanos) {
    nextPollNanos += periodNanos;
    if (nextPollNanos < nowNanos) {
      nextPollNanos = nowNanos + periodNanos;
    }
  }
}
