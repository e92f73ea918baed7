package io.motionua.server.history;

import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.DefaultCairoConfiguration;
import io.questdb.cairo.PartitionBy;
import io.questdb.cairo.TableWriter;
import io.questdb.cairo.security.AllowAllSecurityContext;
import io.questdb.griffin.SqlException;
import io.questdb.griffin.SqlExecutionContextImpl;
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
 * The embedded QuestDB store: one table of blocks, {@code blocks (node symbol indexed, last_ts
 * timestamp, n int, data binary, ts timestamp)}, partitioned by hour, each row the samples of one
 * variable between two commits (500 ms) encoded by {@link SampleBlock} at about 10 bytes a value,
 * where a row per value took 25; and one table of events ({@link EventTable}, by day). Each table
 * is written through one {@link TableWriter} held by the writer thread ({@link BlockAppender} for
 * the blocks). Reads are compiled SQL from any thread, see what was committed, and walk a
 * variable's blocks in time order ({@link BlockScan}); processed reads aggregate while walking.
 * Retention drops whole partitions. A store of the earlier layout, a row per value in a table
 * {@code samples}, has its rows moved into blocks when it opens.
 */
public final class HistoryStore implements AutoCloseable {

  private static final Logger logger = LoggerFactory.getLogger(HistoryStore.class);
  static final String TABLE = "blocks";
  private static final long DAY_MICROS = 86_400_000_000L;
  private static final long HOUR_MICROS = 3_600_000_000L;

  /** The blocks table. */
  static final String CREATE_BLOCKS =
      "create table if not exists "
          + TABLE
          + " (node symbol capacity 4096 cache index, last_ts timestamp, n int, data binary,"
          + " ts timestamp) timestamp(ts) partition by hour bypass wal";

  /** The table of the layout before session 14, a row per value; moved into blocks at open. */
  static final String ROWS_TABLE = "samples";

  private static final String BLOCKS_FORWARD =
      "select ts, last_ts, n, data from "
          + TABLE
          + " where node = $1 and ts >= $2 and ts < $3 order by ts";
  private static final String BLOCKS_BACKWARD = BLOCKS_FORWARD + " desc";

  private final Path dir;
  private final CairoEngine engine;
  private final PreparedQueries prepared;
  private TableWriter writer;
  private BlockAppender appender;
  // Replaced by the writer thread when it reopens the writers; read by readers' threads.
  private volatile EventTable events;

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
      if (DiskFull.is(e)) {
        // A full disk damages nothing: leave the store where it is, the writer tries again.
        throw new DiskFull.DiskFullException(
            "history store " + dir + " cannot be opened: the disk is full (" + e.getMessage() + ")",
            e);
      }
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
    CairoEngine engine = new CairoEngine(new DefaultCairoConfiguration(dir.toString()));
    HistoryStore store = new HistoryStore(dir, engine);
    try {
      store.execute(CREATE_BLOCKS);
      store.writer = engine.getWriter(engine.verifyTableName(TABLE), "motionua history");
      store.appender = new BlockAppender(store.writer);
      store.execute(EventTable.CREATE);
      store.execute(EventTable.ADD_PROPERTIES);
      store.events =
          new EventTable(
              engine,
              store::context,
              engine.getWriter(engine.verifyTableName(EventTable.TABLE), "motionua history"));
      RowLayoutMove.moveIfPresent(store, engine);
      return store;
    } catch (RuntimeException | SqlException e) {
      if (store.writer != null) {
        store.writer.close();
      }
      if (store.events != null) {
        store.events.writer().close();
      }
      engine.close();
      throw e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
    }
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

