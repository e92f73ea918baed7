package io.motionua.tools;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Helpers for integration tests that run MotionUA and independent peers (node-opcua, mbpoll) as
 * real processes, the way a user would. JDK + JUnit only.
 *
 * <p>Locations, each overridable by a system property:
 *
 * <ul>
 *   <li>{@code motionua.jar}: the shaded jar, default {@code <basedir>/target/motionua.jar}
 *   <li>{@code motionua.node.dir}: the node-opcua scripts, default {@code <basedir>/src/test/node}
 * </ul>
 *
 * where {@code basedir} is the system property Surefire/Failsafe set to the module directory (else
 * the working directory, which Failsafe also sets to the module directory).
 */
final class ItSupport {
  private ItSupport() {}

  static Path moduleDir() {
    return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
  }

  /** The motionua jar; fails the test (not skips) when it has not been built. */
  static Path motionuaJar() {
    Path jar =
        Path.of(
            System.getProperty(
                "motionua.jar", moduleDir().resolve("target/motionua.jar").toString()));
    if (!Files.isRegularFile(jar)) {
      fail(
          "motionua jar not found at "
              + jar
              + ": it is built in the package phase; run bin/test (mvn -B verify)");
    }
    return jar;
  }

  /**
   * The node binary for the node-opcua checks: the test is skipped where node is not on PATH, and
   * fails where node-opcua is not installed in {@link #nodeDir()} (bin/test installs it).
   */
  static Path node() {
    Path node = onPath("node").orElse(null);
    org.junit.jupiter.api.Assumptions.assumeTrue(
        node != null, "node is not on PATH: node-opcua checks skipped");
    org.junit.jupiter.api.Assertions.assertTrue(
        java.nio.file.Files.isDirectory(nodeDir().resolve("node_modules/node-opcua")),
        "node-opcua is not installed in " + nodeDir() + "/node_modules: run bin/test");
    return node;
  }

  static Path nodeDir() {
    return Path.of(
        System.getProperty("motionua.node.dir", moduleDir().resolve("src/test/node").toString()));
  }

