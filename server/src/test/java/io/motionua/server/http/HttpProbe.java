package io.motionua.server.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** GETs the endpoints with the JDK's HTTP client and reads single values out of /metrics. */
final class HttpProbe {

  static final Duration WAIT = Duration.ofSeconds(20);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final int port;

  HttpProbe(int port) {
    this.port = port;
  }

  HttpResponse<String> get(String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /**
   * The value of the one sample of {@code name} whose labels include every {@code label="value"}
   * pair given (as {@code label, value, ...}); fails when there is none.
   */
  static double sample(String exposition, String name, String... labels) {
    Pattern line = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$");
    Matcher m = line.matcher(exposition);
    while (m.find()) {
      boolean all = true;
      for (int i = 0; i < labels.length; i += 2) {
        all &= m.group(1).contains(labels[i] + "=\"" + labels[i + 1] + "\"");
      }
      if (all) {
        return Double.parseDouble(m.group(2));
      }
    }
    throw new AssertionError("no sample " + name + " with " + String.join(",", labels));
  }

  double metric(String name, String... labels) throws Exception {
    return sample(get("/metrics").body(), name, labels);
  }

  interface Check {
    boolean ok() throws Exception;
  }

  interface Describe {
    String text() throws Exception;
  }

  static void until(Check condition, Describe what) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.ok()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + WAIT.toSeconds() + " s: " + what.text());
      }
      Thread.sleep(20);
    }
  }
}
