package io.motionua.server.history;

import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.security.AllowAllSecurityContext;
import io.questdb.cairo.sql.BindVariableService;
import io.questdb.cairo.sql.Record;
import io.questdb.cairo.sql.RecordCursor;
import io.questdb.cairo.sql.RecordCursorFactory;
import io.questdb.cairo.sql.TableReferenceOutOfDateException;
import io.questdb.griffin.SqlException;
import io.questdb.griffin.SqlExecutionContextImpl;
import io.questdb.griffin.engine.functions.bind.BindVariableServiceImpl;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * SELECTs compiled once and run again with other values in their bind variables ({@code $1}, {@code
 * $2} ...). Compiling is nearly all the time of a small read (docs/benchmarks.md, history), so the
 * store's raw reads and bounds keep their compiled queries here.
 *
 * <p>A QuestDB {@link RecordCursorFactory} serves one cursor at a time: each compiled query, with
 * its own execution context and bind variables, is lent to one reading thread and given back
 * afterwards; a thread that finds none idle compiles another. So there are at most as many copies
 * of a query as threads ever read it at once (Milo's pool). A query that QuestDB reports out of
 * date (the table's structure changed) is compiled again, once.
 */
final class PreparedQueries implements AutoCloseable {

  /** Sets a query's bind variables; called before compiling (for their types) and each run. */
  interface Binder {
    void bind(BindVariableService variables) throws SqlException;
  }

  private record Prepared(SqlExecutionContextImpl context, RecordCursorFactory factory) {
    void close() {
      factory.close();
      context.close();
    }
  }

  private final CairoEngine engine;
  private final Map<String, ConcurrentLinkedDeque<Prepared>> idle = new ConcurrentHashMap<>();
  private volatile boolean closed;

  PreparedQueries(CairoEngine engine) {
    this.engine = engine;
  }

  /** Runs {@code sql} with {@code binder}'s values and hands each row to {@code row}. */
  void rows(String sql, Binder binder, Consumer<Record> row) throws SqlException {
    rowsWhile(
        sql,
        binder,
        r -> {
          row.accept(r);
          return true;
        });
  }

  /**
   * Runs {@code sql} with {@code binder}'s values and hands rows to {@code row} until it returns
   * false (QuestDB's cursors read lazily: the rows not asked for are not read).
   */
  void rowsWhile(String sql, Binder binder, Predicate<Record> row) throws SqlException {
    ConcurrentLinkedDeque<Prepared> copies =
        idle.computeIfAbsent(sql, s -> new ConcurrentLinkedDeque<>());
    Prepared prepared = copies.pollFirst();
    for (int attempt = 0; ; attempt++) {
      if (prepared == null) {
        prepared = compile(sql, binder);
      }
      boolean reusable = false;
      try {
        binder.bind(prepared.context().getBindVariableService());
        try (RecordCursor cursor = prepared.factory().getCursor(prepared.context())) {
          Record r = cursor.getRecord();
          while (cursor.hasNext() && row.test(r)) {
            // each row handed over
          }
        }
        reusable = true;
        return;
      } catch (TableReferenceOutOfDateException e) {
        if (attempt > 0) {
          throw e;
        }
      } finally {
        if (reusable && !closed) {
          copies.offerFirst(prepared);
        } else {
          prepared.close();
        }
        prepared = null;
      }
    }
  }

  private Prepared compile(String sql, Binder binder) throws SqlException {
    BindVariableServiceImpl variables = new BindVariableServiceImpl(engine.getConfiguration());
    binder.bind(variables);
    SqlExecutionContextImpl context =
        new SqlExecutionContextImpl(engine, 1).with(AllowAllSecurityContext.INSTANCE, variables);
    try {
      return new Prepared(context, engine.select(sql, context));
    } catch (SqlException | RuntimeException e) {
      context.close();
      throw e;
    }
  }

  /** Closes the idle compiled queries; one lent out is closed when it comes back. */
  @Override
  public void close() {
    closed = true;
    idle.values()
        .forEach(
            copies -> {
              for (Prepared p = copies.pollFirst(); p != null; p = copies.pollFirst()) {
                p.close();
              }
            });
  }
}
