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
   * one block (docs/history.md), so a shorter interval costs disk: 10.2 bytes a value at 500 ms
   * against 9.7 at a second (docs/benchmarks.md).
   */
  public static final long COMMIT_MS = 500;

  /** How often retention looks at the store's age and size. */
  static final long RETENTION_MS = 60_000;

  /** While the store cannot be written (a full disk), it is tried again this often. */
  static final long RETRY_MS = 5_000;

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
  private volatile boolean writing;
  private long uncommitted;
  private long uncommittedEvents;
  private long outageSince;
  private long droppedAtOutage;
  private long eventsDroppedAtOutage;
  // Of the drops, those while the store could not be written (writer thread only).
  private long outageDrops;
  private long outageEventDrops;
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

  /** Samples written to the store and committed since start. */
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

  /**
   * Whether the store could not be opened for another reason than a full disk (recording stopped;
   * see the log). A full disk, at opening or later, is waited out instead ({@link #writing()}).
   */
  public boolean failed() {
    return failed;
  }

  /** Whether the store is open and takes writes (false while opening, in an outage, failed). */
  public boolean writing() {
    return writing;
  }

  private void run() {
    long t0 = System.nanoTime();
    store = openStore();
    if (store == null) {
      queue.clear();
      events.clear();
      return;
    }
    logger.info("history store open in {} ms", (System.nanoTime() - t0) / 1_000_000);
    writing = true;
    long lastCommit = clock.millis();
    long lastRetention = Long.MIN_VALUE / 2;
    try {
      while (running || !queue.isEmpty() || !events.isEmpty()) {
        try {
          appendQueued();
          long now = clock.millis();
          if (now - lastCommit >= COMMIT_MS || !running) {
            store.commit();
            committed();
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
        } catch (InterruptedException e) {
          throw e;
        } catch (Exception | io.questdb.cairo.CairoError e) {
          if (!waitUntilWritable(e)) {
            break;
          }
          lastCommit = clock.millis();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      writing = false;
      try {
        store.close();
      } catch (RuntimeException | io.questdb.cairo.CairoError e) {
        logger.warn("closing the history store failed: {}", e.toString());
      }
    }
  }

  /**
   * Opens the store; while its disk is full, drops (and counts) what arrives and tries again every
   * {@link #RETRY_MS}. Null when it cannot be opened for another reason (recording stops, {@link
   * #failed()}) or the writer is closed meanwhile.
   */
  private HistoryStore openStore() {
    boolean logged = false;
    while (true) {
      try {
        return opener.open();
      } catch (Exception e) {
        if (!DiskFull.is(e)) {
          failed = true;
          logger.error("history store could not be opened: {}; nothing is recorded", e.toString());
          return null;
        }
        if (!logged) {
          logger.error(
              "{}; values and events are dropped (and counted) and opening is tried again every"
                  + " {} s",
              e.getMessage(),
              RETRY_MS / 1000);
          logged = true;
        }
        try {
          if (!dropQueuedFor(RETRY_MS)) {
            return null;
          }
        } catch (InterruptedException i) {
          Thread.currentThread().interrupt();
          return null;
        }
      }
    }
  }

  private final List<Sample> batch = new ArrayList<>(BATCH);
  private final List<EventRecord> eventBatch = new ArrayList<>();

  /** Takes what is queued (waiting up to 100 ms for the first value) and appends it. */
  private void appendQueued() throws InterruptedException {
    Sample first = queue.poll(events.isEmpty() ? 100 : 0, TimeUnit.MILLISECONDS);
    if (first != null) {
      batch.add(first);
      queue.drainTo(batch, BATCH - 1);
      uncommitted += batch.size();
      store.append(batch);
      batch.clear();
    }
    if (events.drainTo(eventBatch, BATCH) > 0) {
      uncommittedEvents += eventBatch.size();
      store.appendEvents(eventBatch);
      eventBatch.clear();
    }
  }

  /**
   * A commit went through: what was appended is written; and an outage is over once a commit wrote
   * something (an empty one proves nothing about the disk).
   */
  private void committed() {
    boolean wrote = uncommitted + uncommittedEvents > 0;
    written.addAndGet(uncommitted);
    eventsWritten.addAndGet(uncommittedEvents);
    uncommitted = 0;
    uncommittedEvents = 0;
    if (outageSince != 0 && wrote) {
      logger.warn(
          "history writing resumed after {} s; {} value(s) and {} event(s) were dropped meanwhile",
          (clock.millis() - outageSince) / 1000,
          outageDrops - droppedAtOutage,
          outageEventDrops - eventsDroppedAtOutage);
      outageSince = 0;
    }
  }

  /** Counts values and events dropped because the store cannot be written. */
  private void dropOutage(long values, long eventCount) {
    dropped.addAndGet(values);
    eventsDropped.addAndGet(eventCount);
    outageDrops += values;
    outageEventDrops += eventCount;
  }

  /**
   * A write to the store failed: what was appended since the last commit is lost (counted as
   * dropped); from now on, what arrives is dropped and counted, and the writers are reopened every
   * {@link #RETRY_MS} until that works (a full disk with room again). The store stays open for
   * reads. Logged once per outage, and when writing resumes.
   *
   * @return false when the writer was closed meanwhile
   */
  private boolean waitUntilWritable(Throwable e) throws InterruptedException {
    writing = false;
    dropOutage(uncommitted + batch.size(), uncommittedEvents + eventBatch.size());
    uncommitted = 0;
    uncommittedEvents = 0;
    batch.clear();
    eventBatch.clear();
    if (outageSince == 0) {
      outageSince = clock.millis();
      droppedAtOutage = outageDrops;
      eventsDroppedAtOutage = outageEventDrops;
      logger.error(
          "history writing failed{}: {}; values and events are dropped (and counted) until the"
              + " store takes writes again, tried every {} s; what is recorded can still be read",
          DiskFull.is(e) ? " (the disk is full)" : "",
          e.getMessage(),
          RETRY_MS / 1000);
    } else {
      logger.debug("history writing failed again: {}", e.toString());
    }
    while (true) {
      if (!dropQueuedFor(RETRY_MS)) {
        return false;
      }
      try {
        store.reopenWriters();
        writing = true;
        return true;
      } catch (RuntimeException | io.questdb.cairo.CairoError again) {
        logger.debug("history writers cannot be reopened yet: {}", again.toString());
      }
    }
  }

  /**
   * Drops (and counts) what arrives for {@code ms}, so that the queues stay short while nothing can
   * be written.
   *
   * @return false when the writer is closed meanwhile
   */
  private boolean dropQueuedFor(long ms) throws InterruptedException {
    long until = System.nanoTime() + ms * 1_000_000;
    while (running) {
      long left = until - System.nanoTime();
      if (left <= 0) {
        return true;
      }
      int first = queue.poll(Math.min(left, 100_000_000L), TimeUnit.NANOSECONDS) != null ? 1 : 0;
      dropOutage(first + queue.drainTo(batch), events.drainTo(eventBatch));
      batch.clear();
      eventBatch.clear();
    }
    return false;
  }

  /** Logs what a full queue dropped since the last time (an outage's drops are logged apart). */
  private void reportDrops() {
    long now = dropped.get() - outageDrops;
    if (now != droppedLogged) {
      logger.warn("history queue full: {} sample(s) dropped so far", now);
      droppedLogged = now;
    }
    long events = eventsDropped.get() - outageEventDrops;
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
