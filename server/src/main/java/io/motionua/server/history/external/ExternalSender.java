package io.motionua.server.history.external;

import io.motionua.server.config.HistoryExternalSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread {@code history-external-send}: connects, finds out which SQL the database takes at the
 * first connection ({@link Dialect}), creates the tables if missing, then inserts the log's records
 * in order, a batch per transaction, and acknowledges each batch once committed. A failure closes
 * the connection and retries after {@code reconnectMs}; the records stay in the log meanwhile. One
 * line in the log when the connection goes and when it comes back; a reason that repeats is not
 * logged again.
 */
final class ExternalSender implements Runnable {

  private static final Logger logger = LoggerFactory.getLogger(ExternalSender.class);

  /** Records per transaction. */
  static final int BATCH = 5000;

  /** How long a read of the log waits for records before looking at the stop flag. */
  private static final long IDLE_MS = 200;

  private final HistoryExternalSpec spec;
  private final SegmentLog log;
  private final String machine;
  private volatile ExternalTables tables;
  private volatile String database;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final AtomicLong sent = new AtomicLong();
  private volatile boolean connected;
  private volatile String lastError = "";

  ExternalSender(HistoryExternalSpec spec, SegmentLog log, String machine, String database) {
    this.spec = spec;
    this.log = log;
    this.machine = machine;
    this.database = database;
  }

  @Override
  public void run() {
    Connection c = null;
    String logged = null;
    long lostAt = 0;
    boolean wasConnected = false;
    while (stop.getCount() > 0) {
      try {
        if (c == null) {
          if (tables == null) {
            tables = choose();
          }
          c = connect(tables.reWriteBatchedInserts());
          tables.create(c);
          connected = true;
          lastError = "";
          logged = null;
          if (wasConnected) {
            logger.info(
                "history external: {} back after {} s; sending {} buffered record(s)",
                database,
                "%.1f".formatted((System.currentTimeMillis() - lostAt) / 1000.0),
                log.records());
          } else {
            logger.info(
                "history external: connected to {}, tables {} and {}",
                database,
                tables.samplesTable(),
                tables.eventsTable());
          }
          wasConnected = true;
        }
        SegmentLog.Batch batch = log.read(BATCH, IDLE_MS);
        if (!batch.records().isEmpty()) {
          tables.insert(c, log.origin(), batch.records());
          log.acknowledge(batch);
          sent.addAndGet(batch.records().size());
        }
      } catch (SQLException e) {
        String why = ConnectionFailure.describe(e, spec.user());
        if (connected) {
          lostAt = System.currentTimeMillis();
          logger.warn(
              "history external: lost {}: {}; buffering on disk, retrying every {} ms",
              database,
              why,
              spec.reconnectMs());
        } else if (!why.equals(logged)) {
          logger.warn(
              "history external: cannot connect to {}: {}; buffering on disk, retrying every {} ms",
              database,
              why,
              spec.reconnectMs());
        }
        logged = why;
        lastError = why;
        connected = false;
        c = close(c);
        pause(spec.reconnectMs());
      } catch (IOException e) {
        lastError = "cannot read the buffer: " + e.getMessage();
        logger.error("history external: {}", lastError);
        pause(spec.reconnectMs());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    close(c);
    connected = false;
  }

  /**
   * The tables of the configured dialect, or of the one the database says it is, asked once on a
   * connection of its own (the driver's batch rewrite is set per connection, by the dialect).
   */
  private ExternalTables choose() throws SQLException {
    Dialect dialect = Dialect.configured(spec).orElse(null);
    if (dialect == null) {
      try (Connection probe = connect(false)) {
        dialect = Dialect.detect(probe);
      }
    }
    ExternalTables chosen = dialect.tables(spec.tablePrefix(), machine);
    database = ExternalHistorian.database(spec.url(), chosen.dialect());
    return chosen;
  }

  private Connection connect(boolean reWriteBatchedInserts) throws SQLException {
    Properties props = new Properties();
    if (spec.user() != null) {
      props.setProperty("user", spec.user());
    }
    String password = password();
    if (password != null) {
      props.setProperty("password", password);
    }
    // Defaults; the URL's own parameters win. Every wait on the database is bounded.
    props.setProperty("connectTimeout", "5");
    props.setProperty("loginTimeout", "10");
    props.setProperty("socketTimeout", "30");
    props.setProperty("tcpKeepAlive", "true");
    props.setProperty("reWriteBatchedInserts", Boolean.toString(reWriteBatchedInserts));
    props.setProperty("ApplicationName", "motionua");
    Connection c = new Driver().connect(spec.url(), props);
    if (c == null) {
      throw new SQLException("not a PostgreSQL URL: " + spec.url(), "08001");
    }
    c.setAutoCommit(false);
    return c;
  }

  /** Read at each connection, so a changed file is taken without a restart. */
  private String password() throws SQLException {
    if (spec.passwordFile() == null) {
      return spec.password();
    }
    try {
      return Files.readString(Path.of(spec.passwordFile()), StandardCharsets.UTF_8)
          .lines()
          .findFirst()
          .orElse("");
    } catch (IOException e) {
      throw new SQLException("cannot read passwordFile " + spec.passwordFile(), "28P01");
    }
  }

  private static Connection close(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // the connection is gone already
      }
    }
    return null;
  }

  private void pause(long ms) {
    try {
      stop.await(ms, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop.countDown();
    }
  }

  /** Ends the loop; a statement under way finishes first (bounded by the socket timeout). */
  void stop() {
    stop.countDown();
    log.wake();
  }

  boolean connected() {
    return connected;
  }

  /** {@code NAME at HOST:PORT/DATABASE}; the name is the detected one once connected. */
  String database() {
    return database;
  }

  String lastError() {
    return lastError;
  }

  long sent() {
    return sent.get();
  }
}