  /** The java launcher of the JVM running the tests. */
  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** {@code java -Xmx512m -jar motionua.jar args...}, as bin/motionua runs it. */
  static List<String> motionuaCommand(String... args) {
    List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx512m", "-jar"));
    cmd.add(motionuaJar().toString());
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** An executable of that name on PATH, if any. */
  static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * A variable's value as an OPC UA client reads it ({@code motionua client read --json}); fails
   * unless the read exits 0 with status Good.
   */
  static Object readOverOpcUa(String url, String path) {
    Result r =
        run(
            motionuaCommand("client", "read", "--json", "--url", url, path),
            null,
            Duration.ofSeconds(120));
    org.junit.jupiter.api.Assertions.assertEquals(0, r.exitCode(), r::describe);
    org.junit.jupiter.api.Assertions.assertEquals("Good", r.json().get("status"), r::describe);
    return r.json().get("value");
  }

  /** {@code motionua history export --url URL ARGS...}, run to completion. */
  static Result historyExport(String url, String... args) {
    List<String> all = new ArrayList<>(List.of("history", "export", "--url", url));
    all.addAll(List.of(args));
    return run(motionuaCommand(all.toArray(String[]::new)), null, Duration.ofSeconds(60));
  }

  /** What a finished command printed. */
  record Result(List<String> command, int exitCode, String stdout, String stderr) {
    String describe() {
      return "command "
          + String.join(" ", command)
          + " exited with "
          + exitCode
          + "\n--- stdout ---\n"
          + stdout
          + "\n--- stderr ---\n"
          + stderr;
    }

    /** The last line of stdout that looks like a JSON object, parsed. */
    java.util.Map<String, Object> json() {
      String[] lines = stdout.split("\\R");
      for (int i = lines.length - 1; i >= 0; i--) {
        String line = lines[i].strip();
        if (line.startsWith("{")) {
          return MiniJson.object(MiniJson.parse(line), "output");
        }
      }
      fail("no JSON object on stdout of " + describe());
      return null;
    }
  }

  /** Runs a command to completion (stdin closed), killing it after timeout. */
  static Result run(List<String> command, Path dir, Duration timeout) {
    ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE);
    if (dir != null) {
      pb.directory(dir.toFile());
    }
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      fail("cannot start " + String.join(" ", command) + ": " + e.getMessage());
      return null;
    }
    try {
      p.getOutputStream().close();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      Thread t1 = pump(p.getInputStream(), out);
      Thread t2 = pump(p.getErrorStream(), err);
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        t1.join(2000);
        t2.join(2000);
        fail(
            "timed out after "
                + timeout
                + ": "
                + new Result(command, -1, text(out), text(err)).describe());
      }
      t1.join(5000);
      t2.join(5000);
      return new Result(command, p.exitValue(), text(out), text(err));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IllegalStateException("interrupted", e);
    } catch (IOException e) {
      p.destroyForcibly();
      throw new UncheckedIOException(e);
    }
  }

  private static String text(ByteArrayOutputStream bytes) {
    synchronized (bytes) {
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }

  private static Thread pump(InputStream in, ByteArrayOutputStream sink) {
    Thread t =
        new Thread(
            () -> {
              byte[] buf = new byte[8192];
              try (in) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                  synchronized (sink) {
                    sink.write(buf, 0, n);
                  }
                }
              } catch (IOException ignored) {
                // the process went away; what was read is kept
              }
            },
            "it-pump");
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** Closes each in turn; one that fails does not keep the next from closing. */
  static void closeAll(AutoCloseable... resources) {
    for (AutoCloseable c : resources) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        System.err.println("closing " + c + ": " + e);
      }
    }
  }

  /** Says what was waited for, when a wait fails (may read the current state). */
  interface Describe {
    String text() throws Exception;
  }

  /**
   * Waits (Awaitility, polling on this thread every 50 ms from the start) until {@code condition}
   * holds, at most {@code bound}; fails with {@code what}'s text made at that moment. A condition
   * that throws fails the wait at once.
   */
  static void until(
      java.util.concurrent.Callable<Boolean> condition, Duration bound, Describe what) {
    try {
      org.awaitility.Awaitility.await()
          .pollInSameThread()
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(50))
          .atMost(bound)
          .until(condition);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      String text;
      try {
        text = what.text();
      } catch (Exception describing) {
        text = "(" + describing + ")";
      }
      throw new AssertionError("not within " + bound.toMillis() + " ms: " + text, e);
    }
  }

  /** Waits for the condition; fails naming {@code what} after {@code ms}. */
  static void await(java.util.function.BooleanSupplier condition, long ms, String what) {
    until(condition::getAsBoolean, Duration.ofMillis(ms), () -> what);
  }

  /** The parseable node id of the recorded variable whose id ends in {@code suffix}. */
  static String recordedNodeId(io.motionua.server.MotionUa motionUa, String suffix) {
    return motionUa.history().recordedNodes().stream()
        .filter(n -> String.valueOf(n.getIdentifier()).endsWith(suffix))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no recorded node ending in " + suffix))
        .toParseableString();
  }

  /**
   * The demo's drive {@code unit} on arm-bus stops answering until {@code axis} is Bad, then
   * answers again until the axis is Good (10 s bound each).
   */
  static void silenceDemoDrive(io.motionua.server.MotionUa motionUa, int unit, String axis) {
    motionUa.simulator("arm-bus").setResponding(unit, false);
    try {
      await(
          () -> motionUa.axes().get(axis).snapshot().status().name().startsWith("BAD"),
          10_000,
          axis + " Bad");
    } finally {
      motionUa.simulator("arm-bus").setResponding(unit, true);
    }
    await(
        () -> motionUa.axes().get(axis).snapshot().status().name().equals("GOOD"),
        10_000,
        axis + " Good again");
  }
}
