package io.motionua.tools.bench;

import static io.motionua.tools.bench.OpcuaBenchSupport.path;

import io.motionua.server.opcua.ListenPorts;
import io.motionua.server.security.PasswordHash;
import io.motionua.tools.files.ScratchDir;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodRequest;

/**
 * What {@code /metrics} and the status page cost the server under OPC UA load: the demo server as
 * its own process with the HTTP server on, all six axes moving, N sessions x M monitored items from
 * a client process ({@link LoadClients}); the server's CPU (/proc) is measured in alternating
 * blocks without HTTP clients and with them (a Prometheus scrape every S seconds and P status pages
 * open on the live stream), so that the shared machine's drift hits both alike.
 */
public final class HttpBenchmark {

  /** The options of {@code bench http}. */
  public record Options(
      Path jar,
      String serverHeap,
      int sessions,
      int items,
      double samplingMs,
      double publishingMs,
      double velocity,
      double blockSeconds,
      int blocks,
      double scrapeSeconds,
      int pages) {}

  private static final String AXES = "DemoArm/MotionDevices/Arm/Axes";
  private static final String USER = "bench";

  private final Options o;
  private final PrintStream out;
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private int httpPort;
  private String cookie;

  private HttpBenchmark(Options o, PrintStream out) {
    this.o = o;
    this.out = out;
  }

  public static void run(Options o, PrintStream out) throws Exception {
    new HttpBenchmark(o, out).run();
  }

  private void run() throws Exception {
    out.printf(
        "bench http: %s, %d cores, load average %s%n",
        Runtime.version(),
        Runtime.getRuntime().availableProcessors(),
        OpcuaBenchSupport.loadAverage());
    Path dataDir = Files.createTempDirectory("motionua-bench-http");
    String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
    Path machine = dataDir.resolve("machine.yaml");
    Files.writeString(machine, demoWithUser(password));
    httpPort = ListenPorts.choose();
    try (OpcuaBenchServerProcess server =
        OpcuaBenchServerProcess.start(
            o.jar(),
            o.serverHeap(),
            dataDir,
            60_000,
            List.of("--config", machine.toString(), "--http-port", Integer.toString(httpPort)))) {
      String url = "opc.tcp://127.0.0.1:" + server.port;
      out.printf(
          "server pid %d: demo arm, OPC UA port %d, HTTP port %d%n",
          server.pid(), server.port, httpPort);
      OpcUaClient control = OpcUaClient.create(url);
      control.connect();
      try (LoadClientProcess load = new LoadClientProcess(url)) {
        moveAll(control);
        long items = load.awaitReady();
        login(password);
        out.printf(
            "load: %d sessions x %d items (%d created), sampling %.0f ms, publishing %.0f ms;"
                + " six axes in MoveVelocity %.1f deg/s%n",
            o.sessions(), o.items(), items, o.samplingMs(), o.publishingMs(), o.velocity());
        out.printf(
            "HTTP load: GET /metrics every %.1f s and %d status page(s) on /api/events (one"
                + " update per 0.5 s)%n",
            o.scrapeSeconds(), o.pages());
        block(server.pid(), true); // warm-up of both paths, not counted
        block(server.pid(), false);
        double without = 0;
        double with = 0;
        double httpWith = 0;
        for (int b = 0; b < o.blocks(); b++) {
          boolean first = b % 2 == 0;
          Cpu x = block(server.pid(), !first);
          Cpu y = block(server.pid(), first);
          Cpu off = first ? x : y;
          Cpu on = first ? y : x;
          without += off.server();
          with += on.server();
          httpWith += on.http();
          out.printf(
              "  block %d: server CPU without HTTP clients %5.1f %%, with %5.1f %% of one core"
                  + " (HTTP threads %.2f %% without, %.2f %% with)%n",
              b + 1, off.server() * 100, on.server() * 100, off.http() * 100, on.http() * 100);
        }
        without /= o.blocks();
        with /= o.blocks();
        httpWith /= o.blocks();
        out.printf(
            "server CPU, mean of %d blocks of %.0f s each: without %.1f %%, with %.1f %% of one"
                + " core; difference %.2f %% of one core = %.1f %% of the server's CPU (ratio"
                + " %.3f)%n",
            o.blocks(),
            o.blockSeconds(),
            without * 100,
            with * 100,
            (with - without) * 100,
            (with - without) / without * 100,
            with / without);
        out.printf(
            "HTTP threads' own CPU while serving: %.2f %% of one core = %.1f %% of the server's"
                + " CPU without HTTP clients%n",
            httpWith * 100, httpWith / without * 100);
        out.printf("notifications received by the load clients: %d%n", load.received());
      } finally {
        control.disconnect();
      }
    } finally {
      ScratchDir.deleteQuietly(dataDir);
    }
    out.printf("done, load average %s%n", OpcuaBenchSupport.loadAverage());
  }

