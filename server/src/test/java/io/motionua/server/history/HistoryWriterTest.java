package io.motionua.server.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import org.junit.jupiter.api.Test;

class HistoryWriterTest {

  private static HistoryWriter unstarted(int capacity) {
    return new HistoryWriter(
        capacity,
        () -> {
          throw new IllegalStateException("not opened in this test");
        },
        new HistoryWriter.Retention(1, 1 << 20),
        Clock.systemUTC());
  }

  @Test
  void aFullQueueDropsAndCountsInsteadOfWaiting() {
    HistoryWriter writer = unstarted(3);
    long t0 = System.nanoTime();
    for (int i = 0; i < 5; i++) {
      boolean queued = writer.offer(new Sample("n", i, i, 0));
      assertEquals(i < 3, queued, "sample " + i);
    }
    assertTrue(System.nanoTime() - t0 < 1_000_000_000L, "offer never waits");
    assertEquals(2, writer.dropped());
    assertEquals(3, writer.queued());
  }

  @Test
  void aStoreThatCannotOpenStopsRecordingAndSaysSo() throws Exception {
    HistoryWriter writer = unstarted(10);
    writer.offer(new Sample("n", 1, 1, 0));
    writer.start();
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!writer.failed() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertTrue(writer.failed());
    assertNull(writer.store());
    writer.close();
    assertFalse(writer.queued() > 0, "what was queued is let go, not kept in memory");
  }

  @Test
  void aFullEventQueueDropsAndCountsInsteadOfWaiting() {
    HistoryWriter writer = unstarted(HistoryWriter.EVENT_QUEUE_CAPACITY * 4);
    EventRecord e =
        new EventRecord(
            1,
            1,
            1,
            "00",
            "i=2041",
            "n",
            "N",
            "m",
            100,
            null,
            null,
            EventRecord.NONE,
            EventRecord.NONE,
            EventRecord.NONE,
            EventRecord.NONE,
            EventProperties.NONE);
    long t0 = System.nanoTime();
    int queued = 0;
    for (int i = 0; i < HistoryWriter.EVENT_QUEUE_CAPACITY + 5; i++) {
      queued += writer.offerEvent(e) ? 1 : 0;
    }
    assertTrue(System.nanoTime() - t0 < 1_000_000_000L, "offerEvent never waits");
    assertEquals(HistoryWriter.EVENT_QUEUE_CAPACITY, queued);
    assertEquals(5, writer.eventsDropped());
    assertEquals(0, writer.dropped(), "values are counted apart");
  }
}
