package io.motionua.server.history;

import java.util.zip.CRC32C;

/**
 * The encoding of one block: the samples of one variable over at most {@link #MAX_SPAN_MICROS}, in
 * time order, lossless, in about 9 bytes per value where a row took 24 (docs/history.md, "The
 * store").
 *
 * <pre>
 *   version (1 byte, 1)   count n (varint)
 *   times:    n - 1 zig-zag varints, each the change of the step between two samples
 *             (the first time is the row's own timestamp); a steady period is 1 byte a value
 *   values:   each value's bits XOR the previous one's (the first: XOR 0): 0x00 when equal, else
 *             0x40 | leading zero bytes << 3 | trailing zero bytes, then the bytes between
 *   statuses: runs of (length, StatusCode) as varints, lengths adding up to n
 *   CRC-32C of all the above (4 bytes)
 * </pre>
 *
 * The same idea as Gorilla's (Pelkonen et al., VLDB 2015), byte-aligned so that decoding a day of
 * one variable takes a fraction of a second. A block that does not decode (a wrong check sum, count
 * or length) raises {@link CorruptBlockException}, never a wrong value.
 */
final class SampleBlock {

  static final byte VERSION = 1;

  /** How much time one block may span: reads look this far before their start for blocks. */
  static final long MAX_SPAN_MICROS = 2_000_000;

  /** How many samples one block holds at most. */
  static final int MAX_COUNT = 4096;

  private SampleBlock() {}

  /** A growable byte buffer that an encoded block is written into, reused block after block. */
  static final class Bytes {
    byte[] data = new byte[1024];
    int length;

    void put(int b) {
      if (length == data.length) {
        data = java.util.Arrays.copyOf(data, data.length * 2);
      }
      data[length++] = (byte) b;
    }

    void varint(long v) {
      while ((v & ~0x7FL) != 0) {
        put((int) ((v & 0x7F) | 0x80));
        v >>>= 7;
      }
      put((int) v);
    }

    /** Makes room for {@code n} bytes more. */
    void reserve(int n) {
      if (length + n > data.length) {
        data = java.util.Arrays.copyOf(data, Math.max(data.length * 2, length + n));
      }
    }
  }

  /** Encodes {@code c} (in time order, 1 to {@link #MAX_COUNT} samples) into {@code out}. */
  static void encode(SampleColumns c, Bytes out) {
    out.length = 0;
    out.put(VERSION);
    out.varint(c.size);
    long previousStep = 0;
    for (int i = 1; i < c.size; i++) {
      long step = c.times[i] - c.times[i - 1];
      long change = step - previousStep;
      out.varint((change << 1) ^ (change >> 63));
      previousStep = step;
    }
    long previous = 0;
    for (int i = 0; i < c.size; i++) {
      long bits = Double.doubleToRawLongBits(c.values[i]);
      long x = bits ^ previous;
      previous = bits;
      if (x == 0) {
        out.put(0);
        continue;
      }
      int leading = Long.numberOfLeadingZeros(x) >>> 3;
      int trailing = Long.numberOfTrailingZeros(x) >>> 3;
      out.reserve(9);
      out.data[out.length++] = (byte) (0x40 | leading << 3 | trailing);
      for (int shift = (7 - leading) * 8; shift >= trailing * 8; shift -= 8) {
        out.data[out.length++] = (byte) (x >>> shift);
      }
    }
    int run = 1;
    for (int i = 1; i <= c.size; i++) {
      if (i < c.size && c.statuses[i] == c.statuses[i - 1]) {
        run++;
        continue;
      }
      out.varint(run);
      out.varint(c.statuses[i - 1] & 0xFFFF_FFFFL);
      run = 1;
    }
    CRC32C crc = new CRC32C();
    crc.update(out.data, 0, out.length);
    int sum = (int) crc.getValue();
    out.reserve(4);
    for (int shift = 24; shift >= 0; shift -= 8) {
      out.data[out.length++] = (byte) (sum >>> shift);
    }
  }

  /**
   * Decodes the {@code length} bytes of {@code in}, a block whose first sample is at {@code
   * firstMicros}, into {@code into} (cleared first).
   */
  static void decode(byte[] in, int length, long firstMicros, SampleColumns into)
      throws CorruptBlockException {
    if (length < 6 || in[0] != VERSION) {
      throw new CorruptBlockException("unknown block version or too short");
    }
    CRC32C crc = new CRC32C();
    crc.update(in, 0, length - 4);
    int expected =
        (in[length - 4] & 0xFF) << 24
            | (in[length - 3] & 0xFF) << 16
            | (in[length - 2] & 0xFF) << 8
            | (in[length - 1] & 0xFF);
    if ((int) crc.getValue() != expected) {
      throw new CorruptBlockException("check sum mismatch");
    }
    Reader r = new Reader(in, 1, length - 4);
    long count = r.varint();
    if (count < 1 || count > MAX_COUNT) {
      throw new CorruptBlockException("count " + count + " out of range");
    }
    int n = (int) count;
    into.clear();
    into.grow(n);
    long[] times = into.times;
    times[0] = firstMicros;
    long step = 0;
    for (int i = 1; i < n; i++) {
      long z = r.varint();
      step += (z >>> 1) ^ -(z & 1);
      times[i] = times[i - 1] + step;
    }
    double[] values = into.values;
    long previous = 0;
    for (int i = 0; i < n; i++) {
      int header = r.next();
      if (header != 0) {
        int leading = (header >>> 3) & 7;
        int trailing = header & 7;
        long x = 0;
        for (int k = 8 - leading - trailing; k > 0; k--) {
          x = x << 8 | r.next();
        }
        previous ^= x << (trailing * 8);
      }
      values[i] = Double.longBitsToDouble(previous);
    }
    long[] statuses = into.statuses;
    for (int i = 0; i < n; ) {
      long run = r.varint();
      long status = r.varint();
      if (run < 1 || run > n - i) {
        throw new CorruptBlockException("status run of " + run + " at sample " + i + " of " + n);
      }
      java.util.Arrays.fill(statuses, i, i + (int) run, status);
      i += (int) run;
    }
    if (!r.atEnd()) {
      throw new CorruptBlockException("bytes left over");
    }
    into.size = n;
  }

  /** Reads bytes and varints within bounds. */
  private static final class Reader {
    private final byte[] in;
    private int at;
    private final int end;

    Reader(byte[] in, int at, int end) {
      this.in = in;
      this.at = at;
      this.end = end;
    }

    int next() throws CorruptBlockException {
      if (at >= end) {
        throw new CorruptBlockException("block ends early");
      }
      return in[at++] & 0xFF;
    }

    long varint() throws CorruptBlockException {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        int b = next();
        v |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return v;
        }
      }
      throw new CorruptBlockException("varint too long");
    }

    boolean atEnd() {
      return at == end;
    }
  }
}
