package io.motionua.server.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.motionua.server.drain.PeriodicDrain;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every client write, method call and login refusal, one JSON line each in {@code
 * <data-dir>/audit.log}: when, who (user and role, or the client's address), what (action, node,
 * method or variable), the arguments or old and new value (arrays as JSON arrays), and the result
 * StatusCode.
 *
 * <p>Lines are encoded by Jackson and appended on the log's own thread ({@code audit-log}) through
 * a bounded queue that the thread empties every {@link #DRAIN_PERIOD} ({@link PeriodicDrain}): a
 * client's request never waits for the disk, nor wakes the log's thread, and when the queue is full
 * the line is counted as dropped ({@link #dropped()}, logged at the first drop and every
 * thousandth) rather than waited on. The file is rolled over at {@code maxBytes} into {@code
 * audit.1.log}, the older ones moving up to at most {@code maxFiles}; rolled files older than
 * {@code maxAge} are deleted. {@link #close()} writes what is queued.
 */
public final class AuditLog implements AutoCloseable {

  private static final Logger logger = LoggerFactory.getLogger(AuditLog.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Lines waiting for the disk at most. */
  static final int QUEUE = 10_000;

  static final long MAX_BYTES = 10L * 1024 * 1024;
  static final int MAX_FILES = 10;
  static final Duration MAX_AGE = Duration.ofDays(90);

  /** How often the log's thread takes the queued lines: a line waits at most this long. */
  static final Duration DRAIN_PERIOD = Duration.ofMillis(20);

  private final Path file;
  private final long maxBytes;
  private final int maxFiles;
  private final Duration maxAge;
  private final Clock clock;
  private final PeriodicDrain<Supplier<Map<String, Object>>> writer;
  private final AtomicLong dropped = new AtomicLong();
  private BufferedWriter out;
  private long size;

  AuditLog(Path file, int queue, long maxBytes, int maxFiles, Duration maxAge, Clock clock)
      throws IOException {
    this.file = file;
    this.maxBytes = maxBytes;
    this.maxFiles = maxFiles;
    this.maxAge = maxAge;
    this.clock = clock;
    Files.createDirectories(file.toAbsolutePath().getParent());
    open();
    this.writer =
        new PeriodicDrain<Supplier<Map<String, Object>>>(
            "audit-log", queue, DRAIN_PERIOD, line -> writeLine(encode(line.get())));
  }

  /** Opens (appends to) {@code audit.log} in the data directory, with the default limits. */
  public static AuditLog open(Path dataDir) throws IOException {
    return new AuditLog(
        dataDir.resolve("audit.log"), QUEUE, MAX_BYTES, MAX_FILES, MAX_AGE, Clock.systemUTC());
  }

  /**
   * Opens (appends to) {@code audit.log} in the data directory with the machine file's limits
   * ({@code server.audit}).
   */
  public static AuditLog open(Path dataDir, int queue, int maxFileMb, int maxFiles, int maxDays)
      throws IOException {
    return new AuditLog(
        dataDir.resolve("audit.log"),
        queue,
        maxFileMb * 1024L * 1024L,
        maxFiles,
        Duration.ofDays(maxDays),
        Clock.systemUTC());
  }

  public Path file() {
    return file;
  }

  /** Lines lost because the queue was full. */
  public long dropped() {
    return dropped.get();
  }

  /** A method call: its input arguments as values, the result's StatusCode name. */
  public void call(
      String user, String role, String object, String method, List<?> args, String result) {
    Instant at = clock.instant();
    append(
        () -> {
          Map<String, Object> line = line(at, user, role, "call");
          line.put("node", object);
          line.put("method", method);
          line.put("arguments", json(args));
          line.put("result", result);
          return line;
        });
  }

  /** A value write: old and new value as values, the result's StatusCode name. */
  public void write(
      String user, String role, String node, Object oldValue, Object newValue, String result) {
    Instant at = clock.instant();
    append(
        () -> {
          Map<String, Object> line = line(at, user, role, "write");
          line.put("node", node);
          line.put("old", json(oldValue));
          line.put("new", json(newValue));
          line.put("result", result);
          return line;
        });
  }

  /**
   * A login: the user name the client gave, its address, the result's StatusCode name, and why it
   * was refused (empty when accepted).
   */
  public void login(String user, String address, String result, String reason) {
    Instant at = clock.instant();
    append(
        () -> {
          Map<String, Object> line = line(at, user, null, "login");
          line.remove("role");
          line.put("address", address);
          line.put("result", result);
          line.put("reason", reason);
          return line;
        });
  }

  /**
   * A refusal the OPC UA stack makes before any of our handlers see the request (a client
   * certificate not trusted, a session closed unactivated, a write to a read-only node): the
   * action, the client's address, what was refused, the StatusCode name and why.
   */
  public void refusal(String action, String address, String subject, String result, String reason) {
    Instant at = clock.instant();
    append(
        () -> {
          Map<String, Object> line = line(at, null, null, action);
          line.remove("role");
          line.put("address", address);
          line.put("node", subject);
          line.put("result", result);
          line.put("reason", reason);
          return line;
        });
  }

  private static Map<String, Object> line(Instant at, String user, String role, String action) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("time", at.toString());
    line.put("user", user);
    line.put("role", role);
    line.put("action", action);
    return line;
  }

  /** A value as JSON sees it: arrays (also of primitives) as lists, numbers, booleans, text. */
  static Object json(Object value) {
    if (value == null || value instanceof Number || value instanceof Boolean) {
      return value;
    }
    if (value instanceof String s) {
      return s;
    }
    if (value.getClass().isArray()) {
      int n = java.lang.reflect.Array.getLength(value);
      List<Object> list = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        list.add(json(java.lang.reflect.Array.get(value, i)));
      }
      return list;
    }
    if (value instanceof List<?> l) {
      return l.stream().map(AuditLog::json).toList();
    }
    return value.toString();
  }

  /**
   * Queues the line; it is built and encoded on the log's thread, not on the caller's (a method
   * call's result waits for nothing but the queue): the caller only takes the time. What the line
   * holds must not change afterwards (strings, numbers, the request's argument values).
   */
  private void append(Supplier<Map<String, Object>> line) {
    if (writer.offer(line)) {
      return;
    }
    long n = dropped.incrementAndGet();
    if (writer.isClosed()) {
      logger.warn("audit log closed, not recorded: {}", encode(line.get()));
    } else if (n == 1 || n % 1000 == 0) {
      logger.warn("audit log {}: queue full, {} line(s) dropped so far", file, n);
    }
  }

  private static String encode(Map<String, Object> line) {
    try {
      return JSON.writeValueAsString(line);
    } catch (JsonProcessingException e) {
      return "{\"action\":\"unencodable\",\"error\":" + JSON.valueToTree(e.getMessage()) + "}";
    }
  }

  private synchronized void writeLine(String line) {
    try {
      byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
      if (size > 0 && size + bytes.length > maxBytes) {
        rollOver();
      }
      out.write(line);
      out.newLine();
      out.flush();
      size += bytes.length;
    } catch (IOException e) {
      logger.error("audit log {}: cannot write: {}", file, e.getMessage());
    }
  }

  private void open() throws IOException {
    out =
        Files.newBufferedWriter(
            file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    size = Files.size(file);
  }

  /** audit.log becomes audit.1.log; audit.N.log moves up; beyond maxFiles or maxAge, deleted. */
  private void rollOver() throws IOException {
    out.close();
    Files.deleteIfExists(rolled(maxFiles));
    for (int i = maxFiles - 1; i >= 1; i--) {
      if (Files.exists(rolled(i))) {
        Files.move(rolled(i), rolled(i + 1), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Files.move(file, rolled(1), StandardCopyOption.REPLACE_EXISTING);
    Instant oldest = clock.instant().minus(maxAge);
    for (int i = 2; i <= maxFiles; i++) {
      Path p = rolled(i);
      if (Files.exists(p) && Files.getLastModifiedTime(p).toInstant().isBefore(oldest)) {
        Files.delete(p);
      }
    }
    open();
  }

  Path rolled(int i) {
    String name = file.getFileName().toString().replaceFirst("\\.log$", "");
    return file.resolveSibling(name + "." + i + ".log");
  }

  /** Writes what is queued (waiting at most two seconds) and closes the file. */
  @Override
  public void close() {
    writer.close();
    synchronized (this) {
      try {
        out.close();
      } catch (IOException e) {
        logger.warn("audit log {}: close failed: {}", file, e.getMessage());
      }
    }
  }
}
