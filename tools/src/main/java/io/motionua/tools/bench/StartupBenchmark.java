package io.motionua.tools.bench;

import io.motionua.server.opcua.ListenPorts;
import io.motionua.tools.files.ScratchDir;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Start-up of the demo machine, each a fresh {@code java -jar <this jar> serve} process: from
 * spawning the process to its "MotionUA ready" line (endpoints bound, links polling), and within
 * each start the share of the companion NodeSets (DI, Machinery, Robotics) from the loader's log
 * lines. A start without them no longer exists (MotionUA's types are subtypes of theirs), so the
 * ratio to "without" is MotionUA's own start against the same minus the companion loading. One
 * unmeasured start first creates the server certificate in the data directory (RSA key generation).
 *
 * <p>Starts alternate between the launchers' way (a class-data archive made by one training start,
 * {@code -XX:SharedArchiveFile}, and the start-up JIT thresholds of {@link ServeJvmOptions}) and
 * the baseline, a plain {@code java -jar}, so that both see the same machine.
 */
public final class StartupBenchmark {

  /** The serve log's ready line, with MotionUA's own start time. */
  private static final Pattern READY = Pattern.compile("MotionUA ready in (\\d+) ms");

  /** A companion file's load line from NodeSetLoader. */
  private static final Pattern LOADED =
      Pattern.compile("Loaded classpath:(\\S+): (\\d+) nodes in (\\d+) ms");

  private static final long READY_TIMEOUT_MS = 60_000;

  public record Options(Path jar, String serverHeap, int rounds) {}

  private static final long TRAINING_TIMEOUT_S = 180;

  /** One start: process spawn to ready, MotionUA's own figure, companion load time. */
  record Start(long spawnToReadyMs, long ownStartMs, long companionLoadMs, int companionNodes) {}

  private StartupBenchmark() {}

  public static void run(Options o, PrintStream out) throws IOException, InterruptedException {
    Path dataDir = Files.createTempDirectory("motionua-bench-startup");
    try {
      out.printf(
          "startup: %d rounds, each: java -Xmx%s [-XX:SharedArchiveFile=A %s] -jar %s serve%n",
          o.rounds(), o.serverHeap(), String.join(" ", ServeJvmOptions.jit()), o.jar());
      out.printf("load average at the start: %s%n", loadAverage());
      Path archive = dataDir.resolve("motionua.jsa");
      long trainMs = train(o, archive);
      out.printf("class-data archive: one training start, %d ms, %d MB%n", trainMs, mb(archive));
      start(o, dataDir, 0, null); // creates the certificate; not measured
      List<Start> with = new ArrayList<>();
      List<Start> without = new ArrayList<>();
      for (int round = 1; round <= o.rounds(); round++) {
        without.add(start(o, dataDir, round, null));
        with.add(start(o, dataDir, round, archive));
      }
      report(out, with, without);
      out.printf("load average at the end: %s%n", loadAverage());
    } finally {
      ScratchDir.deleteQuietly(dataDir);
    }
  }

