package io.motionua.server.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.DefaultCairoConfiguration;
import io.questdb.cairo.security.AllowAllSecurityContext;
import io.questdb.griffin.SqlExecutionContextImpl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The QuestDB store in a temporary directory: reads by range, direction and page; retention. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HistoryStoreTest {

  private static final long DAY = 86_400_000_000L;
  private static final long SEC = 1_000_000L;
  // Noon of a fixed day, so that the three days below are three partitions.
  private static final long T0 = 1_780_000_000L * SEC / DAY * DAY + DAY / 2;

  private Path dir;
  private HistoryStore store;

  @BeforeAll
  void open() throws Exception {
    dir = Files.createTempDirectory("motionua-history-test").resolve("history");
    store = HistoryStore.open(dir);
    store.append(
        List.of(
            new Sample("a", T0 - 2 * DAY, 1.0, StatusCodes.Good),
            new Sample("a", T0 - DAY, 2.0, StatusCodes.Good),
            new Sample("b", T0 + 1 * SEC, 99.0, StatusCodes.Good),
            new Sample("a", T0 + 1 * SEC, 3.0, StatusCodes.Bad_NoCommunication),
            new Sample("a", T0, 2.5, StatusCodes.Good), // out of order: sorted by the store
            new Sample("a", T0 + 2 * SEC, 4.0, StatusCodes.Good)));
    store.commit();
  }

  @AfterAll
  void close() {
    store.close();
  }

  private static List<Double> values(List<Sample> samples) {
    return samples.stream().map(Sample::value).toList();
  }

  @Test
  void aRangeIsReadOldestFirstOrNewestFirstWithStatusAndTime() throws Exception {
    List<Sample> forward = store.read("a", T0, T0 + 10 * SEC, false, 0, 100);
    assertEquals(List.of(2.5, 3.0, 4.0), values(forward));
    assertEquals(T0 + SEC, forward.get(1).timeMicros());
    assertEquals(StatusCodes.Bad_NoCommunication, forward.get(1).status());
    assertEquals(List.of(4.0, 3.0, 2.5), values(store.read("a", T0, T0 + 10 * SEC, true, 0, 100)));
    assertEquals(
        List.of(2.5, 3.0),
        values(store.read("a", T0, T0 + 2 * SEC, false, 0, 100)),
        "the end is not included");
  }

  @Test
  void pagesSkipWhatWasReturned() throws Exception {
    assertEquals(List.of(1.0, 2.0), values(store.read("a", 0, Long.MAX_VALUE, false, 0, 2)));
    assertEquals(List.of(2.5, 3.0), values(store.read("a", 0, Long.MAX_VALUE, false, 2, 2)));
    assertEquals(List.of(4.0), values(store.read("a", 0, Long.MAX_VALUE, false, 4, 2)));
  }

  @Test
  void boundsAreTheNeighboursOfATime() throws Exception {
    assertEquals(List.of(2.0), values(store.atOrBefore("a", T0 - 1)));
    assertEquals(List.of(2.5), values(store.atOrAfter("a", T0 - DAY + 1)));
    assertTrue(store.atOrAfter("a", T0 + 3 * SEC).isEmpty());
  }

  @Test
  void aggregatesPerIntervalCountOnlyGoodValues() throws Exception {
    var buckets = store.aggregate("a", T0 - 2 * DAY, T0 + DAY, DAY);
    assertEquals(3, buckets.size());
    assertEquals(1.0, buckets.get(0L).average(), 1e-12);
    HistoryStore.Bucket today = buckets.get(2L);
    assertEquals(3, today.count());
    assertEquals(2, today.good(), "the Bad value is not counted as Good");
    assertEquals(3.25, today.average(), 1e-12, "mean of 2.5 and 4.0, not of 3.0");
    assertEquals(2.5, today.minimum(), 1e-12);
    assertEquals(4.0, today.maximum(), 1e-12);
    assertEquals(2.5, today.first(), 1e-12);
    assertEquals(4.0, today.last(), 1e-12);
  }

  @Test
  void intervalsAreAlignedOnTheirStartAndABadOnlyIntervalHasNoGoodValue() throws Exception {
    // 0.7 s intervals from 0.5 s before T0: T0 in the first, T0 + 1 s (Bad) in the third,
    // T0 + 2 s in the fourth; the second is empty.
    var buckets = store.aggregate("a", T0 - 500_000, T0 + 3 * SEC, 700_000);
    assertEquals(java.util.Set.of(0L, 2L, 3L), buckets.keySet());
    assertEquals(2.5, buckets.get(0L).average(), 1e-12);
    assertEquals(1, buckets.get(2L).count());
    assertEquals(0, buckets.get(2L).good());
    assertEquals(4.0, buckets.get(3L).first(), 1e-12);
    // An interval of no round unit (3,000.000001 s): T0 - 2 days in the first, T0 - 1 day in the
    // 28th (86,400 / 3,000.000001 = 28.8), T0 to T0 + 2 s in the 57th.
    long odd = 3_000_000_001L;
    var wide = store.aggregate("a", T0 - 2 * DAY, T0 + DAY, odd);
    assertEquals(java.util.Set.of(0L, 28L, 57L), wide.keySet());
    assertEquals(3, wide.get(57L).count());
    assertEquals(3.25, wide.get(57L).average(), 1e-12);
  }

  @Test
  void theValueBeforeATimeAndAScanInTimeOrder() throws Exception {
    assertEquals(List.of(3.0), values(store.before("a", T0 + 2 * SEC, false)));
    assertEquals(List.of(2.5), values(store.before("a", T0 + 2 * SEC, true)), "Good only");
    assertTrue(store.before("a", T0 - 2 * DAY, false).isEmpty());
    List<Double> scanned = new java.util.ArrayList<>();
    store.scan("a", T0, T0 + 10 * SEC, (t, v, s) -> scanned.add(v));
    assertEquals(List.of(2.5, 3.0, 4.0), scanned);
  }

  @Test
  void aStoreInUseIsRefusedAndLeftWhereItIs() {
    java.io.IOException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            java.io.IOException.class, () -> HistoryStore.open(dir));
    assertTrue(e.getMessage().contains("in use by another process"), e.getMessage());
    assertTrue(Files.isDirectory(dir), "not moved aside");
    try (var siblings = uncheckedList(dir.getParent())) {
      assertTrue(siblings.noneMatch(p -> p.getFileName().toString().contains("corrupt")));
    }
  }

  private static java.util.stream.Stream<Path> uncheckedList(Path dir) {
    try {
      return Files.list(dir);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void retentionDropsWholeOldDaysButNeverToday() throws Exception {
    Path other = Files.createTempDirectory("motionua-history-retention").resolve("history");
    try (HistoryStore s = HistoryStore.open(other)) {
      s.append(
          List.of(
              new Sample("x", T0 - 3 * DAY, 1, 0),
              new Sample("x", T0 - DAY, 2, 0),
              new Sample("x", T0, 3, 0)));
      s.commit();
      assertEquals(1, s.applyRetention(T0, 2, Long.MAX_VALUE));
      assertEquals(List.of(2.0, 3.0), values(s.read("x", 0, Long.MAX_VALUE, false, 0, 10)));
      assertEquals(1, s.applyRetention(T0, 2, 1), "by size: the oldest day goes, today stays");
      assertEquals(List.of(3.0), values(s.read("x", 0, Long.MAX_VALUE, false, 0, 10)));
    }
  }

  private static EventRecord event(String source, long time, long seq, int severity) {
    return new EventRecord(
        time,
        time + 5,
        seq,
        "00ff",
        "i=2041",
        source,
        source.toUpperCase(java.util.Locale.ROOT),
        "event " + seq,
        severity,
        seq % 2 == 0 ? source + "/Alarm" : null,
        seq % 2 == 0 ? "Alarm" : null,
        seq % 2 == 0 ? (byte) 1 : EventRecord.NONE,
        seq % 2 == 0 ? (byte) 0 : EventRecord.NONE,
        EventRecord.NONE,
        seq % 2 == 0 ? (byte) 1 : EventRecord.NONE,
        seq % 2 == 0 ? EventProperties.NONE : properties(seq));
  }

  private static String properties(long seq) {
    return "[{\"ns\":\"urn:motionua:types\",\"name\":\"FaultCode\",\"type\":\"UInt16\",\"value\":"
        + seq
        + "}]";
  }

  private static List<Long> seqs(List<EventRecord> events) {
    return events.stream().map(EventRecord::seq).toList();
  }

  @Test
  void eventsAreReadBySourceInTimeAndFiringOrderAndPageAfterTheLastOne() throws Exception {
    Path other = Files.createTempDirectory("motionua-history-events").resolve("history");
    try (HistoryStore s = HistoryStore.open(other)) {
      s.appendEvents(
          List.of(
              event("j1", T0, 1, 700),
              event("j2", T0, 2, 600),
              event("j1", T0, 3, 300), // same Time as seq 1: after it, as fired
              event("j1", T0 - DAY, 4, 100),
              event("j1", T0 + SEC, 5, 800)));
      s.commit();
      EventTable t = s.events();
      assertEquals(
          List.of(4L, 1L, 3L, 5L), seqs(t.read(List.of("j1"), 0, T0 + DAY, false, null, 10)));
      assertEquals(
          List.of(5L, 3L, 1L, 4L), seqs(t.read(List.of("j1"), 0, T0 + DAY, true, null, 10)));
      assertEquals(List.of(4L, 1L, 2L, 3L, 5L), seqs(t.read(null, 0, T0 + DAY, false, null, 10)));
      assertEquals(
          List.of(3L, 5L),
          seqs(t.read(List.of("j1"), 0, T0 + DAY, false, new EventTable.After(T0, 1), 10)));
      assertEquals(List.of(), t.read(List.of(), 0, T0 + DAY, false, null, 10));
      EventRecord alarm = t.read(List.of("j2"), 0, T0 + DAY, false, null, 1).get(0);
      assertEquals(event("j2", T0, 2, 600), alarm, "every field read back as written");
      EventRecord plain = t.read(List.of("j1"), T0 + SEC, T0 + DAY, false, null, 1).get(0);
      assertEquals(event("j1", T0 + SEC, 5, 800), plain, "a plain event: no condition fields");
      assertEquals(1, s.applyRetention(T0, 0, Long.MAX_VALUE), "the day before goes");
      assertEquals(List.of(1L, 2L, 3L, 5L), seqs(t.read(null, 0, T0 + DAY, false, null, 10)));
    }
  }

  @Test
  void aStoreMadeBeforeTheEventsOwnPropertiesGetsTheirColumnAndKeepsItsEvents() throws Exception {
    Path other = Files.createTempDirectory("motionua-history-old").resolve("history");
    Files.createDirectories(other);
    // The events table as stores made before session 12 have it, with one event.
    try (CairoEngine engine = new CairoEngine(new DefaultCairoConfiguration(other.toString()));
        var ctx =
            new SqlExecutionContextImpl(engine, 1).with(AllowAllSecurityContext.INSTANCE, null)) {
      engine.execute(
          "create table events (source symbol, event_type symbol, condition symbol, seq long,"
              + " receive_ts timestamp, event_id string, source_name string, message string,"
              + " condition_name string, severity int, active byte, acked byte, confirmed byte,"
              + " retain byte, ts timestamp) timestamp(ts) partition by day bypass wal",
          ctx);
      engine.execute(
          "insert into events values ('j1', 'i=2041', null, 2, "
              + T0
              + ", '00ff', 'J1', 'event 2', null, 600, -1, -1, -1, -1, "
              + T0
              + ")",
          ctx);
    }
    try (HistoryStore s = HistoryStore.open(other)) {
      s.appendEvents(List.of(event("j1", T0 + SEC, 3, 700)));
      s.commit();
      List<EventRecord> read = s.events().read(List.of("j1"), 0, T0 + DAY, false, null, 10);
      assertEquals(List.of(2L, 3L), seqs(read), "the old event kept, the new one added");
      assertEquals(EventProperties.NONE, read.get(0).properties());
      assertEquals("event 2", read.get(0).message());
      assertEquals(properties(3), read.get(1).properties(), "read back as written");
    }
  }

  private static final long HOUR = 3_600 * SEC;

  /** Makes the table of the layout before session 14, with {@code rows} values of node "d". */
  private static Path rowLayoutStore(String name, int rows) throws Exception {
    Path other = Files.createTempDirectory(name).resolve("history");
    Files.createDirectories(other);
    try (CairoEngine engine = new CairoEngine(new DefaultCairoConfiguration(other.toString()));
        var ctx =
            new SqlExecutionContextImpl(engine, 1).with(AllowAllSecurityContext.INSTANCE, null)) {
      engine.execute(
          "create table samples (node symbol capacity 4096 cache, value double, status int,"
              + " ts timestamp) timestamp(ts) partition by day bypass wal",
          ctx);
      StringBuilder values = new StringBuilder();
      for (int i = 0; i < rows; i++) {
        values
            .append(i == 0 ? "" : ", ")
            .append("('d', ")
            .append(i * 1.25)
            .append(", ")
            .append(i == 2 ? (int) StatusCodes.Bad_NoCommunication : 0)
            .append(", ")
            .append(T0 - DAY + i * HOUR)
            .append(")");
      }
      engine.execute("insert into samples values " + values, ctx);
    }
    return other;
  }

  @Test
  void aStoreOfTheRowLayoutHasItsValuesMovedIntoBlocksWhenItOpens() throws Exception {
    Path other = rowLayoutStore("motionua-history-rows", 30);
    try (HistoryStore s = HistoryStore.open(other)) {
      s.append(List.of(new Sample("d", T0 + DAY, 99, StatusCodes.Good)));
      s.commit();
      List<Sample> all = s.read("d", 0, Long.MAX_VALUE, false, 0, 100);
      assertEquals(31, all.size());
      assertEquals(2.5, all.get(2).value());
      assertEquals(StatusCodes.Bad_NoCommunication, all.get(2).status(), "the status kept");
      assertEquals(T0 - DAY + 29 * HOUR, all.get(29).timeMicros());
      assertEquals(99.0, all.get(30).value());
    }
    try (HistoryStore s = HistoryStore.open(other)) {
      assertEquals(31, s.read("d", 0, Long.MAX_VALUE, false, 0, 100).size(), "moved once only");
      assertTrue(Files.notExists(other.resolve(HistoryStore.ROWS_TABLE)), "the old table dropped");
    }
  }

  @Test
  void aMoveCutShortGoesOnAfterTheNewestTimeInBlocks() throws Exception {
    Path other = rowLayoutStore("motionua-history-cut", 10);
    // As a move that committed the first four values and was then killed leaves the store.
    try (CairoEngine engine = new CairoEngine(new DefaultCairoConfiguration(other.toString()));
        var ctx =
            new SqlExecutionContextImpl(engine, 1).with(AllowAllSecurityContext.INSTANCE, null)) {
      engine.execute(HistoryStore.CREATE_BLOCKS, ctx);
      try (var writer = engine.getWriter(engine.verifyTableName(HistoryStore.TABLE), "test")) {
        BlockAppender appender = new BlockAppender(writer);
        for (int i = 0; i < 4; i++) {
          appender.append(
              "d",
              T0 - DAY + i * HOUR,
              i * 1.25,
              i == 2 ? StatusCodes.Bad_NoCommunication : StatusCodes.Good);
        }
        appender.writeAll();
        writer.commit();
      }
    }
    try (HistoryStore s = HistoryStore.open(other)) {
      List<Sample> all = s.read("d", 0, Long.MAX_VALUE, false, 0, 100);
      assertEquals(
          List.of(0.0, 1.25, 2.5, 3.75, 5.0, 6.25, 7.5, 8.75, 10.0, 11.25),
          values(all),
          "each value once, none lost");
    }
  }

  @Test
  void aDamagedBlockIsReportedAndTheOtherValuesStillRead() throws Exception {
    Path other = Files.createTempDirectory("motionua-history-damaged").resolve("history");
    try (HistoryStore s = HistoryStore.open(other)) {
      for (int i = 0; i < 100; i++) {
        s.append(List.of(new Sample("hit", T0 + i * 10_000L, Math.sin(i), StatusCodes.Good)));
      }
      s.commit();
      s.append(List.of(new Sample("spared", T0 + 5 * SEC, 7, StatusCodes.Good)));
      s.commit();
    }
    // One byte in the middle of the first block's encoding (the column file of the data).
    Path data;
    try (var files = Files.walk(other.resolve(HistoryStore.TABLE))) {
      data =
          files.filter(p -> p.getFileName().toString().equals("data.d")).findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(data);
    bytes[8 + 400] ^= 0x10; // past the first row's 8-byte length
    Files.write(data, bytes);
    try (HistoryStore s = HistoryStore.open(other)) {
      CorruptBlockException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              CorruptBlockException.class, () -> s.read("hit", 0, Long.MAX_VALUE, false, 0, 10));
      assertTrue(e.getMessage().contains("block of hit starting at " + T0), e.getMessage());
      assertEquals(List.of(7.0), values(s.read("spared", 0, Long.MAX_VALUE, false, 0, 10)));
    }
  }

  @Test
  void aTimeAverageEndingBetweenTwoValuesEndsOnTheLineToTheNextOne() throws Exception {
    Path other = Files.createTempDirectory("motionua-history-ramp").resolve("history");
    try (HistoryStore s = HistoryStore.open(other)) {
      s.append(
          List.of(
              new Sample("ramp", T0, 0, StatusCodes.Good),
              new Sample("ramp", T0 + 10 * SEC, 10, StatusCodes.Good)));
      s.commit();
      RecordedVariable ramp =
          new RecordedVariable(
              org.eclipse.milo.opcua.stack.core.types.builtin.NodeId.NULL_VALUE,
              "ramp",
              ValueType.DOUBLE,
              0,
              10_000);
      // [T0, T0 + 5 s): the line from 0 to 10 over 10 s is at 5 at the end: average 2.5, Good,
      // because the store hands over the value after the read's end.
      var average =
          HistoryProcessedRead.compute(
                  s, ramp, HistoryProcessedRead.Aggregate.TIME_AVERAGE, T0, T0 + 5 * SEC, 5 * SEC)
              .get(0);
      assertEquals(2.5, (Double) average.value().value(), 1e-9);
      assertTrue(average.statusCode().isGood(), average.statusCode().toString());
    }
  }

  @Test
  void compiledQueriesServeConcurrentReadersEachItsOwnAnswer() throws Exception {
    var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<Boolean>> answers = new java.util.ArrayList<>();
      for (int i = 0; i < 400; i++) {
        int k = i;
        answers.add(
            pool.submit(
                () -> {
                  // Alternating nodes, ranges and directions on the same few compiled queries.
                  boolean a = k % 2 == 0;
                  List<Double> got =
                      values(store.read(a ? "a" : "b", T0, T0 + 10 * SEC, k % 3 == 0, 0, 100));
                  List<Double> expected =
                      a
                          ? (k % 3 == 0 ? List.of(4.0, 3.0, 2.5) : List.of(2.5, 3.0, 4.0))
                          : List.of(99.0);
                  return got.equals(expected)
                      && values(store.atOrBefore("a", T0 - 1)).equals(List.of(2.0));
                }));
      }
      for (var answer : answers) {
        assertTrue(answer.get(30, java.util.concurrent.TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
