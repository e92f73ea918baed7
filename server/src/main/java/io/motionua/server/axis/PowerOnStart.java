package io.motionua.server.axis;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code enableOnStart}: powers an axis once its drive answers, however late that is (a cabinet
 * whose drives boot after the PC). Each try waits for the drive for the current backoff (1 s,
 * doubling to 30 s), then runs the power-on sequence. The reason it waits is logged once per change
 * and handed to {@code notice} (the drive's LastError). A drive that answers but refuses to power
 * (a fault) ends the tries: powering it later is the operator's decision, after a Reset.
 */
public final class PowerOnStart implements AutoCloseable {

  private static final Logger logger = LoggerFactory.getLogger(PowerOnStart.class);

  static final Duration FIRST_WAIT = Duration.ofSeconds(1);
  static final Duration LONGEST_WAIT = Duration.ofSeconds(30);

  private final AxisController axis;
  private final String link;
  private final ScheduledExecutorService timers;
  private final Consumer<String> notice;
  private final Duration first;
  private final Duration longest;
  private volatile boolean closed;
  private String lastReason;

  /**
   * @param link the drive's link, for messages
   * @param notice gets the reason while it waits ("" once powered)
   */
  public PowerOnStart(
      AxisController axis, String link, ScheduledExecutorService timers, Consumer<String> notice) {
    this(axis, link, timers, notice, FIRST_WAIT, LONGEST_WAIT);
  }

  PowerOnStart(
      AxisController axis,
      String link,
      ScheduledExecutorService timers,
      Consumer<String> notice,
      Duration first,
      Duration longest) {
    this.axis = axis;
    this.link = link;
    this.timers = timers;
    this.notice = notice;
    this.first = first;
    this.longest = longest;
  }

  public void start() {
    attempt(first);
  }

  private void attempt(Duration wait) {
    if (closed) {
      return;
    }
    axis.online(wait)
        .thenCompose(v -> axis.power(true))
        .whenComplete(
            (v, e) -> {
              if (closed) {
                return;
              }
              if (e == null) {
                logger.info("axis {}: powered", axis.name());
                lastReason = null;
                notice.accept("");
                return;
              }
              String reason = reason(e);
              notice.accept(reason);
              if (!noAnswer(e)) {
                logger.warn("axis {}: power on start failed: {}", axis.name(), reason);
                return;
              }
              Duration doubled = wait.multipliedBy(2);
              Duration next = doubled.compareTo(longest) > 0 ? longest : doubled;
              if (!Objects.equals(reason, lastReason)) {
                logger.warn(
                    "axis {}: {} (trying again, waits up to {} s)",
                    axis.name(),
                    reason,
                    longest.toSeconds());
                lastReason = reason;
              }
              // The try waited for the drive already: the next starts at once, waiting longer.
              try {
                timers.execute(() -> attempt(next));
              } catch (RejectedExecutionException stopped) {
                // the server is stopping
              }
            });
  }

  private String reason(Throwable e) {
    if (noAnswer(e)) {
      return "waiting for drive %s on link %s: no answer".formatted(axis.device(), link);
    }
    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    return "drive %s on link %s answered but did not power: %s"
        .formatted(axis.device(), link, cause.getMessage());
  }

  private static boolean noAnswer(Throwable e) {
    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    return cause instanceof UaException ua
        && ua.getStatusCode().getValue() == StatusCodes.Bad_NoCommunication;
  }

  /** Stops trying (the server stops). */
  @Override
  public void close() {
    closed = true;
  }
}
