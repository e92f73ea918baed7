package io.motionua.server.history;

import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.sql.Record;
import io.questdb.cairo.sql.RecordCursor;
import io.questdb.cairo.sql.RecordCursorFactory;
import io.questdb.griffin.SqlException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the values of a store of the layout before session 14 (a row per value in the table {@code
 * samples}) into blocks when the store opens, then drops that table. The rows are read in time
 * order and committed about every {@link #STEP} values, always between two times, so that after
 * each commit every value up to a time is in blocks and none after it. A move cut short (a crash, a
 * kill) goes on at the next start after the newest time in blocks (nothing is written to blocks
 * before the move ends): nothing twice, nothing lost.
 */
final class RowLayoutMove {

  private static final Logger logger = LoggerFactory.getLogger(RowLayoutMove.class);

  /** Values moved between two commits, at least. */
  static final long STEP = 1_000_000;

  private RowLayoutMove() {}

  static void moveIfPresent(HistoryStore store, CairoEngine engine) throws SqlException {
    if (engine.getTableTokenIfExists(HistoryStore.ROWS_TABLE) == null) {
      return;
    }
    long t0 = System.nanoTime();
    long after = newestMoved(store, engine);
    String sql =
        "select node, ts, value, status from "
            + HistoryStore.ROWS_TABLE
            + (after == Long.MIN_VALUE ? "" : " where ts > " + after);
    long moved = 0;
    long sinceCommit = 0;
    long lastTime = Long.MIN_VALUE;
    try (var ctx = store.context();
        RecordCursorFactory factory = engine.select(sql, ctx);
        RecordCursor cursor = factory.getCursor(ctx)) {
      Record r = cursor.getRecord();
      while (cursor.hasNext()) {
        long time = r.getTimestamp(1);
        if (sinceCommit >= STEP && time > lastTime) {
          store.commit();
          sinceCommit = 0;
        }
        store.append(
            r.getSymA(0).toString(), time, r.getDouble(2), Integer.toUnsignedLong(r.getInt(3)));
        lastTime = time;
        sinceCommit++;
        moved++;
      }
    }
    store.commit();
    store.execute("drop table " + HistoryStore.ROWS_TABLE);
    logger.info(
        "history store: {} value(s) of the earlier layout moved into blocks{} in {} ms",
        moved,
        after == Long.MIN_VALUE ? "" : " (going on after a move cut short)",
        (System.nanoTime() - t0) / 1_000_000);
  }

  /** The newest time already in blocks (a move cut short), or Long.MIN_VALUE for none. */
  private static long newestMoved(HistoryStore store, CairoEngine engine) throws SqlException {
    try (var ctx = store.context();
        RecordCursorFactory factory =
            engine.select("select max(last_ts) from " + HistoryStore.TABLE, ctx);
        RecordCursor cursor = factory.getCursor(ctx)) {
      if (cursor.hasNext()) {
        long newest = cursor.getRecord().getTimestamp(0);
        return newest == io.questdb.std.Numbers.LONG_NULL ? Long.MIN_VALUE : newest;
      }
      return Long.MIN_VALUE;
    }
  }
}
