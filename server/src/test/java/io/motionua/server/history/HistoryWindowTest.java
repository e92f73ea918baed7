package io.motionua.server.history;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.junit.jupiter.api.Test;

/** Which rows and which way a raw or event HistoryRead's StartTime and EndTime select. */
class HistoryWindowTest {

  private static final DateTime T1 = new DateTime(Instant.parse("2026-12-06T10:00:00Z"));
  private static final DateTime T2 = new DateTime(Instant.parse("2026-12-06T10:00:01Z"));
  private static final long M1 = HistoryRawRead.micros(T1);
  private static final long M2 = HistoryRawRead.micros(T2);

  @Test
  void startBeforeEndReadsForwardFromStartUpToEnd() throws Exception {
    HistoryWindow w = HistoryWindow.of(T1, T2, uint(0), 100, false);
    assertFalse(w.newestFirst());
    assertEquals(M1, w.from());
    assertEquals(M2, w.to());
    assertEquals(100, w.pageSize(), "NumValuesPerNode 0: the largest page");
  }

  @Test
  void endBeforeStartReadsNewestFirstWithStartIncluded() throws Exception {
    HistoryWindow w = HistoryWindow.of(T2, T1, uint(5), 100, false);
    assertTrue(w.newestFirst());
    assertEquals(M1 + 1, w.from());
    assertEquals(M2 + 1, w.to());
    assertEquals(5, w.pageSize());
  }

  @Test
  void noStartReadsNewestFirstUpToEndWhenAPageSizeIsGiven() throws Exception {
    HistoryWindow w = HistoryWindow.of(DateTime.NULL_VALUE, T2, uint(3), 100, false);
    assertTrue(w.newestFirst());
    assertFalse(w.hasStart());
    assertEquals(0, w.from());
    assertEquals(M2 + 1, w.to());
    assertEquals(3, w.pageSize());
    assertEquals(100, HistoryWindow.of(T1, null, uint(1000), 100, false).pageSize(), "capped");
  }

  @Test
  void equalTimesReadThatInstantForEventsAndNothingForRawValues() throws Exception {
    HistoryWindow events = HistoryWindow.of(T1, T1, uint(0), 100, true);
    assertEquals(M1, events.from());
    assertEquals(M1 + 1, events.to());
    HistoryWindow raw = HistoryWindow.of(T1, T1, uint(0), 100, false);
    assertEquals(raw.from(), raw.to(), "an empty range: the bounds carry the value");
  }

  @Test
  void aMissingTimeWithoutAPageSizeOrBothMissingIsRefused() {
    assertThrows(
        HistoryRawRead.Refusal.class,
        () -> HistoryWindow.of(DateTime.NULL_VALUE, DateTime.NULL_VALUE, uint(10), 100, false));
    assertThrows(
        HistoryRawRead.Refusal.class, () -> HistoryWindow.of(T1, null, uint(0), 100, false));
    assertThrows(
        HistoryRawRead.Refusal.class,
        () -> HistoryWindow.of(DateTime.NULL_VALUE, T2, null, 100, true));
  }
}
