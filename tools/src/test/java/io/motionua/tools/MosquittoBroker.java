package io.motionua.tools;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Debian's Mosquitto, started by a test on a loopback port with its own config in a temp dir.
 * Persistence is on and QoS 0 messages are queued for offline persistent sessions, so a listener
 * with a persistent session misses nothing across a {@link #stop()} and {@link #start()} on the
 * same port (the broker writes its sessions on SIGTERM and reads them at start).
 */
final class MosquittoBroker implements AutoCloseable {

  private final Path dir;
  private final int port;
  private LoggedProcess process;

  private MosquittoBroker(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  /**
   * A broker in {@code dir} on a free loopback port; the test is skipped where mosquitto is not
   * installed (bin/test installs it).
   */
  static MosquittoBroker startOrSkip(Path dir) throws IOException {
    return startOrSkip(dir, "allow_anonymous true\n");
  }

  /**
   * Like {@link #startOrSkip(Path)}, with these lines for who may connect and publish instead of
   * anonymous access (e.g. {@code allow_anonymous false}, {@code password_file}, {@code acl_file}).
   */
  static MosquittoBroker startOrSkip(Path dir, String access) throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        ItSupport.onPath("mosquitto").isPresent()
            || java.nio.file.Files.exists(Path.of("/usr/sbin/mosquitto")),
        "mosquitto is not installed (bin/test installs it)");
    return start(dir, io.motionua.server.opcua.ListenPorts.choose("127.0.0.1"), access);
  }

  static MosquittoBroker start(Path dir, int port) throws IOException {
    return start(dir, port, "allow_anonymous true\n");
  }

  private static MosquittoBroker start(Path dir, int port, String access) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve("mosquitto.conf"),
        """
        listener %d 127.0.0.1
        %spersistence true
        persistence_location %s/
        queue_qos0_messages true
        max_queued_messages 100000
        """
                .formatted(port, access, dir)
            // As root, Mosquitto would switch to its own user, which cannot write the temp dir.
            + ("root".equals(System.getProperty("user.name")) ? "user root\n" : ""));
    MosquittoBroker broker = new MosquittoBroker(dir, port);
    broker.start();
    return broker;
  }

  int port() {
    return port;
  }

  /** Starts (again) on the same port; returns once it listens. */
  void start() {
    process =
        LoggedProcess.start(
            "mosquitto",
            List.of(
                ItSupport.onPath("mosquitto").map(Path::toString).orElse("/usr/sbin/mosquitto"),
                "-c",
                dir.resolve("mosquitto.conf").toString()));
    process.awaitLine(Pattern.compile("mosquitto version \\S+ running"), Duration.ofSeconds(20));
  }

  /** SIGTERM, as an operator stopping the service would; waits until it is gone. */
  void stop() {
    assertTrue(process.terminate(Duration.ofSeconds(10)), process::describe);
  }

  @Override
  public void close() {
    if (process != null) {
      process.close();
    }
  }
}
