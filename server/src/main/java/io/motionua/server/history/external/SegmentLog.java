package io.motionua.server.history.external;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The on-disk buffer of the external historian: records appended under increasing sequence numbers
 * to segment files ({@code seg-<first seq>.log}) in one directory, read back in order and
 * acknowledged once the database committed them. A segment is deleted when everything in it is
 * acknowledged and a newer one exists. Bounded: a record that would take the unacknowledged bytes
 * past {@code maxBytes} is refused and counted (what is stored is never rewritten: the newest
 * records are the ones lost).
 *
 * <p>Frame: payload length (int), sequence number (long), payload, CRC-32 of sequence and payload
 * (int). A frame cut short or damaged (a crash while appending) ends its segment at open: the file
 * is truncated there. Appends are forced to disk before the reader sees them, so a sequence number
 * the database holds is never handed out again after a crash. The file {@code acked} holds the last
 * acknowledged sequence number, {@code origin} a UUID made with the directory: together they are
 * the database's unique key, so records sent twice (a crash between commit and acknowledgement) are
 * kept once.
 *
 * <p>Thread-safe: one thread appends, another reads and acknowledges.
 */
final class SegmentLog implements AutoCloseable {

  private static final Logger logger = LoggerFactory.getLogger(SegmentLog.class);

  /** Length, sequence number and CRC around each payload. */
  static final int FRAME_OVERHEAD = 16;

  /** The largest payload a frame may claim (anything larger is damage). */
  static final int MAX_PAYLOAD = 1 << 20;

  /** How much one read takes from a segment at most. */
  private static final int READ_CHUNK = 1 << 20;

  private final Path dir;
  private final long maxBytes;
  private final long segmentBytes;
  private final UUID origin;
  private final ArrayDeque<Segment> segments = new ArrayDeque<>();
  private FileChannel out;
  private long nextSeq;
  private long ackedSeq;
  private long readOffset;
  private long records;
  private long dropped;
  private boolean full;
  private String lastError = "";

  /** One segment file and how many of its bytes are on disk (forced). */
  private static final class Segment {
    final Path file;
    long bytes;

    Segment(Path file, long bytes) {
      this.file = file;
      this.bytes = bytes;
    }
  }

  /** Records read from the log, up to where their acknowledgement moves the reader. */
  record Batch(List<Logged> records, Path segment, long endOffset) {
    long lastSeq() {
      return records.get(records.size() - 1).seq();
    }
  }

  private SegmentLog(Path dir, long maxBytes, UUID origin) {
    this.dir = dir;
    this.maxBytes = maxBytes;
    this.segmentBytes = Math.max(64 * 1024, Math.min(16L << 20, maxBytes / 8));
    this.origin = origin;
  }

