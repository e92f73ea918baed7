package io.motionua.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.motionua.server.config.HttpSpec;
import io.motionua.server.history.external.ExternalStatus;
import io.motionua.server.sparkplug.EdgeNodeStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded HTTP server (Javalin on Jetty) with {@code GET /health}, {@code GET /metrics} and
 * the read-only status page ({@link StatusPage}, behind a login). It only reads snapshots of the
 * running machine, and it is optional: if it cannot listen (a port in use, an address not on this
 * PC), one warning says so and the OPC UA server runs on without it.
 */
public final class HttpEndpoints implements AutoCloseable {

  private static final Logger logger = LoggerFactory.getLogger(HttpEndpoints.class);

  /** Prometheus' text exposition format. */
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  /** Enough for a few scrapers at once; Jetty needs some of them for its acceptor and selector. */
  private static final int MAX_THREADS = 8;

  private final ObjectMapper json = new ObjectMapper();
  private final ServedMachine machine;
  private final MachineMetrics metrics;
  private final StatusPage page;
  private final Javalin app;

  private HttpEndpoints(HttpSpec spec, ServedMachine machine) {
    this.machine = machine;
    this.metrics = new MachineMetrics(machine);
    this.page = new StatusPage(machine);
    QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 2, 60_000);
    threads.setName("http-endpoints");
    threads.setDaemon(true);
    this.app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              config.jetty.threadPool = threads;
              config.jetty.host = spec.bindAddress();
              config.jetty.port = spec.port();
              config.routes.get("/health", this::health);
              config.routes.get("/metrics", this::metrics);
              page.addRoutes(config.routes);
            });
  }

  /**
   * Starts the endpoints, or logs one warning and returns empty when they cannot listen: the
   * endpoints are for monitoring, and must never keep the OPC UA server from running.
   */
  public static Optional<HttpEndpoints> start(HttpSpec spec, ServedMachine machine) {
    HttpEndpoints endpoints = new HttpEndpoints(spec, machine);
    try {
      endpoints.app.start();
    } catch (RuntimeException e) {
      endpoints.close();
      logger.warn(
          "HTTP endpoints off: cannot listen on {}:{}: {}",
          spec.bindAddress(),
          spec.port(),
          rootMessage(e));
      return Optional.empty();
    }
    logger.info(
        "HTTP endpoints on http://{}:{} (/health, /metrics, status page /)",
        spec.bindAddress(),
        endpoints.port());
    return Optional.of(endpoints);
  }

  /** The port listened on (the chosen one when the spec said 0). */
  public int port() {
    return app.port();
  }

  private void health(Context ctx) throws JsonProcessingException {
    HealthReport report = HealthReport.of(machine);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", report.status());
    body.put("machine", report.machine());
    body.put("links", report.links());
    body.put("problems", report.problems());
    body.put("warnings", report.warnings());
    EdgeNodeStatus sparkplug = report.sparkplug();
    if (sparkplug != null) {
      Map<String, Object> node = new LinkedHashMap<>();
      node.put("connected", sparkplug.connected());
      node.put("broker", sparkplug.broker());
      node.put("born", sparkplug.born());
      node.put("storedMessages", sparkplug.storedMessages());
      node.put("lastError", sparkplug.lastError());
      body.put("sparkplug", node);
    }
    ExternalStatus external = report.historyExternal();
    if (external != null) {
      Map<String, Object> node = new LinkedHashMap<>();
      node.put("database", external.database());
      node.put("connected", external.connected());
      node.put("bufferedRecords", external.bufferedRecords());
      node.put("bufferedBytes", external.bufferedBytes());
      node.put("sent", external.sent());
      node.put("dropped", external.dropped());
      node.put("lastError", external.lastError());
      body.put("historyExternal", node);
    }
    ctx.status(report.isUp() ? 200 : 503)
        .contentType("application/json")
        .result(json.writeValueAsString(body));
  }

  private void metrics(Context ctx) {
    ctx.contentType(PROMETHEUS_TEXT).result(metrics.scrape());
  }

  @Override
  public void close() {
    page.close(); // first: its open streams end while Jetty still serves them
    try {
      app.stop();
    } catch (RuntimeException e) {
      logger.warn("stopping the HTTP endpoints failed: {}", e.toString());
    }
    metrics.close();
  }

  @Override
  public String toString() {
    return "HttpEndpoints";
  }

  /** The innermost cause, which says what the socket refused ("Address already in use"). */
  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
