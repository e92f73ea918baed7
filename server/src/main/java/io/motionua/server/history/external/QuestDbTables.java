package io.motionua.server.history.external;

import io.motionua.server.history.Sample;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import java.util.UUID;

/**
 * The historian's two tables in a QuestDB server and the idempotent insert into them. QuestDB has
 * neither primary keys nor {@code ON CONFLICT} nor COPY over the wire protocol; instead the tables
 * are WAL tables partitioned by day on {@code ts} with {@code DEDUP UPSERT KEYS(ts, origin, seq)}:
 * the same key as PostgreSQL's primary key, so a record sent twice replaces its identical copy and
 * is kept once. Records go by plain batched INSERTs (the driver's multi-row rewrite took 2.6 times
 * as long against QuestDB 9.3). A commit is in QuestDB's write-ahead log at once and in the table a
 * moment later, when its WAL apply job has run.
 */
final class QuestDbTables implements ExternalTables {

  private final String samples;
  private final String events;
  private final String machine;

  QuestDbTables(String prefix, String machine) {
    this.samples = prefix + "samples";
    this.events = prefix + "events";
    this.machine = machine;
  }

  @Override
  public String dialect() {
    return "QuestDB";
  }

  @Override
  public boolean reWriteBatchedInserts() {
    return false;
  }

  /**
   * The statements that create what is missing (docs/history.md shows them). Repeated texts are
   * symbols; the event states are {@code int}, as QuestDB's {@code short} has no null.
   */
  List<String> schema() {
    return List.of(
        "CREATE TABLE IF NOT EXISTS "
            + samples
            + " (origin uuid, seq long, machine symbol, node symbol, ts timestamp, value double,"
            + " status long) TIMESTAMP(ts) PARTITION BY DAY WAL"
            + " DEDUP UPSERT KEYS(ts, origin, seq)",
        "CREATE TABLE IF NOT EXISTS "
            + events
            + " (origin uuid, seq long, machine symbol, ts timestamp, receive_ts timestamp,"
            + " event_id varchar, event_type symbol, source symbol, source_name symbol,"
            + " message varchar, severity int, condition varchar, condition_name varchar,"
            + " active int, acked int, confirmed int, retain int, properties varchar)"
            + " TIMESTAMP(ts) PARTITION BY DAY WAL DEDUP UPSERT KEYS(ts, origin, seq)");
  }

  @Override
  public void create(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String sql : schema()) {
        s.execute(sql);
      }
    }
    c.commit();
  }

  @Override
  public void insert(Connection c, UUID origin, List<Logged> batch) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO "
                    + samples
                    + " (origin, seq, machine, node, ts, value, status)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)");
        PreparedStatement pe = c.prepareStatement(EventColumns.insert(events))) {
      int samplesBatched = 0;
      int eventsBatched = 0;
      for (Logged r : batch) {
        if (r.sample() != null) {
          sample(ps, origin, r.seq(), r.sample());
          ps.addBatch();
          samplesBatched++;
        } else {
          EventColumns.bind(pe, origin, r.seq(), machine, r.event(), Types.INTEGER);
          pe.addBatch();
          eventsBatched++;
        }
      }
      if (samplesBatched > 0) {
        ps.executeBatch();
      }
      if (eventsBatched > 0) {
        pe.executeBatch();
      }
    }
    c.commit();
  }

  /** NaN is QuestDB's null of a double either way; sent as null to say so. */
  private void sample(PreparedStatement ps, UUID origin, long seq, Sample s) throws SQLException {
    ps.setObject(1, origin);
    ps.setLong(2, seq);
    ps.setString(3, machine);
    ps.setString(4, ExternalTables.text(s.node()));
    ps.setObject(5, ExternalTables.time(s.timeMicros()));
    if (Double.isNaN(s.value())) {
      ps.setNull(6, Types.DOUBLE);
    } else {
      ps.setDouble(6, s.value());
    }
    ps.setLong(7, s.status());
  }

  @Override
  public String samplesTable() {
    return samples;
  }

  @Override
  public String eventsTable() {
    return events;
  }
}
