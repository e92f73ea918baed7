package io.motionua.server.history.external;

import io.motionua.server.config.HistoryExternalSpec;
import io.motionua.server.history.EventRecord;
import io.motionua.server.history.HistoryTee;
import io.motionua.server.history.Sample;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The external plant historian of one machine (docs/history.md, "External historian"). The
 * recording threads hand it values and events through {@link #sample} and {@link #event}, which
 * never wait: a bounded queue, a full one drops and counts. Its thread {@code history-external-log}
 * appends them to the on-disk {@link SegmentLog} in {@code <data-dir>/history-external}, and the
 * thread {@code history-external-send} ({@link ExternalSender}) sends them from there, in order,
 * whenever the database is reachable.
 */
public final class ExternalHistorian implements HistoryTee, AutoCloseable {

  private static final Logger logger = LoggerFactory.getLogger(ExternalHistorian.class);

  /** Records the queue in front of the log holds: as many as the embedded store's. */
  static final int QUEUE_CAPACITY = 65_536;

  /** Records taken from the queue per append. */
  static final int BATCH = 8192;

  /** How long closing waits for each thread. */
  static final long CLOSE_WAIT_MS = 10_000;

  private final HistoryExternalSpec spec;
  private final Path dir;
  private final String machine;
  private final String database;
  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
  private final AtomicLong queueDrops = new AtomicLong();
  private final Thread logThread;
  private volatile SegmentLog log;
  private volatile ExternalSender sender;
  private volatile Thread sendThread;
  private volatile String failure = "";
  private volatile boolean running = true;
  private long dropsLogged;
  private long lastDropLog;

  private ExternalHistorian(HistoryExternalSpec spec, Path dataDir, String machine) {
    this.spec = spec;
    this.dir = dataDir.resolve("history-external");
    this.machine = machine;
    this.database = database(spec.url(), Dialect.nameOf(spec));
    this.logThread = new Thread(this::run, "history-external-log");
    this.logThread.setDaemon(true);
  }

  /** Starts the two threads; the log opens on the first, so this returns at once. */
  public static ExternalHistorian start(HistoryExternalSpec spec, Path dataDir, String machine) {
    ExternalHistorian historian = new ExternalHistorian(spec, dataDir, machine);
    historian.logThread.start();
    logger.info(
        "history external: recording also into {} (buffer {} MB in {})",
        historian.database,
        spec.bufferMb(),
        historian.dir);
    return historian;
  }

  /**
   * {@code NAME at HOST:PORT/DATABASE} of a URL, for logs and the status (never its parameters);
   * {@code name} is the database's kind ({@code PostgreSQL}, {@code QuestDB}).
   */
  static String database(String url, String name) {
    Properties p = Driver.parseURL(url, null);
    if (p == null) {
      return name;
    }
    return "%s at %s:%s/%s"
        .formatted(
            name, p.getProperty("PGHOST"), p.getProperty("PGPORT"), p.getProperty("PGDBNAME"));
  }

  @Override
  public void sample(Sample sample) {
    offer(sample);
  }

  @Override
  public void event(EventRecord event) {
    offer(event);
  }

  private void offer(Object record) {
    if (running && !queue.offer(record)) {
      queueDrops.incrementAndGet();
    }
  }

  private void run() {
    try {
      log = SegmentLog.open(dir, spec.bufferBytes());
    } catch (Exception e) {
      failure = "cannot open the buffer in " + dir + ": " + e.getMessage();
      logger.error("history external: {}; nothing is sent", failure);
      running = false;
      queue.clear();
      return;
    }
    if (log.records() > 0) {
      logger.info("history external: {} record(s) from before the restart to send", log.records());
    }
    sender = new ExternalSender(spec, log, machine, database);
    Thread t = new Thread(sender, "history-external-send");
    t.setDaemon(true);
    sendThread = t;
    t.start();
    List<Object> batch = new ArrayList<>(BATCH);
    List<byte[]> payloads = new ArrayList<>(BATCH);
    try {
      while (running || !queue.isEmpty()) {
        Object first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, BATCH - 1);
        for (Object r : batch) {
          payloads.add(RecordCodec.encode(r));
        }
        log.append(payloads);
        batch.clear();
        payloads.clear();
        reportDrops();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One warning a second at most while records are lost. */
  private void reportDrops() {
    long now = System.currentTimeMillis();
    long dropped = dropped();
    if (dropped != dropsLogged && now - lastDropLog >= 1000) {
      String why = log.lastError().isEmpty() ? "" : " (" + log.lastError() + ")";
      logger.warn(
          "history external: {} record(s) dropped so far: buffer of {} MB full or queue full{}",
          dropped,
          spec.bufferMb(),
          why);
      dropsLogged = dropped;
      lastDropLog = now;
    }
  }

  /** Room left in the queue (the benchmark feeds no faster than the log takes). */
  int queueRoom() {
    return queue.remainingCapacity();
  }

  private long dropped() {
    SegmentLog l = log;
    return queueDrops.get() + (l == null ? 0 : l.dropped());
  }

  /** A snapshot for /health, /metrics and tests; safe from any thread. */
  public ExternalStatus status() {
    SegmentLog l = log;
    ExternalSender s = sender;
    boolean connected = s != null && s.connected();
    String lastError = !failure.isEmpty() ? failure : s == null ? "" : s.lastError();
    long records = l == null ? 0 : l.records();
    long bytes = l == null ? 0 : l.unsentBytes();
    List<String> warnings = new ArrayList<>();
    if (!failure.isEmpty()) {
      warnings.add("external historian: " + failure + "; nothing is sent");
    } else if (!connected) {
      warnings.add(
          "external historian %s not connected%s; %d record(s) (%d bytes) buffered on disk"
              .formatted(
                  s == null ? database : s.database(),
                  lastError.isEmpty() ? " yet" : ": " + lastError,
                  records,
                  bytes));
    }
    if (l != null && l.full()) {
      warnings.add(
          "external historian: its buffer of %d MB is full, newer records are dropped (%d so far)"
              .formatted(spec.bufferMb(), dropped()));
    }
    if (l != null && !l.lastError().isEmpty()) {
      warnings.add("external historian: " + l.lastError());
    }
    return new ExternalStatus(
        s == null ? database : s.database(),
        connected,
        records,
        bytes,
        s == null ? 0 : s.sent(),
        dropped(),
        lastError,
        warnings);
  }

  /**
   * Appends what is queued to the log and stops both threads (each bounded by {@link
   * #CLOSE_WAIT_MS}); what the database did not get yet stays on disk for the next start.
   */
  @Override
  public void close() throws InterruptedException {
    running = false;
    logThread.join(CLOSE_WAIT_MS);
    ExternalSender s = sender;
    if (s != null) {
      s.stop();
      sendThread.join(CLOSE_WAIT_MS);
      if (sendThread.isAlive()) {
        logger.warn("history external: sender did not stop within {} ms", CLOSE_WAIT_MS);
      }
    }
    SegmentLog l = log;
    if (l != null) {
      try {
        l.close();
      } catch (java.io.IOException e) {
        logger.warn("history external: closing the buffer failed: {}", e.getMessage());
      }
    }
  }

  @Override
  public String toString() {
    return "history external";
  }
}
