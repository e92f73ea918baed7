package io.motionua.server.history.external;

import io.motionua.server.history.Sample;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.postgresql.PGConnection;

/**
 * The historian's two tables in PostgreSQL (and TimescaleDB) and the idempotent insert into them.
 * The primary key {@code (origin, seq, ts)} makes a record sent twice land once ({@code ON CONFLICT
 * DO NOTHING}); {@code ts} is in it so that TimescaleDB can make the tables hypertables on {@code
 * ts}.
 */
final class PostgresTables implements ExternalTables {

  /** A timestamptz as COPY reads it, always with seconds and microseconds. */
  private static final DateTimeFormatter COPY_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS'+00'");

  private final String samples;
  private final String events;
  private final String machine;

  PostgresTables(String prefix, String machine) {
    this.samples = prefix + "samples";
    this.events = prefix + "events";
    this.machine = machine;
  }

  @Override
  public String dialect() {
    return "PostgreSQL";
  }

  /** Events go by batched INSERTs, which the driver rewrites into multi-row ones. */
  @Override
  public boolean reWriteBatchedInserts() {
    return true;
  }

  /** The statements that create what is missing (docs/history.md shows them). */
  List<String> schema() {
    return List.of(
        "CREATE TABLE IF NOT EXISTS "
            + samples
            + " (origin uuid NOT NULL, seq bigint NOT NULL, machine text NOT NULL,"
            + " node text NOT NULL, ts timestamptz NOT NULL, value double precision,"
            + " status bigint NOT NULL, PRIMARY KEY (origin, seq, ts))",
        "CREATE INDEX IF NOT EXISTS " + samples + "_node_ts ON " + samples + " (node, ts)",
        "CREATE TABLE IF NOT EXISTS "
            + events
            + " (origin uuid NOT NULL, seq bigint NOT NULL, machine text NOT NULL,"
            + " ts timestamptz NOT NULL, receive_ts timestamptz NOT NULL, event_id text,"
            + " event_type text, source text, source_name text, message text, severity integer,"
            + " condition text, condition_name text, active smallint, acked smallint,"
            + " confirmed smallint, retain smallint, properties text,"
            + " PRIMARY KEY (origin, seq, ts))",
        "CREATE INDEX IF NOT EXISTS " + events + "_source_ts ON " + events + " (source, ts)");
  }

  @Override
  public void create(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String sql : schema()) {
        s.execute(sql);
      }
      // Values arrive by COPY into this session's staging table, then one INSERT ... SELECT.
      s.execute(
          "CREATE TEMP TABLE IF NOT EXISTS "
              + staging()
              + " (LIKE "
              + samples
              + ") ON COMMIT DELETE ROWS");
    }
    c.commit();
  }

  private String staging() {
    return "staging_" + samples;
  }

  /**
   * Inserts the batch in one transaction; records already there are left as they are. Values go by
   * COPY into the staging table and from there by one {@code INSERT ... SELECT ... ON CONFLICT DO
   * NOTHING} (several times the rate of batched INSERTs, docs/benchmarks.md); events by batched
   * INSERTs.
   */
  @Override
  public void insert(Connection c, UUID origin, List<Logged> batch) throws SQLException {
    StringBuilder copy = new StringBuilder(batch.size() * 120);
    List<Logged> events = new ArrayList<>();
    for (Logged r : batch) {
      if (r.sample() != null) {
        row(copy, origin, r.seq(), r.sample());
      } else {
        events.add(r);
      }
    }
    if (copy.length() > 0) {
      try {
        c.unwrap(PGConnection.class)
            .getCopyAPI()
            .copyIn(
                "COPY " + staging() + " (origin, seq, machine, node, ts, value, status) FROM STDIN",
                new StringReader(copy.toString()));
      } catch (IOException e) {
        throw new SQLException("COPY failed: " + e.getMessage(), "08006", e);
      }
      try (Statement s = c.createStatement()) {
        s.executeUpdate(
            "INSERT INTO " + samples + " SELECT * FROM " + staging() + " ON CONFLICT DO NOTHING");
      }
    }
    if (!events.isEmpty()) {
      insertEvents(c, origin, events);
    }
    c.commit();
  }

  /** One line of COPY's text format: tab-separated, \N for null, backslash escapes. */
  private void row(StringBuilder out, UUID origin, long seq, Sample s) {
    out.append(origin).append('\t').append(seq).append('\t');
    escaped(out, machine);
    out.append('\t');
    escaped(out, ExternalTables.text(s.node()));
    out.append('\t').append(COPY_TIME.format(ExternalTables.time(s.timeMicros()))).append('\t');
    if (Double.isNaN(s.value())) {
      out.append("\\N");
    } else if (Double.isInfinite(s.value())) {
      out.append(s.value() > 0 ? "Infinity" : "-Infinity");
    } else {
      out.append(s.value());
    }
    out.append('\t').append(s.status()).append('\n');
  }

  private static void escaped(StringBuilder out, String text) {
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      switch (ch) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append(ch);
      }
    }
  }

  /** Events by batched INSERTs (a few a second at most). */
  private void insertEvents(Connection c, UUID origin, List<Logged> batch) throws SQLException {
    try (PreparedStatement pe =
        c.prepareStatement(EventColumns.insert(events) + " ON CONFLICT DO NOTHING")) {
      for (Logged r : batch) {
        EventColumns.bind(pe, origin, r.seq(), machine, r.event(), Types.SMALLINT);
        pe.addBatch();
      }
      pe.executeBatch();
    }
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