  /** The training start the launchers run: the JVM writes the archive as it exits. */
  private static long train(Options o, Path archive) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(javaCommand());
    cmd.add("-Xmx" + o.serverHeap());
    cmd.addAll(List.of("-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off"));
    cmd.addAll(List.of("-Xlog:cds+dynamic=off", "-jar", o.jar().toString()));
    cmd.addAll(List.of("serve", "--cds-training"));
    Path log = archive.resolveSibling("training.log");
    long t0 = System.nanoTime();
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(TRAINING_TIMEOUT_S, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("training start not done within " + TRAINING_TIMEOUT_S + " s");
    }
    if (p.exitValue() != 0 || !Files.isRegularFile(archive)) {
      throw new IOException(
          "training start failed (exit " + p.exitValue() + "): " + Files.readString(log));
    }
    return (System.nanoTime() - t0) / 1_000_000;
  }

  private static long mb(Path file) throws IOException {
    return Files.size(file) >> 20;
  }

  private static void report(PrintStream out, List<Start> with, List<Start> without) {
    long[] w = with.stream().mapToLong(Start::spawnToReadyMs).sorted().toArray();
    long[] wo = without.stream().mapToLong(Start::spawnToReadyMs).sorted().toArray();
    long[] own = with.stream().mapToLong(Start::ownStartMs).sorted().toArray();
    long[] ownWo = without.stream().mapToLong(Start::ownStartMs).sorted().toArray();
    long[] load = with.stream().mapToLong(Start::companionLoadMs).sorted().toArray();
    out.printf("%-58s %8s %8s %8s%n", "", "median", "min", "max");
    row(out, "spawn to ready, the launchers' way (ms)", w);
    row(out, "spawn to ready, plain java -jar (baseline) (ms)", wo);
    row(out, "MotionUA's own start, launchers' way (ms)", own);
    row(out, "MotionUA's own start, plain (ms)", ownWo);
    row(out, "loading the companion NodeSets, launchers' way (ms)", load);
    out.printf("companion nodes loaded: %d%n", with.get(0).companionNodes());
    out.printf(
        "ratio spawn to ready, launchers' way / plain, medians: %.2f%n",
        (double) median(w) / median(wo));
    // Within one start, so independent of how loaded the machine was from one start to the next.
    double[] share =
        with.stream()
            .mapToDouble(s -> (double) s.ownStartMs() / (s.ownStartMs() - s.companionLoadMs()))
            .sorted()
            .toArray();
    out.printf(
        "ratio own start / (own start - companion load), per start: median %.2f (%.2f..%.2f)%n",
        share[share.length / 2], share[0], share[share.length - 1]);
    out.printf(
        "target: spawn to ready <= 3000 ms (launchers' way): %s%n",
        median(w) <= 3000 ? "met" : "NOT met");
  }

  private static void row(PrintStream out, String name, long[] sorted) {
    out.printf("%-52s %8d %8d %8d%n", name, median(sorted), sorted[0], sorted[sorted.length - 1]);
  }

  private static long median(long[] sorted) {
    return sorted[sorted.length / 2];
  }

  private static String javaCommand() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** One start, with the archive when it is not null. */
  private static Start start(Options o, Path dataDir, int round, Path archive)
      throws IOException, InterruptedException {
    int port = ListenPorts.choose();
    Path log = dataDir.resolve("serve-" + round + (archive == null ? "" : "-cds") + ".log");
    List<String> cmd = new ArrayList<>();
    cmd.add(javaCommand());
    cmd.add("-Xmx" + o.serverHeap());
    if (archive != null) {
      cmd.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off"));
      cmd.add("-Xlog:cds+dynamic=off");
      cmd.addAll(ServeJvmOptions.jit());
    }
    cmd.addAll(Arrays.asList("-jar", o.jar().toString(), "serve"));
    cmd.addAll(Arrays.asList("--port", Integer.toString(port), "--data-dir", dataDir.toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    pb.environment().put("MOTIONUA_LOG_LEVEL", "INFO");
    long t0 = System.nanoTime();
    Process p = pb.start();
    try {
      long deadline = t0 + TimeUnit.MILLISECONDS.toNanos(READY_TIMEOUT_MS);
      while (System.nanoTime() < deadline) {
        String text = Files.exists(log) ? Files.readString(log) : "";
        Matcher ready = READY.matcher(text);
        if (ready.find()) {
          long spawnToReady = (System.nanoTime() - t0) / 1_000_000;
          long loadMs = 0;
          int nodes = 0;
          Matcher loaded = LOADED.matcher(text);
          while (loaded.find()) {
            if (!loaded.group(1).startsWith("MotionUA")) {
              nodes += Integer.parseInt(loaded.group(2));
              loadMs += Long.parseLong(loaded.group(3));
            }
          }
          return new Start(spawnToReady, Long.parseLong(ready.group(1)), loadMs, nodes);
        }
        if (!p.isAlive()) {
          throw new IOException("server exited with " + p.exitValue() + "; log: " + log);
        }
        // Polls the log: the figure is at most this much late, the same for both variants.
        Thread.sleep(10);
      }
      throw new IOException("server not ready within " + READY_TIMEOUT_MS + " ms; log: " + log);
    } finally {
      p.destroy();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
      }
    }
  }

  /** The 1-, 5- and 15-minute load averages (Linux), for judging a run on a shared machine. */
  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "unknown";
    }
  }
}
