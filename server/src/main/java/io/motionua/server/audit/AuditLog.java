package io.motionua.server.audit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every client write and method call, one JSON line each in {@code <data-dir>/audit.log}: when, who
 * (user and role), what (action, node, method or variable), arguments or old and new value, and the
 * result StatusCode. Lines are appended on the log's own thread ({@code audit-log}) so a client's
 * request never waits for the disk; {@link #close()} writes what is queued.
 */
public final class AuditLog implements AutoCloseable {

  private static final Logger logger = LoggerFactory.getLogger(AuditLog.class);

  private final Path file;
  private final ExecutorService writer;
  private final BufferedWriter out;

  private AuditLog(Path file, BufferedWriter out) {
    this.file = file;
    this.out = out;
    this.writer =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "audit-log");
              t.setDaemon(true);
              return t;
            });
  }

  /** Opens (appends to) {@code audit.log} in the data directory. */
  public static AuditLog open(Path dataDir) throws IOException {
    Files.createDirectories(dataDir);
    Path file = dataDir.resolve("audit.log");
    BufferedWriter out =
        Files.newBufferedWriter(
            file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    return new AuditLog(file, out);
  }

  public Path file() {
    return file;
  }

  /** A method call: arguments as text, the result's StatusCode name. */
  public void call(
      String user, String role, String object, String method, String args, String result) {
    append(
        "{\"time\":%s,\"user\":%s,\"role\":%s,\"action\":\"call\",\"node\":%s,\"method\":%s,\"arguments\":%s,\"result\":%s}"
            .formatted(
                quote(Instant.now().toString()),
                quote(user),
                quote(role),
                quote(object),
                quote(method),
                quote(args),
                quote(result)));
  }

  /** A value write: old and new value as text, the result's StatusCode name. */
  public void write(
      String user, String role, String node, String oldValue, String newValue, String result) {
    append(
        "{\"time\":%s,\"user\":%s,\"role\":%s,\"action\":\"write\",\"node\":%s,\"old\":%s,\"new\":%s,\"result\":%s}"
            .formatted(
                quote(Instant.now().toString()),
                quote(user),
                quote(role),
                quote(node),
                quote(oldValue),
                quote(newValue),
                quote(result)));
  }

  /**
   * A login: the user name the client gave, its address, the result's StatusCode name, and why it
   * was refused (empty when accepted).
   */
  public void login(String user, String address, String result, String reason) {
    append(
        "{\"time\":%s,\"user\":%s,\"action\":\"login\",\"address\":%s,\"result\":%s,\"reason\":%s}"
            .formatted(
                quote(Instant.now().toString()),
                quote(user),
                quote(address),
                quote(result),
                quote(reason)));
  }

  private void append(String line) {
    try {
      writer.execute(
          () -> {
            try {
              out.write(line);
              out.newLine();
              out.flush();
            } catch (IOException e) {
              logger.error("audit log {}: cannot write: {}", file, e.getMessage());
            }
          });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      logger.warn("audit log closed, not recorded: {}", line);
    }
  }

  static String quote(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append("\\u%04x".formatted((int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  /** Writes what is queued (waiting at most two seconds) and closes the file. */
  @Override
  public void close() {
    writer.shutdown();
    try {
      if (!writer.awaitTermination(2, TimeUnit.SECONDS)) {
        logger.warn("audit log: lines still queued after 2 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      out.close();
    } catch (IOException e) {
      logger.warn("audit log {}: close failed: {}", file, e.getMessage());
    }
  }
}