  /** The demo machine file with one viewer for the status page. */
  private static String demoWithUser(String password) throws Exception {
    String demo;
    try (InputStream in =
        HttpBenchmark.class.getResourceAsStream("/io/motionua/server/config/demo-arm.yaml")) {
      demo = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String hash = PasswordHash.hash(password.toCharArray());
    String user = "  users: [{name: " + USER + ", passwordHash: '" + hash + "', role: viewer}]";
    String withUser =
        demo.replaceFirst(
            "(?m)^  users: \\[\\].*$", java.util.regex.Matcher.quoteReplacement(user));
    if (withUser.equals(demo)) {
      throw new IllegalStateException("the demo machine file has no 'users: []' line");
    }
    return withUser;
  }

  private void moveAll(OpcUaClient control) throws Exception {
    NodeId folder = path(control, NodeIds.ObjectsFolder, AXES.split("/"));
    for (int k = 1; k <= 6; k++) {
      NodeId axis = path(control, folder, "J" + k);
      NodeId method = path(control, axis, "MoveVelocity");
      Variant[] args = {new Variant(o.velocity()), new Variant(0.0), new Variant(0.0)};
      var r = control.call(List.of(new CallMethodRequest(axis, method, args))).getResults()[0];
      if (!r.getStatusCode().isGood()) {
        out.printf("  MoveVelocity on J%d: %s%n", k, r.getStatusCode());
      }
    }
  }

  private void login(String password) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("user=" + USER + "&password=" + password))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    cookie =
        r.headers().allValues("Set-Cookie").stream()
            .filter(h -> h.startsWith("motionua_session=") && !h.startsWith("motionua_session=;"))
            .map(h -> h.substring(0, h.indexOf(';')))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("login refused: " + r.statusCode()));
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + httpPort + path);
  }

  /**
   * A block's figures, as shares of one core: the server's whole CPU, and that of its HTTP threads
   * alone (Jetty's {@code http-endpoints-*} and the page's {@code http-status-feed}).
   */
  private record Cpu(double server, double http) {}

  /**
   * CPU time of the server's HTTP threads, from {@code /proc/<pid>/task/<tid>/stat}; threads that
   * ended during a block are missed (Jetty keeps its pool threads for a minute when idle).
   */
  private static long httpThreadsCpuNanos(long pid) {
    long ticks = 0;
    try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      for (Path task : tasks.toList()) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          if (name.startsWith("http-")) {
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
          }
        } catch (java.io.IOException | RuntimeException e) {
          // the thread ended
        }
      }
    } catch (java.io.IOException e) {
      return 0;
    }
    return ticks * (1_000_000_000L / OpcuaBenchSupport.CLOCK_TICKS);
  }

  /** One measuring block. */
  private Cpu block(long pid, boolean withHttp) throws Exception {
    AtomicBoolean running = new AtomicBoolean(true);
    List<Thread> threads = new ArrayList<>();
    List<InputStream> streams = new ArrayList<>();
    AtomicLong events = new AtomicLong();
    if (withHttp) {
      for (int p = 0; p < o.pages(); p++) {
        HttpResponse<InputStream> s =
            http.send(
                HttpRequest.newBuilder(uri("/api/events"))
                    .header("Cookie", cookie)
                    .header("Accept", "text/event-stream")
                    .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        streams.add(s.body());
        threads.add(start("bench-http-page-" + p, () -> readEvents(s.body(), events)));
      }
      threads.add(start("bench-http-scraper", () -> scrape(running)));
    }
    long cpu0 = OpcuaBenchSupport.processCpuNanos(pid);
    long http0 = httpThreadsCpuNanos(pid);
    long w0 = System.nanoTime();
    Thread.sleep((long) (o.blockSeconds() * 1000));
    long wall = System.nanoTime() - w0;
    Cpu cpu =
        new Cpu(
            (OpcuaBenchSupport.processCpuNanos(pid) - cpu0) / (double) wall,
            (httpThreadsCpuNanos(pid) - http0) / (double) wall);
    running.set(false);
    for (InputStream s : streams) {
      s.close();
    }
    for (Thread t : threads) {
      t.interrupt();
      t.join(5_000);
    }
    if (withHttp && events.get() == 0) {
      throw new IllegalStateException("no status event reached the pages");
    }
    return cpu;
  }

  private void scrape(AtomicBoolean running) {
    HttpRequest metrics = HttpRequest.newBuilder(uri("/metrics")).build();
    while (running.get()) {
      try {
        http.send(metrics, HttpResponse.BodyHandlers.ofString());
        Thread.sleep((long) (o.scrapeSeconds() * 1000));
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        out.println("  scrape failed: " + e);
      }
    }
  }

  private static void readEvents(InputStream body, AtomicLong events) {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.startsWith("event: status") || line.startsWith("event:status")) {
          events.incrementAndGet();
        }
      }
    } catch (java.io.IOException e) {
      // closed at the end of the block
    }
  }

  private static Thread start(String name, Runnable r) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** {@link LoadClients} as its own process at nice 10, on the demo arm's J1..J6. */
  private final class LoadClientProcess implements AutoCloseable {
    private final Process process;
    private final BufferedReader lines;
    private final AtomicLong received = new AtomicLong();

    LoadClientProcess(String url) throws Exception {
      List<String> cmd = new ArrayList<>();
      if (Files.isExecutable(Path.of("/usr/bin/nice"))) {
        cmd.addAll(List.of("/usr/bin/nice", "-n", "10"));
      }
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.addAll(List.of("-cp", o.jar().toString(), LoadClients.class.getName(), url, "6"));
      cmd.addAll(
          List.of(
              Integer.toString(o.sessions()),
              Integer.toString(o.items()),
              Double.toString(o.samplingMs()),
              Double.toString(o.publishingMs()),
              AXES,
              "J"));
      process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      lines =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Waits (at most 90 s) for "ready N"; then counts "received N" lines in the background. */
    long awaitReady() throws Exception {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      List<String> other = new ArrayList<>();
      while (System.nanoTime() < deadline) {
        String line = lines.readLine();
        if (line == null) {
          throw new IllegalStateException("the load clients ended: " + String.join("\n", other));
        }
        if (line.startsWith("ready ")) {
          start("bench-http-load-reader", this::count);
          return Long.parseLong(line.substring(6).trim());
        }
        other.add(line);
      }
      throw new IllegalStateException("the load clients were not ready within 90 s");
    }

    private void count() {
      try {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          if (line.startsWith("received ")) {
            received.set(Long.parseLong(line.substring(9).trim()));
          }
        }
      } catch (java.io.IOException | RuntimeException e) {
        // the process ended
      }
    }

    long received() {
      return received.get();
    }

    @Override
    public void close() throws InterruptedException {
      try {
        process.getOutputStream().close();
      } catch (java.io.IOException e) {
        // gone already
      }
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    }
  }
}
