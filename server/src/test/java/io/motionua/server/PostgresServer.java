package io.motionua.server;

import io.motionua.server.opcua.ListenPorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server from Debian's package, in a temporary directory: {@code initdb} with a
 * user and a password (scram-sha-256), started and stopped with {@code pg_ctl} on an ephemeral port
 * of 127.0.0.1, its unix socket in the same directory. As root, the binaries run as the {@code
 * postgres} user (PostgreSQL refuses root).
 */
final class PostgresServer implements AutoCloseable {

  static final String USER = "motion";
  static final String PASSWORD = "right-password";

  private final Path bin;
  private final Path dir;
  private final int port;

  private PostgresServer(Path bin, Path dir, int port) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
  }

  /** The newest installed server's bin directory, if the package is installed. */
  static Optional<Path> bin() throws IOException {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
          .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString())));
    }
  }

  /** Creates a cluster in a new temporary directory and starts it. */
  static PostgresServer start(Path bin) throws Exception {
    Path dir = Files.createTempDirectory("motionua-pg-it");
    Files.createDirectories(dir.resolve("sock"));
    Files.writeString(dir.resolve("pw"), PASSWORD + "\n");
    if (isRoot()) {
      run(List.of("chown", "-R", "postgres:postgres", dir.toString()), false);
    }
    PostgresServer pg = new PostgresServer(bin, dir, ListenPorts.choose("127.0.0.1"));
    pg.pg(
        "initdb",
        "-D",
        dir.resolve("data").toString(),
        "-U",
        USER,
        "--pwfile=" + dir.resolve("pw"),
        "-A",
        "scram-sha-256",
        "-E",
        "UTF8",
        "--locale=C",
        "--no-sync");
    pg.start();
    return pg;
  }

  /** Starts (again) on the same port and waits until it accepts connections. */
  void start() throws Exception {
    pg(
        "pg_ctl",
        "-D",
        dir.resolve("data").toString(),
        "-l",
        dir.resolve("postgres.log").toString(),
        "-w",
        "-t",
        "120",
        "-o",
        "-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off"
            .formatted(port, dir.resolve("sock")),
        "start");
  }

  /** {@code pg_ctl stop -m immediate}: every process quits at once, as in a crash. */
  void stopImmediately() throws Exception {
    pg("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop");
  }

  String url() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(url(), USER, PASSWORD);
  }

  private void pg(String tool, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    if (isRoot()) {
      command.addAll(List.of("setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups"));
    }
    command.add(bin.resolve(tool).toString());
    command.addAll(List.of(args));
    run(command, true);
  }

  private static void run(List<String> command, boolean inTmp) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    if (inTmp) {
      pb.directory(Path.of(System.getProperty("java.io.tmpdir")).toFile());
    }
    Path output = Files.createTempFile("motionua-pg-it", ".out");
    try {
      Process p = pb.redirectOutput(output.toFile()).start();
      if (!p.waitFor(150, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("timed out: " + String.join(" ", command));
      }
      if (p.exitValue() != 0) {
        throw new IOException(
            String.join(" ", command)
                + " exited with "
                + p.exitValue()
                + ": "
                + Files.readString(output, StandardCharsets.UTF_8));
      }
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  @Override
  public void close() throws Exception {
    try {
      stopImmediately();
    } catch (IOException alreadyStopped) {
      // a test stopped it
    }
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
