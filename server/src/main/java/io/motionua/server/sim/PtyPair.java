package io.motionua.server.sim;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Two pseudo-terminals joined by {@code socat}: what one end writes, the other reads, as on a
 * serial line. The simulator opens one end, the link (or another process) the other. socat makes
 * each end's path a symbolic link to its /dev/pts device.
 */
final class PtyPair implements AutoCloseable {

  /** How long socat may take to create both ends. */
  private static final long START_MILLIS = 5000;

  private final Process socat;
  private final Path linkEnd;
  private final Path simulatorEnd;

  private PtyPair(Process socat, Path linkEnd, Path simulatorEnd) {
    this.socat = socat;
    this.linkEnd = linkEnd;
    this.simulatorEnd = simulatorEnd;
  }

  /**
   * Starts socat with the two ends at the given paths (existing symbolic links there are replaced).
   *
   * @param what names the pair in messages, e.g. {@code link arm-bus}
   * @throws IOException when socat is not on PATH, cannot create the ends, or takes too long
   */
  static PtyPair start(Path linkEnd, Path simulatorEnd, String what) throws IOException {
    String socat = findOnPath("socat");
    if (socat == null) {
      throw new IOException(
          what
              + ": simulating an rtu link needs socat, which is not on PATH"
              + " (Debian: apt-get install socat)");
    }
    for (Path end : new Path[] {linkEnd, simulatorEnd}) {
      if (Files.isSymbolicLink(end)) {
        Files.delete(end); // left over from an earlier run that was killed
      } else if (Files.exists(end)) {
        throw new IOException(what + ": " + end + " exists and is not a symbolic link to a pty");
      }
      if (end.getParent() != null) {
        Files.createDirectories(end.getParent());
      }
    }
    List<String> command = new ArrayList<>();
    // In a session of its own, socat does not get the terminal's Ctrl-C before the server has
    // closed the simulator and the link: it is stopped last, by close().
    String setsid = findOnPath("setsid");
    if (setsid != null) {
      command.add(setsid);
    }
    command.add(socat);
    command.add("pty,raw,echo=0,link=" + linkEnd.toAbsolutePath());
    command.add("pty,raw,echo=0,link=" + simulatorEnd.toAbsolutePath());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_MILLIS);
    while (!(Files.exists(linkEnd) && Files.exists(simulatorEnd))) {
      if (!process.isAlive()) {
        throw new IOException(
            what + ": socat could not create the pty pair: " + firstLine(process.getInputStream()));
      }
      if (System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new IOException(what + ": socat made no pty pair within " + START_MILLIS + " ms");
      }
      try {
        process.waitFor(20, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new IOException(what + ": interrupted while starting socat", e);
      }
    }
    return new PtyPair(process, linkEnd, simulatorEnd);
  }

  private static String firstLine(InputStream in) throws IOException {
    String text = new String(in.readNBytes(4096), StandardCharsets.UTF_8).strip();
    return text.isEmpty() ? "(no message)" : text.lines().findFirst().orElse("");
  }

  /** The executable's full path, or null when no PATH entry has it. */
  static String findOnPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      File candidate = new File(dir.isEmpty() ? "." : dir, name);
      if (candidate.isFile() && candidate.canExecute()) {
        return candidate.getAbsolutePath();
      }
    }
    return null;
  }

  /** The end the link (the Modbus master) opens. */
  Path linkEnd() {
    return linkEnd;
  }

  /** The end the simulator serves. */
  Path simulatorEnd() {
    return simulatorEnd;
  }

  /** Stops socat (which removes both links), waiting at most a second. */
  @Override
  public void close() {
    socat.destroy();
    try {
      if (!socat.waitFor(1, TimeUnit.SECONDS)) {
        socat.destroyForcibly();
      }
    } catch (InterruptedException e) {
      socat.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
