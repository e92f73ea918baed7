package io.motionua.server.group;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the calling thread a real-time priority (Linux SCHED_FIFO) through util-linux's {@code
 * chrt}, for the interpolation loop: under a full CPU a normal thread waits behind others for
 * milliseconds, a SCHED_FIFO thread runs as soon as it wakes. Needs CAP_SYS_NICE (root, or {@code
 * AmbientCapabilities=CAP_SYS_NICE} in a systemd unit); without it the thread stays normal and a
 * warning says so. The loop's work per cycle is short, so it cannot starve the rest.
 */
final class RealtimePriority {

  private static final Logger logger = LoggerFactory.getLogger(RealtimePriority.class);

  private RealtimePriority() {}

  /**
   * Sets SCHED_FIFO {@code priority} on the calling thread; waits at most 2 s for chrt.
   *
   * @return whether the thread now runs at that priority
   */
  static boolean applyToCurrentThread(int priority, String what) {
    String tid;
    try {
      tid = Path.of("/proc/thread-self").toRealPath().getFileName().toString();
    } catch (IOException | RuntimeException e) {
      logger.warn("{}: no real-time priority, this is not Linux ({})", what, e.toString());
      return false;
    }
    String output;
    int exit;
    try {
      Process p =
          new ProcessBuilder("chrt", "-f", "-p", Integer.toString(priority), tid)
              .redirectErrorStream(true)
              .start();
      p.getOutputStream().close();
      if (!p.waitFor(2, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        logger.warn("{}: chrt did not answer within 2 s; the thread stays normal", what);
        return false;
      }
      try (InputStream in = p.getInputStream()) {
        output = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
      }
      exit = p.exitValue();
    } catch (IOException e) {
      logger.warn("{}: cannot run chrt ({}); the thread stays normal", what, e.getMessage());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    if (exit != 0) {
      logger.warn(
          "{}: SCHED_FIFO priority {} refused ({}); the thread stays normal. It needs"
              + " CAP_SYS_NICE, e.g. AmbientCapabilities=CAP_SYS_NICE in the systemd unit",
          what,
          priority,
          output.isEmpty() ? "chrt exit " + exit : output);
      return false;
    }
    logger.info("{}: thread {} runs at SCHED_FIFO priority {}", what, tid, priority);
    return true;
  }
}
