package io.motionua.drivers.modbus;

import io.motionua.drivers.profile.RegisterTable;
import io.motionua.drivers.profile.SignalSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Coalesces signals into the fewest read requests a device's limits allow. */
final class PollPlan {

  /** The protocol's limit on bits per FC01/FC02 read. */
  static final int MAX_READ_BITS = 2000;

  private PollPlan() {}

  /**
   * Groups signals into blocks. Within one table, signals sorted by address are taken greedily: a
   * block grows while the span from its first register to the end of the next signal fits in {@code
   * maxRegisters}. For intervals that must not be split, the greedy cover is minimal. Gaps between
   * signals are read along (a device that lacks a register in a gap answers exception 02; the link
   * then splits the block).
   */
  static List<ReadBlock> blocks(Iterable<SignalSpec> signals, int maxRegisters) {
    Map<RegisterTable, List<SignalSpec>> byTable = new EnumMap<>(RegisterTable.class);
    for (SignalSpec spec : signals) {
      byTable.computeIfAbsent(spec.table(), t -> new ArrayList<>()).add(spec);
    }
    List<ReadBlock> blocks = new ArrayList<>();
    for (Map.Entry<RegisterTable, List<SignalSpec>> entry : byTable.entrySet()) {
      RegisterTable table = entry.getKey();
      int limit = table.isBitTable() ? MAX_READ_BITS : maxRegisters;
      List<SignalSpec> sorted = new ArrayList<>(entry.getValue());
      sorted.sort(Comparator.comparingInt(SignalSpec::address));
      List<SignalSpec> current = new ArrayList<>();
      int start = 0;
      int end = 0;
      for (SignalSpec spec : sorted) {
        if (!current.isEmpty() && Math.max(end, spec.end()) - start > limit) {
          blocks.add(new ReadBlock(table, start, end - start, current));
          current = new ArrayList<>();
        }
        if (current.isEmpty()) {
          start = spec.address();
          end = spec.end();
        }
        current.add(spec);
        end = Math.max(end, spec.end());
      }
      if (!current.isEmpty()) {
        blocks.add(new ReadBlock(table, start, end - start, current));
      }
    }
    return blocks;
  }

  /**
   * Splits a block that met exception 02 into two halves by signal count, each covering only its
   * own signals. A block of one signal cannot be split.
   */
  static List<ReadBlock> split(ReadBlock block) {
    List<SignalSpec> signals = block.signals();
    int half = signals.size() / 2;
    return List.of(
        cover(block.table(), signals.subList(0, half)),
        cover(block.table(), signals.subList(half, signals.size())));
  }

  private static ReadBlock cover(RegisterTable table, List<SignalSpec> signals) {
    int start = signals.get(0).address();
    int end = signals.stream().mapToInt(SignalSpec::end).max().orElse(start);
    return new ReadBlock(table, start, end - start, signals);
  }
}
