package io.motionua.server.sparkplug;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * Store and forward: the data messages that could not be published while the broker was
 * unreachable, appended in order to one file ({@code <data-dir>/sparkplug/forward.bin}) and read
 * back in the same order once a new birth went out. Bounded: once the file reaches its size, newer
 * data is dropped and counted (what is stored keeps its order and is never rewritten). Only the
 * edge node's thread uses it.
 *
 * <p>Record: device id (UTF), sample count, then per sample alias, epoch milliseconds, a type tag
 * and the value.
 */
final class ForwardStore implements AutoCloseable {

  private final Path file;
  private final long maxBytes;
  private OutputStream raw;
  private DataOutputStream out;
  private long size;
  private long records;
  private long dropped;
  private String lastError = "";

  ForwardStore(Path file, long maxBytes) throws IOException {
    this.file = file;
    this.maxBytes = maxBytes;
    Files.createDirectories(file.getParent());
    recoverInterruptedForward();
    this.size = Files.exists(file) ? Files.size(file) : 0;
    this.records = size == 0 ? 0 : countRecords();
  }

  /**
   * The records of a store left by an earlier run (read once at start, for the depth meter); a
   * damaged record ends the count (forwarding reports it).
   */
  private long countRecords() {
    long n = 0;
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 64 * 1024))) {
      while (true) {
        in.readUTF();
        int samples = in.readInt();
        for (int i = 0; i < samples; i++) {
          in.readLong();
          in.readLong();
          readValue(in);
        }
        n++;
      }
    } catch (IOException end) {
      return n; // the end, or a record cut short by a crash (not counted)
    }
  }

  private Path sending() {
    return file.resolveSibling(file.getFileName() + ".sending");
  }

  /**
   * A forward cut short by a crash left its records in the {@code .sending} file: they are older
   * than anything in the store, so they go first (some may reach the host twice).
   */
  private void recoverInterruptedForward() throws IOException {
    Path sending = sending();
    if (!Files.exists(sending)) {
      return;
    }
    if (Files.exists(file)) {
      Files.write(sending, Files.readAllBytes(file), StandardOpenOption.APPEND);
    }
    Files.move(sending, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  /** Appends one device's samples; false (and counted) when the store is full or the disk fails. */
  boolean append(String device, List<MetricSample> samples) {
    try {
      var bytes = new java.io.ByteArrayOutputStream(32 + samples.size() * 24);
      DataOutputStream record = new DataOutputStream(bytes);
      record.writeUTF(device);
      record.writeInt(samples.size());
      for (MetricSample s : samples) {
        record.writeLong(s.metric().alias());
        record.writeLong(s.time().toEpochMilli());
        writeValue(record, s.value());
      }
      if (size + bytes.size() > maxBytes) {
        dropped++;
        return false;
      }
      if (out == null) {
        raw = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        out = new DataOutputStream(new BufferedOutputStream(raw, 64 * 1024));
      }
      bytes.writeTo(out);
      size += bytes.size();
      records++;
      return true;
    } catch (IOException e) {
      dropped++;
      lastError = e.getMessage();
      return false;
    }
  }

  /**
   * Writes what is buffered to the file (after each batch: a crash loses at most one batch). A
   * flush that works clears the last error: the disk takes data again.
   */
  void flush() {
    if (out != null) {
      try {
        out.flush();
        lastError = "";
      } catch (IOException e) {
        lastError = e.getMessage();
      }
    }
  }

  boolean isEmpty() {
    return size == 0;
  }

  long dropped() {
    return dropped;
  }

  long bytes() {
    return size;
  }

  /** Data messages waiting in the store. */
  long records() {
    return records;
  }

  String lastError() {
    return lastError;
  }

  /**
   * Hands every stored record, oldest first, to the sink (device id and samples, aliases resolved
   * through the map; unknown aliases, from a changed machine file, are skipped), then empties the
   * store. A record the sink refuses (the connection went while forwarding) and every later one go
   * back into the store, in order.
   */
  void forward(Map<Long, MetricDefinition> byAlias, BiPredicate<String, List<MetricSample>> sink)
      throws IOException {
    closeWriter();
    if (!Files.exists(file)) {
      size = 0;
      records = 0;
      return;
    }
    Path sending = sending();
    Files.move(file, sending, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    size = 0;
    records = 0;
    boolean refused = false;
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(sending), 64 * 1024))) {
      while (true) {
        String device;
        try {
          device = in.readUTF();
        } catch (EOFException end) {
          break;
        }
        int n = in.readInt();
        List<MetricSample> samples = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          long alias = in.readLong();
          Instant time = Instant.ofEpochMilli(in.readLong());
          Object value = readValue(in);
          MetricDefinition metric = byAlias.get(alias);
          if (metric != null) {
            samples.add(new MetricSample(metric, value, time));
          }
        }
        if (samples.isEmpty()) {
          continue;
        }
        refused = refused || !sink.test(device, samples);
        if (refused) {
          append(device, samples);
        }
      }
    } catch (EOFException truncated) {
      // A record cut short by a crash: everything before it was forwarded.
    }
    flush();
    Files.deleteIfExists(sending);
  }

  private static void writeValue(DataOutputStream out, Object v) throws IOException {
    if (v instanceof Boolean b) {
      out.writeByte('B');
      out.writeBoolean(b);
    } else if (v instanceof Double || v instanceof Float) {
      out.writeByte('D');
      out.writeDouble(((Number) v).doubleValue());
    } else if (v instanceof Number n) {
      out.writeByte('L');
      out.writeLong(n.longValue());
    } else {
      out.writeByte('S');
      out.writeUTF(String.valueOf(v));
    }
  }

  private static Object readValue(DataInputStream in) throws IOException {
    int tag = in.readByte();
    return switch (tag) {
      case 'B' -> in.readBoolean();
      case 'D' -> in.readDouble();
      case 'L' -> in.readLong();
      case 'S' -> in.readUTF();
      default -> throw new IOException("store record with unknown type tag " + tag);
    };
  }

  private void closeWriter() throws IOException {
    if (out != null) {
      out.close();
      out = null;
      raw = null;
    }
  }

  @Override
  public void close() throws IOException {
    closeWriter();
  }
}
