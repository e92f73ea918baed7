package io.motionua.server.history;

import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.TableWriter;
import io.questdb.cairo.sql.Record;
import io.questdb.cairo.sql.RecordCursor;
import io.questdb.cairo.sql.RecordCursorFactory;
import io.questdb.griffin.SqlException;
import io.questdb.griffin.SqlExecutionContextImpl;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The store's {@code events} table: one row per fired event, partitioned by day like the samples,
 * written by the writer thread through its own {@link TableWriter} and read with SQL.
 */
final class EventTable {

  static final String TABLE = "events";

  static final String CREATE =
      "create table if not exists "
          + TABLE
          + " (source symbol capacity 1024 cache, event_type symbol capacity 256 cache,"
          + " condition symbol capacity 1024 cache, seq long, receive_ts timestamp,"
          + " event_id string, source_name string, message string, condition_name string,"
          + " severity int, active byte, acked byte, confirmed byte, retain byte, ts timestamp,"
          + " properties string) timestamp(ts) partition by day bypass wal";

  /** A store made before the events' own properties were recorded gets their column (last). */
  static final String ADD_PROPERTIES =
      "alter table " + TABLE + " add column if not exists properties string";

  private static final String COLUMNS =
      "source, event_type, condition, seq, receive_ts, event_id, source_name, message,"
          + " condition_name, severity, active, acked, confirmed, retain, ts, properties";

  private final CairoEngine engine;
  private final Supplier<SqlExecutionContextImpl> context;
  private final TableWriter writer;

  EventTable(CairoEngine engine, Supplier<SqlExecutionContextImpl> context, TableWriter writer) {
    this.engine = engine;
    this.context = context;
    this.writer = writer;
  }

  TableWriter writer() {
    return writer;
  }

  /** Appends events (writer thread only); readable after the store's commit. */
  void append(List<EventRecord> events) {
    for (EventRecord e : events) {
      TableWriter.Row row = writer.newRow(e.timeMicros());
      row.putSym(0, e.source());
      row.putSym(1, e.eventType());
      if (e.condition() != null) {
        row.putSym(2, e.condition());
      }
      row.putLong(3, e.seq());
      row.putTimestamp(4, e.receiveMicros());
      row.putStr(5, e.eventId());
      row.putStr(6, e.sourceName());
      row.putStr(7, e.message());
      if (e.conditionName() != null) {
        row.putStr(8, e.conditionName());
      }
      row.putInt(9, e.severity());
      row.putByte(10, e.active());
      row.putByte(11, e.acked());
      row.putByte(12, e.confirmed());
      row.putByte(13, e.retain());
      if (!e.properties().isEmpty()) {
        row.putStr(15, e.properties());
      }
      row.append();
    }
  }

  /** Where a scan of the table stands: the last row returned (its Time and sequence). */
  record After(long timeMicros, long seq) {}

  /**
   * Events in {@code [fromMicros, toMicros)} whose source is one of {@code sources} (all when
   * null), oldest first or newest first (same Time: in the order fired, or its reverse), after
   * {@code after} in that order when given; at most {@code limit}.
   */
  List<EventRecord> read(
      Collection<String> sources,
      long fromMicros,
      long toMicros,
      boolean newestFirst,
      After after,
      int limit)
      throws SqlException {
    if (sources != null && sources.isEmpty()) {
      return List.of();
    }
    StringBuilder sql =
        new StringBuilder("select ")
            .append(COLUMNS)
            .append(" from ")
            .append(TABLE)
            .append(" where ts >= ")
            .append(fromMicros)
            .append(" and ts < ")
            .append(toMicros);
    if (sources != null) {
      sql.append(" and source in (")
          .append(sources.stream().map(EventTable::quoted).collect(Collectors.joining(",")))
          .append(')');
    }
    if (after != null) {
      String beyond = newestFirst ? "<" : ">";
      sql.append(" and (ts ")
          .append(beyond)
          .append(' ')
          .append(after.timeMicros())
          .append(" or (ts = ")
          .append(after.timeMicros())
          .append(" and seq ")
          .append(beyond)
          .append(' ')
          .append(after.seq())
          .append("))");
    }
    String direction = newestFirst ? " desc" : "";
    sql.append(" order by ts").append(direction).append(", seq").append(direction);
    sql.append(" limit ").append(limit);
    List<EventRecord> out = new ArrayList<>();
    try (var ctx = context.get();
        RecordCursorFactory factory = engine.select(sql.toString(), ctx);
        RecordCursor cursor = factory.getCursor(ctx)) {
      Record r = cursor.getRecord();
      while (cursor.hasNext()) {
        out.add(
            new EventRecord(
                r.getTimestamp(14),
                r.getTimestamp(4),
                r.getLong(3),
                text(r.getStrA(5)),
                text(r.getSymA(1)),
                text(r.getSymA(0)),
                text(r.getStrA(6)),
                text(r.getStrA(7)),
                r.getInt(9),
                r.getSymA(2) == null ? null : r.getSymA(2).toString(),
                r.getStrA(8) == null ? null : r.getStrA(8).toString(),
                r.getByte(10),
                r.getByte(11),
                r.getByte(12),
                r.getByte(13),
                text(r.getStrA(15))));
      }
    }
    return out;
  }

  private static String text(CharSequence s) {
    return s == null ? "" : s.toString();
  }

  private static String quoted(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
