package io.motionua.tools;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The independent Sparkplug B peer of the tests: {@code src/test/python/sparkplug_listen.py}
 * (Debian's paho-mqtt and protobuf) subscribed to a group, each message it received decoded into
 * one JSON object, kept here in arrival order.
 */
final class SparkplugListener implements AutoCloseable {

  static final String PYTHON = "/usr/bin/python3";

  private final Process process;
  private final List<Map<String, Object>> messages = new ArrayList<>();
  private final List<String> other = new ArrayList<>();

  private SparkplugListener(Process process) {
    this.process = process;
  }

  static Path script() {
    return ItSupport.moduleDir().resolve("src/test/python/sparkplug_listen.py");
  }

  /**
   * A listener subscribed to the group's topics; {@code login} are more arguments of the script
   * ({@code --user NAME --password PASSWORD} for a broker with an ACL).
   */
  static SparkplugListener start(int port, String group, String... login) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                PYTHON,
                script().toString(),
                "listen",
                "--port",
                String.valueOf(port),
                "--group",
                group));
    command.addAll(List.of(login));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().close();
    SparkplugListener listener = new SparkplugListener(p);
    Thread reader = new Thread(listener::read, "it-sparkplug-listener");
    reader.setDaemon(true);
    reader.start();
    return listener;
  }

  /** A listener on the broker at {@code port}, once it reports its connection. */
  static SparkplugListener connected(int port, String group, Duration wait, String... login)
      throws IOException {
    SparkplugListener listener = start(port, group, login);
    listener.await(
        "connection", all -> all.stream().anyMatch(m -> "CONNECTED".equals(m.get("type"))), wait);
    return listener;
  }

  /** The DBIRTH messages among {@code all}, in arrival order. */
  static List<Map<String, Object>> births(List<Map<String, Object>> all) {
    return all.stream().filter(m -> "DBIRTH".equals(m.get("type"))).toList();
  }

  /** The metrics of one message. */
  static List<Map<String, Object>> metrics(Map<String, Object> message) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object o : MiniJson.array(message.get("metrics"), "metrics")) {
      out.add(MiniJson.object(o, "metric"));
    }
    return out;
  }

  /** The alias of a device's metric, from the device's first DBIRTH among {@code all}. */
  static double aliasOf(List<Map<String, Object>> all, String device, String metric) {
    Map<String, Object> birth =
        births(all).stream().filter(m -> device.equals(m.get("device"))).findFirst().orElseThrow();
    for (Map<String, Object> m : metrics(birth)) {
      if (metric.equals(m.get("name"))) {
        return (Double) m.get("alias");
      }
    }
    throw new AssertionError("no metric " + metric + " in the DBIRTH of " + device);
  }

  /** Runs the script once in another mode (rebirth, dcmd) and fails unless it exits 0. */
  static void send(int port, String group, String... args) {
    List<String> cmd =
        new ArrayList<>(
            List.of(PYTHON, script().toString(), args[0], "--port", "" + port, "--group", group));
    cmd.addAll(List.of(args).subList(1, args.length));
    ItSupport.Result r = ItSupport.run(cmd, null, Duration.ofSeconds(30));
    if (r.exitCode() != 0) {
      fail(r.describe());
    }
  }

  private void read() {
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        synchronized (this) {
          if (line.startsWith("{")) {
            messages.add(MiniJson.object(MiniJson.parse(line), "listener line"));
          } else {
            other.add(line);
          }
          notifyAll();
        }
      }
    } catch (IOException ignored) {
      // the listener went away
    }
  }

  synchronized List<Map<String, Object>> messages() {
    return List.copyOf(messages);
  }

  /** The messages of one Sparkplug type (NBIRTH, DDATA, ...), in arrival order. */
  synchronized List<Map<String, Object>> ofType(String type) {
    return messages.stream().filter(m -> type.equals(m.get("type"))).toList();
  }

  /**
   * Waits until the messages so far satisfy the condition; fails with a summary otherwise. The
   * condition runs outside the lock, on a copy: the reader must never wait for it, or the pipe from
   * the listener fills and the broker drops what the listener cannot take.
   */
  void await(String what, Predicate<List<Map<String, Object>>> condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<Map<String, Object>> seen = messages();
      if (condition.test(seen)) {
        return;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        fail("listener: no " + what + " within " + timeout + "; " + summary());
      }
      synchronized (this) {
        if (messages.size() == seen.size()) {
          try {
            wait(Math.max(1, Math.min(200, left / 1_000_000)));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
          }
        }
      }
    }
  }

  private synchronized String summary() {
    StringBuilder sb = new StringBuilder(messages.size() + " message(s), last types: ");
    messages.stream()
        .skip(Math.max(0, messages.size() - 20))
        .forEach(m -> sb.append(m.get("type")).append(' '));
    other.forEach(l -> sb.append("\n").append(l));
    return sb.toString();
  }

  @Override
  public void close() {
    process.destroy();
  }
}