  /** Opens (or creates) the log in {@code dir}; repairs a segment cut short by a crash. */
  static SegmentLog open(Path dir, long maxBytes) throws IOException {
    Files.createDirectories(dir);
    Path originFile = dir.resolve("origin");
    UUID origin;
    if (Files.exists(originFile)) {
      origin = UUID.fromString(Files.readString(originFile, StandardCharsets.US_ASCII).trim());
    } else {
      origin = UUID.randomUUID();
      writeAtomically(originFile, origin.toString());
      // Forced: a lost origin would make every record after it look new to the database.
      try (FileChannel ch = FileChannel.open(originFile, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
    }
    SegmentLog log = new SegmentLog(dir, maxBytes, origin);
    log.load();
    return log;
  }

  private void load() throws IOException {
    Path ackedFile = dir.resolve("acked");
    ackedSeq = 0;
    if (Files.exists(ackedFile)) {
      String text = Files.readString(ackedFile, StandardCharsets.US_ASCII).trim();
      try {
        ackedSeq = Long.parseLong(text);
      } catch (NumberFormatException e) {
        // Not forced, so a crash may leave it empty: sending everything again is harmless.
        logger.warn(
            "history external: {} holds '{}': sending the whole buffer again", ackedFile, text);
      }
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files =
          list.filter(p -> p.getFileName().toString().matches("seg-\\d{20}\\.log"))
              .sorted()
              .toList();
    }
    long lastSeq = ackedSeq;
    for (Path file : files) {
      Scan scan = scan(file);
      if (scan.goodBytes < Files.size(file)) {
        logger.warn(
            "history external: {} ends in a damaged record at byte {}: cut there",
            file.getFileName(),
            scan.goodBytes);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
          ch.truncate(scan.goodBytes);
        }
      }
      if (scan.lastSeq <= ackedSeq && file != files.get(files.size() - 1)) {
        Files.delete(file); // everything in it reached the database
        continue;
      }
      if (segments.isEmpty()) {
        readOffset = scan.ackedEnd;
      }
      segments.add(new Segment(file, scan.goodBytes));
      records += scan.unacked;
      lastSeq = Math.max(lastSeq, scan.lastSeq);
    }
    nextSeq = lastSeq + 1;
    publish();
  }

  private record Scan(long goodBytes, long lastSeq, long ackedEnd, long unacked) {}

  private Scan scan(Path file) throws IOException {
    byte[] all = Files.readAllBytes(file);
    ByteBuffer buf = ByteBuffer.wrap(all);
    long lastSeq = 0;
    long ackedEnd = 0;
    long unacked = 0;
    int good = 0;
    CRC32 crc = new CRC32();
    while (buf.remaining() >= FRAME_OVERHEAD) {
      int at = buf.position();
      int length = buf.getInt();
      if (length < 1 || length > MAX_PAYLOAD || buf.remaining() < length + 12) {
        break;
      }
      crc.reset();
      crc.update(all, at + 4, 8 + length);
      long seq = buf.getLong();
      buf.position(buf.position() + length);
      if ((int) crc.getValue() != buf.getInt()) {
        break;
      }
      good = buf.position();
      lastSeq = seq;
      if (seq <= ackedSeq) {
        ackedEnd = good;
      } else {
        unacked++;
      }
    }
    return new Scan(good, lastSeq, ackedEnd, unacked);
  }

  /**
   * Appends payloads under the next sequence numbers and forces them to disk; returns how many were
   * refused: the buffer is full, or the disk failed ({@link #lastError()}).
   */
  synchronized int append(List<byte[]> payloads) {
    int refused = 0;
    int written = 0;
    Frames frames = new Frames();
    long unsent = unsent();
    try {
      for (byte[] payload : payloads) {
        int size = payload.length + FRAME_OVERHEAD;
        if (unsent + size > maxBytes) {
          refused++;
          continue;
        }
        Segment current = segments.peekLast();
        long currentBytes = current == null ? 0 : current.bytes + frames.size();
        if (current == null || currentBytes > 0 && currentBytes + size > segmentBytes) {
          if (current != null && frames.size() > 0) {
            written += write(current, frames);
          }
          newSegment();
        }
        frames.add(nextSeq++, payload);
        unsent += size;
      }
      if (frames.size() > 0) {
        written += write(segments.peekLast(), frames);
      }
      lastError = "";
    } catch (IOException e) {
      lastError = "cannot write " + dir + ": " + e.getMessage();
      refused = payloads.size() - written;
    }
    records += written;
    dropped += refused;
    full = refused > 0 && lastError.isEmpty();
    publish();
    if (written > 0) {
      notifyAll(); // the reader waits for records
    }
    return refused;
  }

  /** Frames not yet written. */
  private static final class Frames {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final DataOutputStream data = new DataOutputStream(bytes);
    private final CRC32 crc = new CRC32();
    private int count;

    void add(long seq, byte[] payload) throws IOException {
      ByteBuffer head = ByteBuffer.allocate(12).putInt(payload.length).putLong(seq);
      crc.reset();
      crc.update(head.array(), 4, 8);
      crc.update(payload);
      data.write(head.array());
      data.write(payload);
      data.writeInt((int) crc.getValue());
      count++;
    }

    int size() {
      return bytes.size();
    }
  }

  private void newSegment() throws IOException {
    if (out != null) {
      out.close();
      out = null;
    }
    segments.add(new Segment(dir.resolve("seg-%020d.log".formatted(nextSeq)), 0));
  }

  /** Writes and forces the frames at the segment's end; returns how many there were. */
  private int write(Segment target, Frames frames) throws IOException {
    try {
      if (out == null) {
        out =
            FileChannel.open(
                target.file,
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
      }
      ByteBuffer buf = ByteBuffer.wrap(frames.bytes.toByteArray());
      while (buf.hasRemaining()) {
        out.write(buf);
      }
      out.force(false);
    } catch (IOException e) {
      // Whatever part went out would misalign the next append: cut the file back, start afresh.
      FileChannel failed = out;
      out = null;
      if (failed != null) {
        try (failed) {
          failed.truncate(target.bytes);
        } catch (IOException ignored) {
          // the next open starts at the end of what is there; its scan cuts any damage
        }
      }
      throw e;
    }
    target.bytes += frames.size();
    int n = frames.count;
    frames.bytes.reset();
    frames.count = 0;
    return n;
  }

  /**
   * Up to {@code max} records after the last acknowledged one, waiting at most {@code waitMs} for
   * one to come; empty when none came.
   */
  synchronized Batch read(int max, long waitMs) throws IOException, InterruptedException {
    if (records == 0 && waitMs > 0) {
      wait(waitMs);
    }
    Segment first = segments.peekFirst();
    while (first != null && readOffset >= first.bytes && segments.size() > 1) {
      segments.removeFirst();
      Files.deleteIfExists(first.file);
      first = segments.peekFirst();
      readOffset = 0;
    }
    if (first == null || readOffset >= first.bytes) {
      return new Batch(List.of(), null, readOffset);
    }
    int length = (int) Math.min(READ_CHUNK, first.bytes - readOffset);
    ByteBuffer buf = ByteBuffer.allocate(length);
    try (FileChannel in = FileChannel.open(first.file, StandardOpenOption.READ)) {
      while (buf.hasRemaining() && in.read(buf, readOffset + buf.position()) >= 0) {
        // read until the chunk is full
      }
    }
    buf.flip();
    List<Logged> batch = new ArrayList<>();
    long end = readOffset;
    while (batch.size() < max && buf.remaining() >= FRAME_OVERHEAD) {
      int payloadLength = buf.getInt(buf.position());
      if (buf.remaining() < payloadLength + FRAME_OVERHEAD) {
        break; // the frame goes on past this chunk: the next read starts with it
      }
      buf.getInt();
      long seq = buf.getLong();
      byte[] payload = new byte[payloadLength];
      buf.get(payload);
      buf.getInt();
      end += payloadLength + FRAME_OVERHEAD;
      if (seq > ackedSeq) {
        batch.add(RecordCodec.decode(seq, new DataInputStream(new ByteArrayInputStream(payload))));
      }
    }
    if (batch.isEmpty()) {
      readOffset = end; // only records acknowledged before a restart: move past them
      publish();
    }
    return new Batch(batch, first.file, end);
  }

  /** The database committed the batch: the reader moves past it. */
  void acknowledge(Batch batch) throws IOException {
    synchronized (this) {
      Segment first = segments.peekFirst();
      if (first == null || !first.file.equals(batch.segment())) {
        throw new IllegalStateException("acknowledged a batch that is not the log's oldest");
      }
      readOffset = batch.endOffset();
      ackedSeq = batch.lastSeq();
      records -= batch.records().size();
      publish();
    }
    // Not forced: a lost acknowledgement only sends the batch again, which the database ignores.
    writeAtomically(dir.resolve("acked"), Long.toString(batch.lastSeq()));
  }

  private static void writeAtomically(Path file, String text) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.US_ASCII);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Wakes a reader waiting in {@link #read}. */
  synchronized void wake() {
    notifyAll();
  }

  /** The UUID of this log: the database's key is (origin, seq). */
  UUID origin() {
    return origin;
  }

  /** The log's figures as of its last change. */
  record Counts(long records, long unsentBytes, long dropped, boolean full, String lastError) {}

  /** Published after each change, so that /health and /metrics never wait on the log's disk. */
  private volatile Counts counts = new Counts(0, 0, 0, false, "");

  private void publish() {
    counts = new Counts(records, unsent(), dropped, full, lastError);
  }

  private long unsent() {
    long total = 0;
    for (Segment s : segments) {
      total += s.bytes;
    }
    return total - readOffset;
  }

  /** Records waiting for the database. */
  long records() {
    return counts.records();
  }

  /** Bytes of the records waiting for the database. */
  long unsentBytes() {
    return counts.unsentBytes();
  }

  /** Records refused because the buffer was full or the disk failed, since open. */
  long dropped() {
    return counts.dropped();
  }

  /** Why the last append failed, empty when it worked. */
  String lastError() {
    return counts.lastError();
  }

  /** Whether the last append refused records for want of room. */
  boolean full() {
    return counts.full();
  }

  @Override
  public synchronized void close() throws IOException {
    if (out != null) {
      out.close();
      out = null;
    }
    notifyAll();
  }
}
