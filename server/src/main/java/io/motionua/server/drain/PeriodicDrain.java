package io.motionua.server.drain;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded queue emptied by its own thread once per period. Offering an item never wakes that
 * thread: a thread on a latency path (Milo's, answering a method call; a link's, between two
 * transactions) hands work off for the cost of a queue insert, without a futex wake and the
 * scheduling it brings on a busy machine. An item waits at most one period; when the queue is full,
 * {@link #offer} refuses at once and the caller counts the loss.
 *
 * @param <T> what is queued
 */
public final class PeriodicDrain<T> implements AutoCloseable {

  private static final Logger logger = LoggerFactory.getLogger(PeriodicDrain.class);

  /** How long {@link #close()} waits for the thread to hand out what is queued. */
  private static final long CLOSE_WAIT_MILLIS = 2000;

  private final ArrayBlockingQueue<T> queue;
  private final Consumer<T> sink;
  private final long periodNanos;
  private final Thread thread;
  private volatile boolean closing;

  /**
   * Starts the thread.
   *
   * @param threadName the thread's name, after what it serves ({@code audit-log})
   * @param capacity items waiting at most
   * @param period how often the thread empties the queue
   * @param sink takes each item, in order, on the thread; an exception is logged and the next item
   *     goes on
   */
  public PeriodicDrain(String threadName, int capacity, Duration period, Consumer<T> sink) {
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.sink = sink;
    this.periodNanos = period.toNanos();
    this.thread = new Thread(this::run, threadName);
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Queues an item without waiting; false when the queue is full or closed. */
  public boolean offer(T item) {
    return !closing && queue.offer(item);
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return closing;
  }

  private void run() {
    while (!closing) {
      LockSupport.parkNanos(this, periodNanos);
      drain();
    }
    drain();
  }

  /** One item at a time: an item in hand is not in the queue, as with an executor's worker. */
  private void drain() {
    T item;
    while ((item = queue.poll()) != null) {
      try {
        sink.accept(item);
      } catch (RuntimeException e) {
        logger.warn("{}: an item failed: {}", thread.getName(), e.toString());
      }
    }
  }

  /** Hands out what is queued, waiting at most two seconds, and stops the thread. */
  @Override
  public void close() {
    closing = true;
    LockSupport.unpark(thread);
    try {
      thread.join(CLOSE_WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      logger.warn(
          "{}: {} item(s) still queued after {} ms",
          thread.getName(),
          queue.size(),
          CLOSE_WAIT_MILLIS);
    }
  }

  @Override
  public String toString() {
    return "PeriodicDrain[" + thread.getName() + "]";
  }
}