  void execute(String sql) throws SqlException {
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
      appender.append(s.node(), s.timeMicros(), s.value(), s.status());
    }
  }

  /** Appends one sample (writer thread only); visible to reads after {@link #commit()}. */
  void append(String node, long timeMicros, double value, long status) {
    appender.append(node, timeMicros, value, status);
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
    appender.writeAll();
    writer.commit();
    events.writer().commit();
  }

  /**
   * After a write failed (a full disk, QuestDB's writer distressed): lets go of what was appended
   * and not committed, closes both writers and takes new ones from QuestDB, which repairs the
   * tables' files as it opens them. Throws while that is not possible (the disk still full); reads
   * go on meanwhile. Writer thread only.
   */
  void reopenWriters() {
    long t = System.nanoTime();
    closeQuietly(writer);
    closeQuietly(events.writer());
    writer = engine.getWriter(engine.verifyTableName(TABLE), "motionua history");
    appender.reopen(writer);
    events =
        new EventTable(
            engine,
            this::context,
            engine.getWriter(engine.verifyTableName(EventTable.TABLE), "motionua history"));
    logger.debug("history writers reopened in {} us", (System.nanoTime() - t) / 1000);
  }

  /** Rolls back and closes a writer, whatever state a failure left it in. */
  private static void closeQuietly(TableWriter w) {
    try {
      w.rollback();
    } catch (RuntimeException | io.questdb.cairo.CairoError e) {
      logger.debug("rolling back {} failed: {}", w.getTableToken(), e.toString());
    }
    try {
      w.close();
    } catch (RuntimeException | io.questdb.cairo.CairoError e) {
      logger.debug("closing {} failed: {}", w.getTableToken(), e.toString());
    }
  }

  /** Blocks written since the store opened. */
  long blocksWritten() {
    return appender.blocks();
  }

  /** Bytes of the blocks' encodings written since the store opened. */
  long encodedBytes() {
    return appender.encodedBytes();
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

  /** Of the two tables, the one whose oldest partition is older and not its only one; or null. */
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
    return directoryBytes(dir);
  }

  /** Bytes of the files under {@code dir}. */
  static long directoryBytes(Path dir) throws IOException {
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
   * Walks the samples of one node in {@code [fromMicros, toMicros)} in time order, either way,
   * passing over the first {@code skip}, until {@code visitor} wants no more.
   */
  private void walk(
      String node,
      long fromMicros,
      long toMicros,
      boolean newestFirst,
      long skip,
      BlockScan.Visitor visitor)
      throws SqlException, CorruptBlockException {
    BlockScan scan = new BlockScan(node, fromMicros, toMicros, newestFirst, skip, visitor);
    CorruptBlockException[] corrupt = {null};
    prepared.rowsWhile(
        newestFirst ? BLOCKS_BACKWARD : BLOCKS_FORWARD,
        v -> {
          v.setStr(0, node);
          v.setTimestamp(1, BlockScan.earliestStart(fromMicros));
          v.setTimestamp(2, toMicros);
        },
        r -> {
          try {
            return scan.block(r.getTimestamp(0), r.getTimestamp(1), r.getInt(2), r.getBin(3));
          } catch (CorruptBlockException e) {
            corrupt[0] = e;
            return false;
          }
        });
    if (corrupt[0] != null) {
      throw corrupt[0];
    }
    scan.finish();
  }

  /**
   * Samples of one node in {@code [fromMicros, toMicros)}, oldest first or newest first.
   *
   * @param skip how many matching samples to pass over (a continuation)
   * @param limit how many to return at most
   */
  public List<Sample> read(
      String node, long fromMicros, long toMicros, boolean newestFirst, long skip, int limit)
      throws SqlException, CorruptBlockException {
    List<Sample> out = new ArrayList<>(Math.min(limit, 10_000));
    if (limit > 0) {
      walk(
          node,
          fromMicros,
          toMicros,
          newestFirst,
          skip,
          (t, value, status) -> {
            out.add(new Sample(node, t, value, status));
            return out.size() < limit;
          });
    }
    return out;
  }

  /** The last sample at or before {@code micros}, if any (a start bound). */
  public List<Sample> atOrBefore(String node, long micros)
      throws SqlException, CorruptBlockException {
    return first(node, 0, micros == Long.MAX_VALUE ? micros : micros + 1, true, false);
  }

  /** The first sample at or after {@code micros}, if any (an end bound). */
  public List<Sample> atOrAfter(String node, long micros)
      throws SqlException, CorruptBlockException {
    return first(node, micros, Long.MAX_VALUE, false, false);
  }

  /** The first Good sample at or after {@code micros}, if any (TimeAverage's end bound). */
  List<Sample> goodAtOrAfter(String node, long micros) throws SqlException, CorruptBlockException {
    return first(node, micros, Long.MAX_VALUE, false, true);
  }

  /** The last sample before {@code micros} (of any status, or Good only), if any. */
  List<Sample> before(String node, long micros, boolean goodOnly)
      throws SqlException, CorruptBlockException {
    return first(node, 0, micros, true, goodOnly);
  }

  /** The StatusCode's top two bits are 00: Good. */
  static boolean good(long status) {
    return (status & 0xC000_0000L) == 0;
  }

  /** The first sample in the range in the given direction (Good only, if asked), if any. */
  private List<Sample> first(
      String node, long fromMicros, long toMicros, boolean newestFirst, boolean goodOnly)
      throws SqlException, CorruptBlockException {
    List<Sample> out = new ArrayList<>(1);
    walk(
        node,
        fromMicros,
        toMicros,
        newestFirst,
        0,
        (t, value, status) -> {
          if (goodOnly && !good(status)) {
            return true;
          }
          out.add(new Sample(node, t, value, status));
          return false;
        });
    return out;
  }

  /** Receives samples one by one, in time order. */
  interface SampleSink {
    void accept(long timeMicros, double value, long status);
  }

  /** Every sample of one node in {@code [fromMicros, toMicros)}, oldest first, without a list. */
  void scan(String node, long fromMicros, long toMicros, SampleSink sink)
      throws SqlException, CorruptBlockException {
    walk(
        node,
        fromMicros,
        toMicros,
        false,
        0,
        (t, value, status) -> {
          sink.accept(t, value, status);
          return true;
        });
  }

  /** One interval's figures over its Good values (and how many values it had in all). */
  record Bucket(
      long count,
      long good,
      double average,
      double minimum,
      double maximum,
      double first,
      double last) {}

  /**
   * Figures per interval of {@code intervalMicros} from {@code fromMicros} (interval index to its
   * figures; intervals without values are absent), computed while walking the node's samples once:
   * each value is decoded and added up once (docs/benchmarks.md: a day of one variable at 10 ms in
   * about a tenth of a second).
   */
  Map<Long, Bucket> aggregate(String node, long fromMicros, long toMicros, long intervalMicros)
      throws SqlException, CorruptBlockException {
    BucketSums sums = new BucketSums(fromMicros, intervalMicros);
    scan(node, fromMicros, toMicros, sums::add);
    return sums.finish();
  }

  /**
   * Commits what is pending and closes the writers and the engine. A writer a failure left unable
   * to commit (a full disk) is rolled back and closed: what it held was not committed.
   */
  @Override
  public void close() {
    prepared.close();
    try {
      for (TableWriter w : new TableWriter[] {writer, events == null ? null : events.writer()}) {
        if (w == null) {
          continue;
        }
        try {
          w.commit();
        } catch (RuntimeException | io.questdb.cairo.CairoError e) {
          logger.warn("history store: the last commit failed on closing: {}", e.toString());
        }
        closeQuietly(w);
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
