package io.motionua.server.history;

import io.questdb.cairo.CairoConfiguration;
import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.DefaultCairoConfiguration;
import io.questdb.cairo.PartitionBy;
import io.questdb.cairo.TableWriter;
import io.questdb.cairo.security.AllowAllSecurityContext;
import io.questdb.cairo.sql.PartitionFormat;
import io.questdb.cairo.sql.RecordCursor;
import io.questdb.cairo.sql.RecordCursorFactory;
import io.questdb.griffin.SqlException;
import io.questdb.griffin.SqlExecutionContextImpl;
import io.questdb.griffin.engine.table.parquet.ParquetCompression;
import io.questdb.log.LogFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded QuestDB store: one table {@code samples (node symbol, value double, status int, ts
 * timestamp)}, partitioned by hour (by day in stores made before issue 15), and one of events
 * ({@link EventTable}, by day), each written through one {@link TableWriter} held by the writer
 * thread. Closed partitions are converted to Parquet ({@link #convertClosedPartitions}), which
 * takes a value from 25 bytes on disk to about 9 without changing it. Reads are SQL from any thread
 * and see what was committed, whichever format a partition has. Retention drops whole partitions.
 */
public final class HistoryStore implements AutoCloseable {

  private static final Logger logger = LoggerFactory.getLogger(HistoryStore.class);
  static final String TABLE = "samples";
  private static final long DAY_MICROS = 86_400_000_000L;
  private static final long HOUR_MICROS = 3_600_000_000L;

  /**
   * A partition is converted to Parquet once it ended this long ago: values a little late (a
   * backlog in the queue) still land in a native partition. Later ones are merged into the Parquet
   * file by QuestDB (slower, but nothing is lost: HistoryStoreTest).
   */
  static final long CONVERT_AFTER_MICROS = 10 * 60_000_000L;

  /** The samples table of a new store. Stores made before issue 15 keep theirs, by day. */
  static final String CREATE_SAMPLES =
      "create table if not exists "
          + TABLE
          + " (node symbol capacity 4096 cache, value double, status int, ts timestamp)"
          + " timestamp(ts) partition by hour bypass wal";

  private final Path dir;
  private final CairoEngine engine;
  private final PreparedQueries prepared;
  private TableWriter writer;
  private EventTable events;

  private HistoryStore(Path dir, CairoEngine engine) {
    this.dir = dir;
    this.engine = engine;
    this.prepared = new PreparedQueries(engine);
  }

  /**
   * Opens (or creates) the store in {@code dir}. A store that cannot be opened is moved aside to
   * {@code history.corrupt-<time>} and reported, never silently emptied; a new one takes its place.
   * Takes seconds: QuestDB loads its SQL functions first (docs/history.md).
   */
  public static HistoryStore open(Path dir) throws IOException {
    quietLogging(dir);
    try {
      return openOnce(dir);
    } catch (RuntimeException e) {
      if (isInUse(e)) {
        // Another server (or one still closing) holds it: nothing is wrong with the store.
        throw new IOException(
            "history store " + dir + " is in use by another process: " + e.getMessage(), e);
      }
      Path aside =
          dir.resolveSibling(dir.getFileName() + ".corrupt-" + Instant.now().toEpochMilli());
      logger.error(
          "history store {} cannot be opened ({}); moved to {}, starting an empty one",
          dir,
          e.getMessage(),
          aside);
      Files.move(dir, aside);
      return openOnce(dir);
    }
  }

  private static HistoryStore openOnce(Path dir) throws IOException {
    Files.createDirectories(dir);
    CairoConfiguration configuration = configuration(dir);
    CairoEngine engine = new CairoEngine(configuration);
    HistoryStore store = new HistoryStore(dir, engine);
    try {
      store.execute(CREATE_SAMPLES);
      store.writer = engine.getWriter(engine.verifyTableName(TABLE), "motionua history");
      store.execute(EventTable.CREATE);
      store.execute(EventTable.ADD_PROPERTIES);
      store.events =
          new EventTable(
              engine,
              store::context,
              engine.getWriter(engine.verifyTableName(EventTable.TABLE), "motionua history"));
      return store;
    } catch (RuntimeException | SqlException e) {
      if (store.writer != null) {
        store.writer.close();
      }
      engine.close();
      throw e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
    }
  }

  /**
   * QuestDB's defaults, with its Parquet encoder set as its server sets it (the embedded defaults
   * leave the row group size 0, which a late value merged into a Parquet partition divides by) and
   * zstd at level 3: on the bench's values 5 % smaller than QuestDB's default LZ4 and as fast.
   */
  static CairoConfiguration configuration(Path dir) {
    return new DefaultCairoConfiguration(dir.toString()) {
      @Override
      public int getPartitionEncoderParquetCompressionCodec() {
        return ParquetCompression.COMPRESSION_ZSTD;
      }

      @Override
      public int getPartitionEncoderParquetCompressionLevel() {
        return 3;
      }

      @Override
      public int getPartitionEncoderParquetRowGroupSize() {
        return 100_000;
      }

      @Override
      public int getPartitionEncoderParquetDataPageSize() {
        return 1_048_576;
      }
    };
  }

  /** QuestDB's "cannot lock ..." and "table busy" failures: the store is open elsewhere. */
  static boolean isInUse(Throwable e) {
    String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
    return e instanceof io.questdb.cairo.EntryUnavailableException
        || message.contains("cannot lock")
        || message.contains("could not lock")
        || message.contains("busy");
  }

  /** QuestDB logs on its own (not through slf4j): only its errors, on stderr. */
  private static void quietLogging(Path dir) throws IOException {
    Path conf = dir.resolveSibling(dir.getFileName() + "-log").resolve("conf");
    Files.createDirectories(conf);
    Files.writeString(
        conf.resolve("log.conf"),
        "writers=stderr\n"
            + "w.stderr.class=io.questdb.log.LogConsoleWriter\n"
            + "w.stderr.level=ERROR,CRITICAL\n",
        StandardCharsets.UTF_8);
    LogFactory.configureRootDir(conf.getParent().toString());
  }

  private void execute(String sql) throws SqlException {
    try (var ctx = context()) {
      engine.execute(sql, ctx);
    }
  }

  SqlExecutionContextImpl context() {
    return new SqlExecutionContextImpl(engine, 1).with(AllowAllSecurityContext.INSTANCE, null);
  }

  /** Appends samples (writer thread only); visible to reads after {@link #commit()}. */
  void append(List<Sample> samples) {
    for (Sample s : samples) {
      TableWriter.Row row = writer.newRow(s.timeMicros());
      row.putSym(0, s.node());
      row.putDouble(1, s.value());
      row.putInt(2, (int) s.status());
      row.append();
    }
  }

  /** Appends events (writer thread only); visible to reads after {@link #commit()}. */
  void appendEvents(List<EventRecord> records) {
    events.append(records);
  }

  /** The events table, for reads. */
  EventTable events() {
    return events;
  }

  /** Makes appended samples and events durable and readable (writer thread only). */
  void commit() {
    writer.commit();
    events.writer().commit();
  }

  /** How long one partition of {@code table} spans: an hour or a day. */
  private static long partitionMicros(TableWriter table) {
    return table.getPartitionBy() == PartitionBy.HOUR ? HOUR_MICROS : DAY_MICROS;
  }

  /**
   * Drops the partitions older than {@code maxAgeDays} and then the oldest partitions while the
   * store is larger than {@code maxBytes}; the newest partition of a table is never dropped. Writer
   * thread only.
   *
   * @return how many partitions were dropped
   */
  int applyRetention(long nowMicros, int maxAgeDays, long maxBytes) throws IOException {
    int dropped = 0;
    long cutoff = nowMicros - maxAgeDays * DAY_MICROS;
    for (TableWriter table : List.of(writer, events.writer())) {
      while (table.getPartitionCount() > 1
          && table.getPartitionTimestamp(0) + partitionMicros(table) <= cutoff
          && table.removePartition(table.getPartitionTimestamp(0))) {
        dropped++;
      }
    }
    while (sizeBytes() > maxBytes) {
      TableWriter oldest = oldestDroppable();
      if (oldest == null || !oldest.removePartition(oldest.getPartitionTimestamp(0))) {
        break;
      }
      dropped++;
    }
    return dropped;
  }

  /**
   * Converts to Parquet, in each table, the oldest native partition that is not the newest one and
   * ended at least {@link #CONVERT_AFTER_MICROS} before {@code nowMicros}. One partition per table
   * and call, so that the writer thread, which calls it with retention, pauses briefly (seconds for
   * an hour of 100,000 values/s, docs/benchmarks.md) while the queue takes the values. A store of
   * an older version has its closed days converted the same way, one per call. Writer thread only.
   *
   * @return how many partitions were converted
   */
  int convertClosedPartitions(long nowMicros) {
    int converted = 0;
    for (TableWriter table : List.of(writer, events.writer())) {
      long length = partitionMicros(table);
      for (int i = 0; i < table.getPartitionCount() - 1; i++) {
        long start = table.getPartitionTimestamp(i);
        if (start + length + CONVERT_AFTER_MICROS > nowMicros) {
          break;
        }
        if (table.getPartitionFormat(i) != PartitionFormat.PARQUET) {
          if (table.convertPartitionNativeToParquet(start, null, Double.NaN)) {
            converted++;
          }
          break;
        }
      }
    }
    return converted;
  }

  /** How many partitions of the samples table are Parquet files (for tests and the bench). */
  int parquetPartitions() {
    int n = 0;
    for (int i = 0; i < writer.getPartitionCount(); i++) {
      if (writer.getPartitionFormat(i) == PartitionFormat.PARQUET) {
        n++;
      }
    }
    return n;
  }

  /** Of the two tables, the one whose oldest day is older and not its only day; null if none. */
  private TableWriter oldestDroppable() {
    TableWriter oldest = null;
    for (TableWriter table : List.of(writer, events.writer())) {
      if (table.getPartitionCount() > 1
          && (oldest == null || table.getPartitionTimestamp(0) < oldest.getPartitionTimestamp(0))) {
        oldest = table;
      }
    }
    return oldest;
  }

  /** Bytes on disk under the store's directory. */
  long sizeBytes() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .mapToLong(
              p -> {
                try {
                  return Files.size(p);
                } catch (IOException e) {
                  return 0;
                }
              })
          .sum();
    }
  }

  /**
   * Samples of one node in {@code [fromMicros, toMicros)}, oldest first or newest first.
   *
   * @param skip how many matching samples to pass over (a continuation)
   * @param limit how many to return at most
   */
  public List<Sample> read(
      String node, long fromMicros, long toMicros, boolean newestFirst, long skip, int limit)
      throws SqlException {
    String sql =
        "select ts, value, status from "
            + TABLE
            + " where node = $1 and ts >= $2 and ts < $3 order by ts"
            + (newestFirst ? " desc" : "")
            + " limit $4, $5";
    List<Sample> out = new ArrayList<>(Math.min(limit, 10_000));
    prepared.rows(
        sql,
        v -> {
          v.setStr(0, node);
          v.setTimestamp(1, fromMicros);
          v.setTimestamp(2, toMicros);
          v.setLong(3, skip);
          v.setLong(4, skip + limit);
        },
        r -> out.add(sample(node, r)));
    return out;
  }

  /**
   * The same page as {@link #read}, compiled for this call alone with its values in the SQL text,
   * as every read ran before issue 15: the baseline of {@code motionua bench history}.
   */
  List<Sample> readUncached(
      String node, long fromMicros, long toMicros, boolean newestFirst, long skip, int limit)
      throws SqlException {
    String sql =
        "select ts, value, status"
            + range(node, fromMicros, toMicros)
            + " order by ts"
            + (newestFirst ? " desc" : "")
            + " limit "
            + skip
            + ","
            + (skip + limit);
    return query(node, sql);
  }

  private static Sample sample(String node, io.questdb.cairo.sql.Record r) {
    return new Sample(node, r.getTimestamp(0), r.getDouble(1), Integer.toUnsignedLong(r.getInt(2)));
  }

  /** The last sample at or before {@code micros}, if any (a start bound). */
  public List<Sample> atOrBefore(String node, long micros) throws SqlException {
    return first(node, "ts <= $2", micros, true);
  }

  /** The first sample at or after {@code micros}, if any (an end bound). */
  public List<Sample> atOrAfter(String node, long micros) throws SqlException {
    return first(node, "ts >= $2", micros, false);
  }

  /** The StatusCode's top two bits are 00 (Good): {@code 0 <= status < 0x40000000} as an int. */
  private static final String GOOD = "(status >= 0 and status < 1073741824)";

  /** The last sample before {@code micros} (of any status, or Good only), if any. */
  List<Sample> before(String node, long micros, boolean goodOnly) throws SqlException {
    return first(node, "ts < $2" + (goodOnly ? " and " + GOOD : ""), micros, true);
  }

  /**
   * The first (or, newest first, the last) sample of a node that meets {@code condition}, whose
   * {@code $2} is {@code micros} (a compiled query kept for the next call).
   */
  private List<Sample> first(String node, String condition, long micros, boolean newestFirst)
      throws SqlException {
    String sql =
        "select ts, value, status from "
            + TABLE
            + " where node = $1 and "
            + condition
            + " order by ts"
            + (newestFirst ? " desc" : "")
            + " limit 1";
    List<Sample> out = new ArrayList<>(1);
    prepared.rows(
        sql,
        v -> {
          v.setStr(0, node);
          v.setTimestamp(1, micros);
        },
        r -> out.add(sample(node, r)));
    return out;
  }

  /** Receives samples one by one, in time order. */
  interface SampleSink {
    void accept(long timeMicros, double value, long status);
  }

  /** Every sample of one node in {@code [fromMicros, toMicros)}, oldest first, without a list. */
  void scan(String node, long fromMicros, long toMicros, SampleSink sink) throws SqlException {
    each("select ts, value, status" + range(node, fromMicros, toMicros), sink);
  }

  /** Runs a query of (ts, value, status) rows and hands each row to {@code sink}. */
  private void each(String sql, SampleSink sink) throws SqlException {
    rows(
        sql,
        r -> sink.accept(r.getTimestamp(0), r.getDouble(1), Integer.toUnsignedLong(r.getInt(2))));
  }

  /** Runs a query and hands each row to {@code row} (valid only during the call). */
  private void rows(String sql, java.util.function.Consumer<io.questdb.cairo.sql.Record> row)
      throws SqlException {
    try (var ctx = context();
        RecordCursorFactory factory = engine.select(sql, ctx);
        RecordCursor cursor = factory.getCursor(ctx)) {
      var r = cursor.getRecord();
      while (cursor.hasNext()) {
        row.accept(r);
      }
    }
  }

  /** One interval's figures over its Good values (and how many values it had in all). */
  record Bucket(
      long count,
      long good,
      double average,
      double minimum,
      double maximum,
      double first,
      double last) {

    /** No values at all (none Good, so no figures). */
    static final Bucket NONE_GOOD =
        new Bucket(0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    /** The same figures with {@code others} more non-Good values. */
    Bucket plus(long others) {
      return new Bucket(count + others, good, average, minimum, maximum, first, last);
    }
  }

  /**
   * Figures per interval of {@code intervalMicros} from {@code fromMicros} (interval index to its
   * figures; intervals without values are absent), computed by the store. Two queries with
   * QuestDB's {@code SAMPLE BY}, aligned on {@code fromMicros}: the Good values' figures (a plain
   * filter, which QuestDB runs on its parallel, JIT-compiled path), and the count of the other
   * values. One query with CASE expressions for the Good-only figures took three to five times as
   * long (docs/benchmarks.md).
   */
  Map<Long, Bucket> aggregate(String node, long fromMicros, long toMicros, long intervalMicros)
      throws SqlException {
    String range = range(node, fromMicros, toMicros);
    String stride = stride(intervalMicros);
    if (stride == null) {
      return aggregateInOneQuery(node, fromMicros, toMicros, intervalMicros);
    }
    String sampleBy =
        " sample by "
            + stride
            + " from "
            + fromMicros
            + "::timestamp to "
            + toMicros
            + "::timestamp";
    Map<Long, Bucket> out = new java.util.HashMap<>();
    String goodSql =
        "select ts, count() g, avg(value) a, min(value) lo, max(value) hi, first(value) f,"
            + " last(value) l"
            + range
            + " and "
            + GOOD
            + sampleBy;
    rows(
        goodSql,
        r -> {
          long good = r.getLong(1);
          if (good > 0) {
            out.put((r.getTimestamp(0) - fromMicros) / intervalMicros, figures(r, good, good, 2));
          }
        });
    String otherSql = "select ts, count() n" + range + " and not " + GOOD + sampleBy;
    rows(
        otherSql,
        r -> {
          long others = r.getLong(1);
          if (others > 0) {
            out.merge(
                (r.getTimestamp(0) - fromMicros) / intervalMicros,
                Bucket.NONE_GOOD.plus(others),
                (b, o) -> b.plus(o.count()));
          }
        });
    return out;
  }

  /**
   * A bucket of {@code count} values, {@code good} of them Good, with the five figures (average,
   * minimum, maximum, first, last) from the row's column {@code average} on.
   */
  private static Bucket figures(io.questdb.cairo.sql.Record r, long count, long good, int average) {
    return new Bucket(
        count,
        good,
        r.getDouble(average),
        r.getDouble(average + 1),
        r.getDouble(average + 2),
        r.getDouble(average + 3),
        r.getDouble(average + 4));
  }

  /**
   * The interval as a SAMPLE BY stride: a whole number of days, hours, minutes, seconds,
   * milliseconds or microseconds that QuestDB takes (an int); null when there is none.
   */
  static String stride(long intervalMicros) {
    long[] units = {86_400_000_000L, 3_600_000_000L, 60_000_000L, 1_000_000L, 1_000L, 1L};
    String[] names = {"d", "h", "m", "s", "T", "U"};
    for (int i = 0; i < units.length; i++) {
      if (intervalMicros % units[i] == 0 && intervalMicros / units[i] <= Integer.MAX_VALUE) {
        return intervalMicros / units[i] + names[i];
      }
    }
    return null;
  }

  /**
   * The same figures as {@link #aggregate} in one query: a GROUP BY of the interval number, with
   * CASE expressions for the Good-only figures. Slower (QuestDB runs it without its vectorised
   * path), but for any interval.
   */
  Map<Long, Bucket> aggregateInOneQuery(
      String node, long fromMicros, long toMicros, long intervalMicros) throws SqlException {
    String goodValue = "case when " + GOOD + " then value else null end";
    String sql =
        "select (cast(ts as long) - "
            + fromMicros
            + ") / "
            + intervalMicros
            + " bucket, count() n, sum(case when "
            + GOOD
            + " then 1 else 0 end) g, avg("
            + goodValue
            + ") a, min("
            + goodValue
            + ") lo, max("
            + goodValue
            + ") hi, first_not_null("
            + goodValue
            + ") f, last_not_null("
            + goodValue
            + ") l"
            + range(node, fromMicros, toMicros)
            + " group by bucket order by bucket";
    Map<Long, Bucket> out = new java.util.HashMap<>();
    rows(sql, r -> out.put(r.getLong(0), figures(r, r.getLong(1), r.getLong(2), 3)));
    return out;
  }

  private List<Sample> query(String node, String sql) throws SqlException {
    List<Sample> out = new ArrayList<>();
    each(sql, (time, value, status) -> out.add(new Sample(node, time, value, status)));
    return out;
  }

  /** The rows of one node in {@code [fromMicros, toMicros)}: a query's FROM and WHERE. */
  private static String range(String node, long fromMicros, long toMicros) {
    return " from "
        + TABLE
        + " where node = "
        + quoted(node)
        + " and ts >= "
        + fromMicros
        + " and ts < "
        + toMicros;
  }

  private static String quoted(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  /** Commits what is pending and closes the writer and the engine. */
  @Override
  public void close() {
    prepared.close();
    try {
      if (writer != null) {
        writer.commit();
        writer.close();
      }
      if (events != null) {
        events.writer().commit();
        events.writer().close();
      }
    } finally {
      engine.close();
    }
  }

  @Override
  public String toString() {
    return "history store " + dir;
  }
}
