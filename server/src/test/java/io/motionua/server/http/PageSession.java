package io.motionua.server.http;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * A plain HTTP client of the status page (the JDK's, no redirects followed) that keeps the session
 * cookie a login sets, as a browser would.
 */
final class PageSession {

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private final int port;
  private String cookie;

  PageSession(int port) {
    this.port = port;
  }

  HttpResponse<String> login(String user, String password) throws Exception {
    String form =
        "user="
            + URLEncoder.encode(user, StandardCharsets.UTF_8)
            + "&password="
            + URLEncoder.encode(password, StandardCharsets.UTF_8);
    HttpResponse<String> response =
        send(
            request("/login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    sessionCookie(response).ifPresent(c -> cookie = c);
    return response;
  }

  HttpResponse<String> get(String path) throws Exception {
    return send(request(path).GET());
  }

  HttpResponse<String> post(String path) throws Exception {
    return send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
  }

  /** The {@code motionua_session=...} pair of a Set-Cookie header with a value, if any. */
  static Optional<String> sessionCookie(HttpResponse<?> response) {
    return response.headers().allValues("Set-Cookie").stream()
        .filter(h -> h.startsWith(WebLogin.COOKIE + "=") && !h.startsWith(WebLogin.COOKIE + "=;"))
        .map(h -> h.substring(0, h.indexOf(';') < 0 ? h.length() : h.indexOf(';')))
        .findFirst();
  }

  HttpRequest.Builder request(String path) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10));
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    return b;
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpClient client() {
    return http;
  }
}
