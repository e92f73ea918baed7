package io.motionua.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.sse.SseClient;
import io.motionua.server.security.LoginThrottle;
import io.motionua.server.security.UserDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * The read-only web status page: {@code /login} (the form), {@code /} (the page), {@code
 * /api/status} (the machine as JSON) and {@code /api/events} (the same, live, as Server-Sent
 * Events). Everything but the login form and its style sheet needs a logged-in session ({@link
 * WebLogin}); without one, the page sends the browser to {@code /login} and the API answers 401.
 * The page has no controls: nothing on it changes the machine.
 *
 * <p>The files are plain HTML, CSS and JavaScript from the classpath, read once at start; they load
 * nothing from elsewhere (the plant PC may be offline), and the Content-Security-Policy says so.
 */
final class StatusPage implements AutoCloseable {

  private static final String BASE = "/io/motionua/server/http/page/";

  /** Only our own files; no inline script; no framing by other pages. */
  private static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self';"
          + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private record Resource(byte[] bytes, String contentType) {}

  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, Resource> files;
  private final WebSessions sessions;
  private final WebLogin login;
  private final StatusFeed feed;

  StatusPage(ServedMachine machine) {
    this.files =
        Map.of(
            "login.html", resource("login.html", "text/html; charset=utf-8"),
            "index.html", resource("index.html", "text/html; charset=utf-8"),
            "status.js", resource("status.js", "text/javascript; charset=utf-8"),
            "status.css", resource("status.css", "text/css; charset=utf-8"));
    this.sessions = new WebSessions(Clock.systemUTC());
    this.login =
        new WebLogin(
            new UserDirectory(machine.users()),
            LoginThrottle.standard(),
            machine.audit(),
            sessions);
    this.feed =
        new StatusFeed(
            new StatusBuilder(machine, Clock.systemUTC()),
            token -> sessions.peek(token).isPresent());
  }

  /** Adds the page's routes to the HTTP server's. */
  void addRoutes(RoutesConfig routes) {
    routes.get("/login", this::loginForm);
    routes.get("/status.css", ctx -> serve(ctx, "status.css"));
    routes.post("/login", login::login);
    routes.post("/logout", login::logout);
    routes.get(
        "/",
        ctx -> {
          if (login.session(ctx).isEmpty()) {
            ctx.redirect("/login", HttpStatus.SEE_OTHER);
          } else {
            serve(ctx, "index.html");
          }
        });
    routes.get("/status.js", ctx -> serve(ctx, "status.js"));
    routes.before("/status.js", this::requireSession);
    routes.before("/api/*", this::requireSession);
    routes.get(
        "/api/status",
        ctx ->
            ctx.header("Cache-Control", "no-store")
                .contentType("application/json")
                .result(feed.current()));
    routes.get("/api/whoami", this::whoami);
    routes.sse("/api/events", this::events);
  }

  private void requireSession(Context ctx) {
    if (login.session(ctx).isEmpty()) {
      ctx.header("Cache-Control", "no-store");
      throw new io.javalin.http.UnauthorizedResponse("log in first: POST /login");
    }
  }

  private void whoami(Context ctx) throws JsonProcessingException {
    WebSessions.WebSession s = login.session(ctx).orElseThrow();
    ctx.header("Cache-Control", "no-store")
        .contentType("application/json")
        .result(json.writeValueAsString(Map.of("user", s.user(), "role", s.role().configName())));
  }

  private void events(SseClient client) {
    String token = client.ctx().cookie(WebLogin.COOKIE);
    if (!feed.add(client, token)) {
      client.sendEvent("busy", "too many status pages open (" + StatusFeed.MAX_CLIENTS + ")");
      client.close();
    }
  }

  /** The form, with a fixed sentence for the reason the last login was refused (never echoed). */
  private void loginForm(Context ctx) {
    String query = ctx.queryString() == null ? "" : ctx.queryString();
    String message =
        switch (query) {
          case "failed" -> "Unknown user or wrong password.";
          case "locked" -> "Too many failed logins from this address: wait, then try again.";
          default -> "";
        };
    String page = new String(files.get("login.html").bytes(), StandardCharsets.UTF_8);
    headers(ctx, "text/html; charset=utf-8").result(page.replace("{{message}}", message));
  }

  private void serve(Context ctx, String name) {
    Resource r = files.get(name);
    headers(ctx, r.contentType()).result(r.bytes());
  }

  private static Context headers(Context ctx, String contentType) {
    return ctx.header("Content-Security-Policy", CSP)
        .header("X-Content-Type-Options", "nosniff")
        .header("Referrer-Policy", "same-origin")
        .header("Cache-Control", "no-store")
        .contentType(contentType);
  }

  private static Resource resource(String name, String contentType) {
    try (InputStream in = StatusPage.class.getResourceAsStream(BASE + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + BASE + name);
      }
      return new Resource(in.readAllBytes(), contentType);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + BASE + name, e);
    }
  }

  @Override
  public void close() {
    feed.close();
  }
}
