package io.motionua.server.history;

import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.DefaultCairoConfiguration;
import io.questdb.cairo.TableWriter;
import io.questdb.cairo.security.AllowAllSecurityContext;
import io.questdb.cairo.sql.RecordCursor;
import io.questdb.cairo.sql.RecordCursorFactory;
import io.questdb.griffin.SqlException;
import io.questdb.griffin.SqlExecutionContextImpl;
import java.nio.file.Path;

/**
 * The store's layout before session 14, kept for {@code motionua bench history} as the baseline of
 * the same run: a row per value in {@code samples (node symbol, value double, status int, ts
 * timestamp)} partitioned by hour; a raw page by a compiled query kept and run again, and a minute
 * average by QuestDB's {@code SAMPLE BY} over the Good values, as that store ran them.
 */
final class RowLayoutBaseline implements AutoCloseable {

  private static final String PAGE =
      "select ts, value, status from samples where node = $1 and ts >= $2 and ts < $3"
          + " order by ts limit $4";

  private final CairoEngine engine;
  private final TableWriter writer;
  private final PreparedQueries prepared;

  RowLayoutBaseline(Path dir) throws SqlException, java.io.IOException {
    java.nio.file.Files.createDirectories(dir);
    engine = new CairoEngine(new DefaultCairoConfiguration(dir.toString()));
    try (var ctx = context()) {
      engine.execute(
          "create table if not exists samples (node symbol capacity 4096 cache, value double, status int,"
              + " ts timestamp) timestamp(ts) partition by hour bypass wal",
          ctx);
    }
    writer = engine.getWriter(engine.verifyTableName("samples"), "bench");
    prepared = new PreparedQueries(engine);
  }

  private SqlExecutionContextImpl context() {
    return new SqlExecutionContextImpl(engine, 1).with(AllowAllSecurityContext.INSTANCE, null);
  }

  void append(String node, long timeMicros, double value, long status) {
    TableWriter.Row row = writer.newRow(timeMicros);
    row.putSym(0, node);
    row.putDouble(1, value);
    row.putInt(2, (int) status);
    row.append();
  }

  void commit() {
    writer.commit();
  }

  /** How many values of {@code node} in {@code [from, to)} a page of {@code limit} returns. */
  int page(String node, long fromMicros, long toMicros, int limit) throws SqlException {
    int[] rows = {0};
    prepared.rows(
        PAGE,
        v -> {
          v.setStr(0, node);
          v.setTimestamp(1, fromMicros);
          v.setTimestamp(2, toMicros);
          v.setLong(3, limit);
        },
        r -> {
          if (r.getTimestamp(0) >= fromMicros) {
            rows[0]++;
          }
        });
    return rows[0];
  }

  /** How many intervals of {@code intervalMicros} the averages of the Good values fill. */
  int averages(String node, long fromMicros, long toMicros, long intervalMicros)
      throws SqlException {
    String sql =
        "select ts, count() g, avg(value) a from samples where node = '"
            + node
            + "' and ts >= "
            + fromMicros
            + " and ts < "
            + toMicros
            + " and status >= 0 and status < 1073741824 sample by "
            + intervalMicros / 1000
            + "T from "
            + fromMicros
            + "::timestamp to "
            + toMicros
            + "::timestamp";
    int buckets = 0;
    try (var ctx = context();
        RecordCursorFactory factory = engine.select(sql, ctx);
        RecordCursor cursor = factory.getCursor(ctx)) {
      while (cursor.hasNext()) {
        if (cursor.getRecord().getLong(1) > 0) {
          buckets++;
        }
      }
    }
    return buckets;
  }

  @Override
  public void close() {
    prepared.close();
    writer.close();
    engine.close();
  }
}
