package io.motionua.tools.bench;

import io.motionua.server.opcua.ListenPorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The demo server as a child process ({@code java -Xmx.. -jar <this jar> serve}, with the JIT
 * options the launchers give a serve: {@link ServeJvmOptions}), so its CPU time and heap are its
 * own. Output goes to a log file in the data directory; {@link #close()} sends SIGTERM, then kills
 * after a bound.
 */
final class OpcuaBenchServerProcess implements AutoCloseable {

  private final Process process;
  private final Path log;
  final int port;

  private OpcuaBenchServerProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /** Starts {@code serve} of the jar and waits (bounded) for its "ready" line. */
  static OpcuaBenchServerProcess start(Path jar, String maxHeap, Path dataDir, long readyTimeoutMs)
      throws IOException, InterruptedException {
    return start(jar, maxHeap, dataDir, readyTimeoutMs, List.of());
  }

  /** The same with more arguments to {@code serve} ({@code --config}, {@code --http-port}). */
  static OpcuaBenchServerProcess start(
      Path jar, String maxHeap, Path dataDir, long readyTimeoutMs, List<String> serveArgs)
      throws IOException, InterruptedException {
    int port = ListenPorts.choose();
    Path log = dataDir.resolve("server.log");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + maxHeap);
    cmd.addAll(ServeJvmOptions.jit());
    cmd.add("-jar");
    cmd.add(jar.toString());
    cmd.add("serve");
    cmd.add("--port");
    cmd.add(Integer.toString(port));
    cmd.add("--data-dir");
    cmd.add(dataDir.toString());
    cmd.addAll(serveArgs);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    pb.environment().put("MOTIONUA_LOG_LEVEL", "INFO");
    Process p = pb.start();
    OpcuaBenchServerProcess server = new OpcuaBenchServerProcess(p, log, port);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(readyTimeoutMs);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IOException(
            "server process exited with " + p.exitValue() + ":\n" + server.tail());
      }
      if (Files.exists(log) && Files.readString(log).contains("MotionUA ready")) {
        return server;
      }
      Thread.sleep(50);
    }
    server.close();
    throw new IOException("server not ready within " + readyTimeoutMs + " ms:\n" + server.tail());
  }

  long pid() {
    return process.pid();
  }

  String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
