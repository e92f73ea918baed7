package io.motionua.server;

import io.motionua.server.opcua.ListenPorts;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real QuestDB server: {@code io.questdb.ServerMain} from the same {@code org.questdb:questdb}
 * jar as the embedded history store, in a child JVM of 256 MB heap, with its root in a temporary
 * directory. {@code conf/server.conf} lets it listen on PostgreSQL wire only, on an ephemeral port
 * of 127.0.0.1 with a user and password; HTTP, the minimal HTTP server and InfluxDB line protocol
 * over TCP, UDP and HTTP are off, as is telemetry. {@link #kill()} is a {@code kill -9}; {@link
 * #start()} again runs on the same directory and port. A shutdown hook kills the child should the
 * test JVM end without {@link #close()}.
 */
final class QuestDbServer implements AutoCloseable {

  static final String USER = "motion";
  static final String PASSWORD = "right-password";

  /** How long a start may take until the server accepts a connection. */
  private static final Duration START_WAIT = Duration.ofSeconds(60);

  private final Path dir;
  private final int port;
  private final Thread killOnExit;
  private Process process;

  private QuestDbServer(Path dir, int port) {
    this.dir = dir;
    this.port = port;
    this.killOnExit = new Thread(this::kill, "questdb-it-kill");
  }

  /** A new root directory, its configuration, and the server started on it. */
  static QuestDbServer startInNewDirectory() throws Exception {
    Path dir = Files.createTempDirectory("motionua-questdb-server");
    int port = ListenPorts.choose("127.0.0.1");
    Files.createDirectories(dir.resolve("conf"));
    Files.writeString(
        dir.resolve("conf/server.conf"),
        String.join(
            "\n",
            "pg.net.bind.to=127.0.0.1:" + port,
            "pg.user=" + USER,
            "pg.password=" + PASSWORD,
            "http.enabled=false",
            "http.min.enabled=false",
            "line.tcp.enabled=false",
            "line.udp.enabled=false",
            "line.http.enabled=false",
            "telemetry.enabled=false",
            "metrics.enabled=false",
            "shared.worker.count=1",
            "pg.worker.count=1",
            "wal.apply.worker.count=1",
            "mat.view.refresh.worker.count=1",
            ""),
        StandardCharsets.US_ASCII);
    QuestDbServer server = new QuestDbServer(dir, port);
    Runtime.getRuntime().addShutdownHook(server.killOnExit);
    try {
      server.start();
    } catch (Exception e) {
      server.close();
      throw e;
    }
    return server;
  }

  /** Starts the server (again) and waits until it accepts a connection. */
  void start() throws Exception {
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            questDbJar().toString(),
            "io.questdb.ServerMain",
            "-d",
            dir.toString());
    process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("questdb.out").toFile()))
            .start();
    try {
      Waits.until(
          this::accepts, START_WAIT, () -> "QuestDB accepting connections: " + outputTail());
    } catch (AssertionError | Exception e) {
      kill();
      throw e;
    }
  }

  /** Whether a connection is taken; fails at once when the server process is gone. */
  private boolean accepts() throws IOException {
    if (!process.isAlive()) {
      throw new IOException("QuestDB exited with " + process.exitValue() + ": " + outputTail());
    }
    try (Connection c = connect()) {
      return true;
    } catch (SQLException notYet) {
      return false;
    }
  }

  /** The jar {@code io.questdb.ServerMain} was loaded from, on the test's class path. */
  private static Path questDbJar() throws URISyntaxException {
    return Path.of(
        io.questdb.ServerMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  /** {@code kill -9}: the server has no chance to flush or close anything. */
  void kill() {
    Process p = process;
    if (p != null && p.isAlive()) {
      p.destroyForcibly();
      try {
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
          throw new IllegalStateException("QuestDB (pid " + p.pid() + ") did not die");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  String url() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/qdb";
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(url() + "?connectTimeout=2", USER, PASSWORD);
  }

  /**
   * Whether every transaction committed to the WAL table is applied to it (its rows are what a
   * query sees), with nothing suspended.
   */
  boolean applied(String table) throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT writerTxn, sequencerTxn, suspended FROM wal_tables() WHERE name = '"
                    + table
                    + "'")) {
      return rs.next() && !rs.getBoolean(3) && rs.getLong(1) == rs.getLong(2);
    }
  }

  /** The server's log so far, its last lines. */
  String outputTail() throws IOException {
    Path out = dir.resolve("questdb.out");
    if (!Files.exists(out)) {
      return "(no output)";
    }
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }

  @Override
  public void close() throws IOException {
    kill();
    try {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway
    }
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
