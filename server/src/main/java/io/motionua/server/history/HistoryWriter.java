package io.motionua.server.history;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes history ({@code history-writer}). Link threads hand samples to {@link
 * #offer}, which never waits: a full queue drops the sample and counts it. The thread opens the
 * store (seconds, so the server's start does not wait for it), then writes in batches and commits
 * at least once per {@link #COMMIT_MS}, so a crash loses at most about the last half second (the
 * issue allows a second: the margin is for a writer thread that waits for a core). Events ({@link
 * #offerEvent}) have a queue of their own, bounded and counted the same way, written by the same
 * thread.
 */
public final class HistoryWriter implements AutoCloseable {

  private static final Logger logger = LoggerFactory.getLogger(HistoryWriter.class);

  /**
   * Commit at least this often; each commit also writes each variable's values since the last as
   * one block (docs/history.md), so a shorter interval costs disk: about 10 bytes a value at 500 ms
   * against 9.7 at a second (docs/benchmarks.md).
   */
  public static final long COMMIT_MS = 500;

  /** How often retention looks at the store's age and size. */
  static final long RETENTION_MS = 60_000;

  /** Samples taken per batch from the queue. */
  static final int BATCH = 8192;

  /** How long closing waits for the thread to write what is queued and close the store. */
  static final long CLOSE_WAIT_MS = 15_000;

  /** Opens the store on the writer thread. */
  interface StoreOpener {
    HistoryStore open() throws Exception;
  }

  /** Events the event queue holds. */
  static final int EVENT_QUEUE_CAPACITY = 4096;

  private final BlockingQueue<Sample> queue;
  private final BlockingQueue<EventRecord> events;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong eventsDropped = new AtomicLong();
  private final AtomicLong eventsWritten = new AtomicLong();
  private final AtomicLong written = new AtomicLong();
  private final StoreOpener opener;
  private final Retention retention;
  private final Clock clock;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile HistoryStore store;
  private volatile boolean failed;
  private volatile HistoryTee tee;
  private long droppedLogged;
  private long eventsDroppedLogged;

  /** Retention settings: days and bytes. */
  record Retention(int maxAgeDays, long maxBytes) {}

  HistoryWriter(int capacity, StoreOpener opener, Retention retention, Clock clock) {
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.events = new ArrayBlockingQueue<>(Math.min(capacity, EVENT_QUEUE_CAPACITY));
    this.opener = opener;
    this.retention = retention;
    this.clock = clock;
    this.thread = new Thread(this::run, "history-writer");
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Hands every sample and event offered from now on also to {@code tee} (null: none). */
  public void tee(HistoryTee tee) {
    this.tee = tee;
  }

  /** Queues a sample without waiting; false (and counted) when the queue is full. */
  public boolean offer(Sample sample) {
    HistoryTee t = tee;
    if (t != null) {
      t.sample(sample);
    }
    if (queue.offer(sample)) {
      return true;
    }
    dropped.incrementAndGet();
    return false;
  }

  /** Queues an event without waiting; false (and counted) when the event queue is full. */
  public boolean offerEvent(EventRecord event) {
    HistoryTee t = tee;
    if (t != null) {
      t.event(event);
    }
    if (events.offer(event)) {
      return true;
    }
    eventsDropped.incrementAndGet();
    return false;
  }

  /** Events dropped because their queue was full (or the store failed) since start. */
  public long eventsDropped() {
    return eventsDropped.get();
  }

  /** Events written to the store since start. */
  public long eventsWritten() {
    return eventsWritten.get();
  }

  /** Samples dropped because the queue was full (or the store failed) since start. */
  public long dropped() {
    return dropped.get();
  }

  /** Samples written to the store since start. */
  public long written() {
    return written.get();
  }

  /** Samples waiting in the queue. */
  public int queued() {
    return queue.size();
  }

  /** Events waiting in the event queue. */
  public int eventsQueued() {
    return events.size();
  }

  /** The store, once the thread opened it; null before and when it could not be opened. */
  public HistoryStore store() {
    return store;
  }

  /** Whether the store could not be opened or written (recording stopped; see the log). */
  public boolean failed() {
    return failed;
  }

  private void run() {
    long t0 = System.nanoTime();
    try {
      store = opener.open();
    } catch (Exception e) {
      failed = true;
      logger.error("history store could not be opened: {}; nothing is recorded", e.toString());
      queue.clear();
      events.clear();
      return;
    }
    logger.info("history store open in {} ms", (System.nanoTime() - t0) / 1_000_000);
    List<Sample> batch = new ArrayList<>(BATCH);
    List<EventRecord> eventBatch = new ArrayList<>();
    long lastCommit = clock.millis();
    long lastRetention = Long.MIN_VALUE / 2;
    try {
      while (running || !queue.isEmpty() || !events.isEmpty()) {
        Sample first = queue.poll(events.isEmpty() ? 100 : 0, TimeUnit.MILLISECONDS);
        if (first != null) {
          batch.add(first);
          queue.drainTo(batch, BATCH - 1);
          store.append(batch);
          written.addAndGet(batch.size());
          batch.clear();
        }
        if (events.drainTo(eventBatch, BATCH) > 0) {
          store.appendEvents(eventBatch);
          eventsWritten.addAndGet(eventBatch.size());
          eventBatch.clear();
        }
        long now = clock.millis();
        if (now - lastCommit >= COMMIT_MS || !running) {
          store.commit();
          lastCommit = now;
          reportDrops();
        }
        if (now - lastRetention >= RETENTION_MS) {
          lastRetention = now;
          int partitions =
              store.applyRetention(now * 1000, retention.maxAgeDays(), retention.maxBytes());
          if (partitions > 0) {
            logger.info("history retention dropped {} partition(s)", partitions);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      failed = true;
      logger.error("history writing stopped: {}", e.toString());
    } finally {
      try {
        store.close();
      } catch (RuntimeException e) {
        logger.warn("closing the history store failed: {}", e.toString());
      }
    }
  }

  private void reportDrops() {
    long now = dropped.get();
    if (now != droppedLogged) {
      logger.warn("history queue full: {} sample(s) dropped so far", now);
      droppedLogged = now;
    }
    long events = eventsDropped.get();
    if (events != eventsDroppedLogged) {
      logger.warn("history event queue full: {} event(s) dropped so far", events);
      eventsDroppedLogged = events;
    }
  }

  /** Writes what is queued, commits and closes the store; waits at most {@link #CLOSE_WAIT_MS}. */
  @Override
  public void close() throws InterruptedException {
    running = false;
    if (thread.isAlive()) {
      // While the store is still opening there is nothing to flush yet: do not hold up shutdown.
      thread.join(store == null ? 200 : CLOSE_WAIT_MS);
      if (thread.isAlive()) {
        logger.warn("history writer did not stop within {} ms", CLOSE_WAIT_MS);
      }
    }
  }

  @Override
  public String toString() {
    return "history writer";
  }
}
