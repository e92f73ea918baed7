package io.motionua.server.history.external;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * The historian's two tables in one kind of database and the idempotent insert into them: a record
 * sent twice (a crash between the database's commit and the log's acknowledgement) lands once,
 * keyed on {@code (origin, seq, ts)}. One implementation per SQL dialect ({@link Dialect}).
 */
interface ExternalTables {

  /** The database's name for logs and the status: {@code PostgreSQL}, {@code QuestDB}. */
  String dialect();

  /**
   * Whether the connection should have the driver's {@code reWriteBatchedInserts}: it turns a batch
   * into multi-row INSERTs, which PostgreSQL takes faster and QuestDB slower than the plain batch.
   */
  boolean reWriteBatchedInserts();

  /** Creates the tables that are missing. */
  void create(Connection c) throws SQLException;

  /** Inserts the batch and commits; records already there are kept once. */
  void insert(Connection c, UUID origin, List<Logged> batch) throws SQLException;

  String samplesTable();

  String eventsTable();

  /** A time in microseconds since the epoch as the driver sends a timestamp. */
  static OffsetDateTime time(long micros) {
    return OffsetDateTime.ofInstant(
        Instant.ofEpochSecond(
            Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000L),
        ZoneOffset.UTC);
  }

  /** Neither database's text takes a NUL character: one would refuse the batch again and again. */
  static String text(String s) {
    return s == null || s.indexOf('\0') < 0 ? s : s.replace("\0", "");
  }
}
