package io.motionua.server.axis;

import io.motionua.server.drain.PeriodicDrain;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One INFO line per discrete move when it ends (axis, command, target, duration, result), written
 * on the log's own thread ({@code move-log}): the link thread that sees the end only queues the
 * outcome, without waking that thread ({@link PeriodicDrain}), so neither a link nor a method call
 * waits for the log's appenders. When the queue is full the line is dropped and counted; the next
 * line written says how many were lost.
 */
public final class MoveLog implements Consumer<MoveOutcome>, AutoCloseable {

  private static final Logger logger = LoggerFactory.getLogger(MoveLog.class);

  /** Outcomes waiting at most. */
  static final int QUEUE = 1024;

  /** How often the log's thread writes what is queued: a line waits at most this long. */
  static final Duration PERIOD = Duration.ofMillis(50);

  private final PeriodicDrain<MoveOutcome> drain;
  private final AtomicLong dropped = new AtomicLong();
  private long reported;

  public MoveLog() {
    this.drain = new PeriodicDrain<>("move-log", QUEUE, PERIOD, this::write);
  }

  /** Queues a move's outcome (any thread, never waits). */
  @Override
  public void accept(MoveOutcome outcome) {
    if (!drain.offer(outcome)) {
      dropped.incrementAndGet();
    }
  }

  /** Outcomes lost because the queue was full or the log closed. */
  public long dropped() {
    return dropped.get();
  }

  private void write(MoveOutcome outcome) {
    long lost = dropped.get();
    if (lost != reported) {
      logger.warn("{} move line(s) dropped (queue full)", lost - reported);
      reported = lost;
    }
    logger.info("{}", outcome.line());
  }

  /** Writes what is queued (at most two seconds) and stops the thread. */
  @Override
  public void close() {
    drain.close();
  }

  @Override
  public String toString() {
    return "MoveLog";
  }
}
