package io.motionua.server.history;

import io.questdb.std.BinarySequence;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * Walks the samples of one variable's blocks in time order, oldest or newest first, within {@code
 * [from, to)}, passing over the first {@code skip} and stopping when the visitor wants no more.
 *
 * <p>Blocks come from the store ordered by their first sample's time. They do not overlap unless a
 * value arrived late (after its neighbours' block was written); blocks that overlap are gathered
 * into a cluster and their samples merged in time order. A cluster is complete once no block still
 * to come can reach into it: oldest first, when a block starts after the cluster's last sample;
 * newest first, when a block starts more than {@link SampleBlock#MAX_SPAN_MICROS} before the
 * cluster's first sample (no block spans more). A cluster of one block inside the range that is all
 * to be skipped is passed over without decoding it, so deep pages cost little.
 */
final class BlockScan {

  /** Receives samples; returns false to stop the walk. */
  interface Visitor {
    boolean accept(long timeMicros, double value, long status);
  }

  private record Block(long first, long last, int count, byte[] data) {}

  private static final class Cluster {
    final List<Block> blocks = new ArrayList<>(1);
    long min;
    long max;

    Cluster(Block b) {
      blocks.add(b);
      min = b.first();
      max = b.last();
    }

    boolean overlaps(Block b) {
      return b.first() <= max && b.last() >= min;
    }

    void absorb(Cluster other) {
      blocks.addAll(other.blocks);
      min = Math.min(min, other.min);
      max = Math.max(max, other.max);
    }
  }

  private final String node;
  private final long from;
  private final long to;
  private final boolean newestFirst;
  private long skip;
  private final Visitor visitor;
  private final ArrayDeque<Cluster> pending = new ArrayDeque<>();
  private final SampleColumns samples = new SampleColumns(256);
  private final SampleColumns one = new SampleColumns(256);
  private boolean stopped;

  BlockScan(String node, long from, long to, boolean newestFirst, long skip, Visitor visitor) {
    this.node = node;
    this.from = from;
    this.to = to;
    this.newestFirst = newestFirst;
    this.skip = skip;
    this.visitor = visitor;
  }

  /** The earliest block start that can hold a sample at or after {@code from}. */
  static long earliestStart(long from) {
    return from <= SampleBlock.MAX_SPAN_MICROS ? 0 : from - SampleBlock.MAX_SPAN_MICROS;
  }

  /**
   * Takes the next block in the store's order (by first time, ascending or, newest first,
   * descending).
   *
   * @return false once the visitor wants no more
   */
  boolean block(long first, long last, int count, BinarySequence data)
      throws CorruptBlockException {
    while (!pending.isEmpty() && !stopped && complete(pending.peekFirst(), first)) {
      emit(pending.pollFirst());
    }
    if (stopped) {
      return false;
    }
    int length = (int) data.length();
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = data.byteAt(i);
    }
    Block b = new Block(first, last, count, bytes);
    Cluster c = new Cluster(b);
    // The clusters a block overlaps are the last ones held (the nearest to it in time).
    for (Iterator<Cluster> it = pending.descendingIterator(); it.hasNext(); ) {
      Cluster held = it.next();
      if (!held.overlaps(b)) {
        break;
      }
      c.absorb(held);
      it.remove();
    }
    pending.addLast(c);
    return true;
  }

  private boolean complete(Cluster c, long nextFirst) {
    return newestFirst ? c.min > nextFirst + SampleBlock.MAX_SPAN_MICROS : c.max < nextFirst;
  }

  /** Walks what is still held, after the last block. */
  void finish() throws CorruptBlockException {
    while (!pending.isEmpty() && !stopped) {
      emit(pending.pollFirst());
    }
  }

  private void emit(Cluster c) throws CorruptBlockException {
    if (c.blocks.size() == 1) {
      Block b = c.blocks.get(0);
      if (b.count() <= skip && b.first() >= from && b.last() < to) {
        skip -= b.count();
        return;
      }
      decode(b, samples);
    } else {
      c.blocks.sort(Comparator.comparingLong(Block::first));
      samples.clear();
      for (Block b : c.blocks) {
        decode(b, one);
        samples.grow(samples.size + one.size);
        for (int i = 0; i < one.size; i++) {
          samples.add(one.times[i], one.values[i], one.statuses[i]);
        }
      }
      samples.sortByTime();
    }
    int n = samples.size;
    for (int k = 0; k < n; k++) {
      int i = newestFirst ? n - 1 - k : k;
      long t = samples.times[i];
      if (t < from || t >= to) {
        continue;
      }
      if (skip > 0) {
        skip--;
        continue;
      }
      if (!visitor.accept(t, samples.values[i], samples.statuses[i])) {
        stopped = true;
        return;
      }
    }
  }

  private void decode(Block b, SampleColumns into) throws CorruptBlockException {
    try {
      SampleBlock.decode(b.data(), b.data().length, b.first(), into);
    } catch (CorruptBlockException e) {
      throw new CorruptBlockException(
          "block of " + node + " starting at " + b.first() + " us: " + e.getMessage());
    }
    if (into.size != b.count() || into.last() != b.last()) {
      throw new CorruptBlockException(
          "block of "
              + node
              + " starting at "
              + b.first()
              + " us: holds "
              + into.size
              + " samples to "
              + into.last()
              + " us, its row says "
              + b.count()
              + " to "
              + b.last());
    }
  }
}
