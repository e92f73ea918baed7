package io.motionua.server.http;

import static io.motionua.server.http.HttpProbe.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.motionua.drivers.sim.SimFault;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The status page's login, JSON and event stream over real sockets with the JDK's HTTP client: the
 * demo machine with two users in its file.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES) // a hang fails here, not at the CI limit
class StatusPageIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static StatusPageMachine machine;

  @BeforeAll
  static void start() throws Exception {
    machine = StatusPageMachine.start();
  }

  @AfterAll
  static void stop() {
    if (machine != null) {
      machine.close();
    }
  }

  private static PageSession session() {
    return new PageSession(machine.httpPort());
  }

  @Test
  void withoutLoginThePageSendsToTheLoginFormAndTheApiAnswers401() throws Exception {
    PageSession anonymous = session();
    HttpResponse<String> page = anonymous.get("/");
    assertEquals(303, page.statusCode());
    assertEquals("/login", page.headers().firstValue("Location").orElse(""));
    for (String path : List.of("/api/status", "/api/whoami", "/api/events", "/status.js")) {
      HttpResponse<String> r = anonymous.get(path);
      assertEquals(401, r.statusCode(), path + ": " + r.body());
      assertFalse(r.body().contains("J1"), path + " shows nothing of the machine: " + r.body());
    }
    HttpResponse<String> form = anonymous.get("/login");
    assertEquals(200, form.statusCode());
    assertTrue(form.body().contains("<form id=\"login\" method=\"post\" action=\"/login\">"));
    assertFalse(form.body().contains("{{message}}"), form.body());
  }

  @Test
  void aViewerLogsInWithAnHttpOnlySameSiteCookieAndReadsTheSixAxesAndTheLink() throws Exception {
    PageSession viewer = session();
    HttpResponse<String> login =
        viewer.login(StatusPageMachine.VIEWER, StatusPageMachine.VIEWER_PASSWORD);
    assertEquals(303, login.statusCode());
    assertEquals("/", login.headers().firstValue("Location").orElse(""));
    String setCookie =
        login.headers().allValues("Set-Cookie").stream()
            .filter(h -> h.startsWith(WebLogin.COOKIE + "="))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no session cookie: " + login.headers()));
    assertTrue(setCookie.contains("HttpOnly"), setCookie);
    assertTrue(setCookie.contains("SameSite=Strict"), setCookie);

    HttpResponse<String> page = viewer.get("/");
    assertEquals(200, page.statusCode());
    String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
    assertTrue(csp.contains("default-src 'self'"), csp);

    JsonNode me = JSON.readTree(viewer.get("/api/whoami").body());
    assertEquals("vic", me.get("user").asText());
    assertEquals("viewer", me.get("role").asText());

    HttpResponse<String> status = viewer.get("/api/status");
    assertEquals(200, status.statusCode());
    assertEquals("application/json", status.headers().firstValue("Content-Type").orElse(""));
    JsonNode json = JSON.readTree(status.body());
    assertEquals("DemoArm", json.get("machine").asText());
    List<String> axes = new ArrayList<>();
    json.get("axes").forEach(a -> axes.add(a.get("name").asText()));
    assertEquals(List.of("J1", "J2", "J3", "J4", "J5", "J6"), axes);
    JsonNode j1 = json.get("axes").get(0);
    assertEquals("deg", j1.get("unit").asText());
    assertTrue(j1.has("followingError") && j1.has("driveHealth") && j1.has("state"), j1::toString);
    JsonNode link = json.get("links").get(0);
    assertEquals("arm-bus", link.get("name").asText());
    assertTrue(link.get("requests").asLong() > 0, link::toString);
    assertTrue(link.get("drives").size() >= 6, link::toString);

    assertEquals(303, viewer.post("/logout").statusCode());
    assertEquals(401, viewer.get("/api/status").statusCode(), "the session ended at logout");
  }

  @Test
  void aWrongPasswordOrAnUnknownUserIsRefusedWithoutACookieAndAudited() throws Exception {
    PageSession guesser = session();
    for (String[] attempt :
        new String[][] {{StatusPageMachine.OPERATOR, "not it"}, {"mallory", "op pass"}}) {
      HttpResponse<String> refused = guesser.login(attempt[0], attempt[1]);
      assertEquals(303, refused.statusCode());
      assertEquals("/login?failed", refused.headers().firstValue("Location").orElse(""));
      assertTrue(PageSession.sessionCookie(refused).isEmpty(), refused.headers().toString());
      assertEquals(401, guesser.get("/api/status").statusCode());
    }
    assertTrue(
        guesser.get("/login?failed").body().contains("Unknown user or wrong password."),
        "the form says why");
    Path audit = machine.dataDir().resolve("audit.log");
    until(
        () -> Files.exists(audit) && Files.readString(audit).contains("\"user\":\"mallory\""),
        () -> "audit line for mallory in " + audit);
    String lines = Files.readString(audit);
    assertTrue(lines.contains("status page: unknown user or wrong password"), lines);
  }

  @Test
  void guessingLocksTheAddressOutSoEvenTheRightPasswordIsRefused() throws Exception {
    try (StatusPageMachine own = StatusPageMachine.start()) {
      PageSession guesser = new PageSession(own.httpPort());
      // Failures 6, 7, 8 and 9 lock for 1, 2, 4 and 8 s; attempts while locked do not count.
      int counted = 0;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (counted < 9 && System.nanoTime() < deadline) {
        String to = guesser.login("olga", "guess").headers().firstValue("Location").orElse("");
        if (to.equals("/login?failed")) {
          counted++;
        } else {
          assertEquals("/login?locked", to);
          Thread.sleep(50); // wait out the lock, then guess again
        }
      }
      assertEquals(9, counted, "nine failures counted within 60 s");
      HttpResponse<String> right =
          guesser.login(StatusPageMachine.OPERATOR, StatusPageMachine.OPERATOR_PASSWORD);
      assertEquals("/login?locked", right.headers().firstValue("Location").orElse(""));
      assertTrue(PageSession.sessionCookie(right).isEmpty(), "no session while locked out");
      assertTrue(
          guesser.get("/login?locked").body().contains("Too many failed logins"), "says why");
    }
  }

  @Test
  void aLoginPostedFromAnotherSiteIsRefused() throws Exception {
    PageSession page = session();
    HttpResponse<String> r =
        page.send(
            page.request("/login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", "http://evil.example")
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        "user=olga&password=op+pass")));
    assertEquals(403, r.statusCode());
    assertTrue(PageSession.sessionCookie(r).isEmpty());
  }

  @Test
  void theEventStreamSendsTheStatusAndAnAlarmShowsWhenADriveFallsSilent() throws Exception {
    PageSession operator = session();
    assertEquals(
        303,
        operator
            .login(StatusPageMachine.OPERATOR, StatusPageMachine.OPERATOR_PASSWORD)
            .statusCode());
    HttpResponse<InputStream> stream =
        operator
            .client()
            .send(
                operator.request("/api/events").header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, stream.statusCode());
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
      String data = nextEvent(lines, "status");
      assertTrue(data.contains("\"machine\":\"DemoArm\""), data);
      String again = nextEvent(lines, "status");
      assertTrue(again.contains("\"axes\""), "the stream goes on: " + again);
    }

    machine.motionUa().simulator("arm-bus").setFault(3, SimFault.noReply());
    try {
      until(
          () -> {
            JsonNode s = JSON.readTree(operator.get("/api/status").body());
            for (JsonNode alarm : s.get("alarms")) {
              if (alarm.get("name").asText().equals("CommunicationLoss")
                  && alarm.get("message").asText().contains("J3")
                  && alarm.get("active").asBoolean()) {
                return s.get("health").asText().equals("DOWN");
              }
            }
            return false;
          },
          () -> "J3 CommunicationLoss active: " + operator.get("/api/status").body());
    } finally {
      machine.motionUa().simulator("arm-bus").setFault(3, SimFault.none());
    }
  }

  @Test
  void atMostEightPagesGetTheLiveStreamAtOnceAndAClosedOneFreesItsPlace() throws Exception {
    PageSession viewer = session();
    viewer.login(StatusPageMachine.VIEWER, StatusPageMachine.VIEWER_PASSWORD);
    List<BufferedReader> open = new ArrayList<>();
    try {
      String last = "status";
      while (last.equals("status") && open.size() <= StatusFeed.MAX_CLIENTS + 2) {
        BufferedReader events = openStream(viewer);
        open.add(events);
        last = nextEventName(events);
      }
      assertEquals("busy", last, "the stream past the limit is refused");
      assertTrue(open.size() - 1 <= StatusFeed.MAX_CLIENTS, open.size() - 1 + " streams served");
    } finally {
      for (BufferedReader events : open) {
        events.close();
      }
    }
    until(
        () -> {
          try (BufferedReader events = openStream(viewer)) {
            return nextEventName(events).equals("status");
          }
        },
        () -> "a stream served again once the others closed");
  }

  private static BufferedReader openStream(PageSession page) throws Exception {
    HttpResponse<InputStream> stream =
        page.client()
            .send(
                page.request("/api/events").header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, stream.statusCode());
    return new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
  }

  /** The name of the next event, read within 10 s. */
  private static String nextEventName(BufferedReader lines) throws Exception {
    return CompletableFuture.supplyAsync(
            () -> {
              try {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                  if (line.startsWith("event:")) {
                    return line.substring(6).trim();
                  }
                }
                throw new AssertionError("stream ended before an event");
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            })
        .get(10, TimeUnit.SECONDS);
  }

  /** The data of the next event named {@code name}, read within 10 s. */
  private static String nextEvent(BufferedReader lines, String name) throws Exception {
    return CompletableFuture.supplyAsync(
            () -> {
              try {
                boolean named = false;
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                  if (line.equals("event: " + name) || line.equals("event:" + name)) {
                    named = true;
                  } else if (named && line.startsWith("data:")) {
                    return line.substring(5).trim();
                  }
                }
                throw new AssertionError("stream ended before an event " + name);
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            })
        .get(10, TimeUnit.SECONDS);
  }
}
