package io.motionua.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.sse.SseClient;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live updates of the status page: Server-Sent Events, one {@code status} event per period to
 * every open page. Each update is taken and encoded once, whatever the number of pages, on the
 * feed's own thread ({@code http-status-feed}); nothing is taken while no page is open. At most
 * {@link #MAX_CLIENTS} pages at once; a page whose session has ended is closed at the next update
 * (the browser then goes back to the login page).
 */
final class StatusFeed implements AutoCloseable {

  private static final Logger logger = LoggerFactory.getLogger(StatusFeed.class);

  /** Open status pages at most; a further one is refused (HTTP 503). */
  static final int MAX_CLIENTS = 8;

  /** How often an update goes out. */
  static final long PERIOD_MS = 500;

  /** Reuse of the last encoded status by {@code GET /api/status}, to keep pollers cheap. */
  private static final long FRESH_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

  private record Client(SseClient sse, String token) {}

  private final ObjectMapper json = new ObjectMapper();
  private final StatusBuilder builder;
  private final Predicate<String> sessionAlive;
  private final CopyOnWriteArrayList<Client> clients = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService timer;
  private String lastJson;
  private long lastTaken;
  private boolean closed;

  /**
   * @param sessionAlive whether the session of a token still exists
   */
  StatusFeed(StatusBuilder builder, Predicate<String> sessionAlive) {
    this.builder = builder;
    this.sessionAlive = sessionAlive;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "http-status-feed");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(this::publish, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
  }

  /** Adds a page's event stream, or answers 503 when {@link #MAX_CLIENTS} are open already. */
  synchronized boolean add(SseClient sse, String token) {
    if (closed || clients.size() >= MAX_CLIENTS) {
      return false;
    }
    Client client = new Client(sse, token);
    clients.add(client);
    sse.onClose(() -> clients.remove(client));
    sse.keepAlive();
    sse.sendEvent("status", current());
    return true;
  }

  /** The status as JSON: the last one taken if it is fresh, else a new one. */
  synchronized String current() {
    if (lastJson == null || System.nanoTime() - lastTaken > FRESH_NANOS) {
      try {
        lastJson = json.writeValueAsString(builder.build());
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("the status cannot be encoded", e);
      }
      lastTaken = System.nanoTime();
    }
    return lastJson;
  }

  private void publish() {
    try {
      if (clients.isEmpty()) {
        return;
      }
      String status = current();
      for (Client client : clients) {
        if (client.sse().terminated()) {
          clients.remove(client);
        } else if (!sessionAlive.test(client.token())) {
          client.sse().sendEvent("ended", "session ended");
          client.sse().close();
          clients.remove(client);
        } else {
          client.sse().sendEvent("status", status);
        }
      }
    } catch (RuntimeException e) {
      logger.warn("status update failed: {}", e.toString());
    }
  }

  /**
   * Stops the updates and ends every open stream. Must run while Jetty still serves: ending a
   * stream completes its request, and Javalin finishes that request on the calling thread (after
   * Jetty has stopped, Javalin 7.2.3 was seen to spin on it for good).
   */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
    }
    timer.shutdownNow();
    try {
      if (!timer.awaitTermination(1, TimeUnit.SECONDS)) {
        logger.warn("the status feed did not stop within 1 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Client client : clients) {
      client.sse().close();
    }
    clients.clear();
  }
}
