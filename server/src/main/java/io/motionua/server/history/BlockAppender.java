package io.motionua.server.history;

import io.questdb.cairo.TableWriter;
import io.questdb.std.BinarySequence;
import java.util.HashMap;
import java.util.Map;

/**
 * Gathers each variable's samples between two commits and writes them as one row per variable (a
 * block, {@link SampleBlock}) into the blocks table: the writer thread's side of the store. A
 * variable's samples go into a row of their own early when they would span more than {@link
 * SampleBlock#MAX_SPAN_MICROS} or number more than {@link SampleBlock#MAX_COUNT}. Samples that
 * arrive out of order are sorted within their block; one later than its block was written makes a
 * block that overlaps, which reads merge ({@link BlockScan}).
 */
final class BlockAppender {

  /** Column numbers of the blocks table ({@link HistoryStore#CREATE_BLOCKS}). */
  static final int NODE = 0;

  static final int LAST = 1;
  static final int COUNT = 2;
  static final int DATA = 3;

  private static final class Pending {
    final SampleColumns samples = new SampleColumns(128);
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
  }

  private TableWriter writer;
  private final Map<String, Pending> pending = new HashMap<>();
  private final SampleBlock.Bytes bytes = new SampleBlock.Bytes();
  private final BinarySequence view =
      new BinarySequence() {
        @Override
        public byte byteAt(long index) {
          return bytes.data[(int) index];
        }

        @Override
        public long length() {
          return bytes.length;
        }
      };
  private long blocks;
  private long encodedBytes;

  BlockAppender(TableWriter writer) {
    this.writer = writer;
  }

  void append(String node, long timeMicros, double value, long status) {
    Pending p = pending.computeIfAbsent(node, n -> new Pending());
    if (p.samples.size > 0
        && (p.samples.size == SampleBlock.MAX_COUNT
            || Math.max(p.max, timeMicros) - Math.min(p.min, timeMicros)
                > SampleBlock.MAX_SPAN_MICROS)) {
      write(node, p);
    }
    p.samples.add(timeMicros, value, status);
    p.min = Math.min(p.min, timeMicros);
    p.max = Math.max(p.max, timeMicros);
  }

  /** Lets go of every pending sample and writes from now on through {@code writer}. */
  void reopen(TableWriter writer) {
    this.writer = writer;
    pending
        .values()
        .forEach(
            p -> {
              p.samples.clear();
              p.min = Long.MAX_VALUE;
              p.max = Long.MIN_VALUE;
            });
  }

  /** Writes every variable's pending samples as blocks (before a commit). */
  void writeAll() {
    for (Map.Entry<String, Pending> e : pending.entrySet()) {
      if (e.getValue().samples.size > 0) {
        write(e.getKey(), e.getValue());
      }
    }
  }

  /** Blocks written since the store opened (for the bench's figures). */
  long blocks() {
    return blocks;
  }

  /** Bytes of the blocks' encodings written since the store opened (for the bench). */
  long encodedBytes() {
    return encodedBytes;
  }

  private void write(String node, Pending p) {
    SampleColumns c = p.samples;
    if (!c.inOrder()) {
      c.sortByTime();
    }
    SampleBlock.encode(c, bytes);
    TableWriter.Row row = writer.newRow(c.first());
    row.putSym(NODE, node);
    row.putTimestamp(LAST, c.last());
    row.putInt(COUNT, c.size);
    row.putBin(DATA, view);
    row.append();
    blocks++;
    encodedBytes += bytes.length;
    c.clear();
    p.min = Long.MAX_VALUE;
    p.max = Long.MIN_VALUE;
  }
}
