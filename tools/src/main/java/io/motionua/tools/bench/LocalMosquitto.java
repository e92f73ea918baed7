package io.motionua.tools.bench;

import io.motionua.server.opcua.ListenPorts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A Mosquitto started by a benchmark on a free loopback port (Debian's {@code mosquitto}), without
 * persistence; stopped on {@link #close()}. Its output goes to a file in its directory.
 */
final class LocalMosquitto implements AutoCloseable {

  private final Process process;
  private final int port;

  private LocalMosquitto(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts one and returns once it accepts connections (at most 10 s). */
  static LocalMosquitto start(Path dir) throws IOException, InterruptedException {
    Path binary =
        Files.isExecutable(Path.of("/usr/sbin/mosquitto"))
            ? Path.of("/usr/sbin/mosquitto")
            : Path.of("mosquitto");
    int port = ListenPorts.choose("127.0.0.1");
    Path conf = dir.resolve("mosquitto.conf");
    Files.writeString(
        conf,
        "listener %d 127.0.0.1\nallow_anonymous true\nmax_queued_messages 100000\n".formatted(port)
            // As root, Mosquitto would switch to its own user, which cannot read the temp dir.
            + ("root".equals(System.getProperty("user.name")) ? "user root\n" : ""));
    Process p =
        new ProcessBuilder(binary.toString(), "-c", conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("mosquitto.log").toFile())
            .start();
    LocalMosquitto broker = new LocalMosquitto(p, port);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return broker;
      } catch (IOException e) {
        if (!p.isAlive() || System.nanoTime() > deadline) {
          broker.close();
          throw new IOException(
              "mosquitto did not start on port %d (%s; is Debian's mosquitto installed?)"
                  .formatted(port, dir.resolve("mosquitto.log")));
        }
        Thread.sleep(50);
      }
    }
  }

  String url() {
    return "tcp://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
