package io.motionua.tools;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A long-running child process (motionua serve / sim) whose merged stdout and stderr are read line
 * by line, echoed with a prefix (so they land in the Failsafe report) and kept for waiting on a log
 * line and for failure messages. Closing it kills what is still running.
 */
final class LoggedProcess implements AutoCloseable {
  private final String name;
  private final List<String> command;
  private final Process process;
  private final List<String> lines = new ArrayList<>();
  private boolean ended;

  private LoggedProcess(String name, List<String> command, Process process) {
    this.name = name;
    this.command = command;
    this.process = process;
  }

  static LoggedProcess start(String name, List<String> command) {
    return start(name, command, null);
  }

  /**
   * Starts a process with exactly the given environment (none of the test JVM's), or the test JVM's
   * when {@code environment} is null.
   */
  static LoggedProcess start(String name, List<String> command, Map<String, String> environment) {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    if (environment != null) {
      pb.environment().clear();
      pb.environment().putAll(environment);
    }
    Process p;
    try {
      p = pb.start();
      p.getOutputStream().close();
    } catch (IOException e) {
      fail("cannot start " + String.join(" ", command) + ": " + e.getMessage());
      return null;
    }
    LoggedProcess lp = new LoggedProcess(name, command, p);
    Thread reader = new Thread(lp::readLines, "it-" + name + "-output");
    reader.setDaemon(true);
    reader.start();
    return lp;
  }

  private void readLines() {
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        System.out.println("[" + name + "] " + line);
        synchronized (this) {
          lines.add(line);
          notifyAll();
        }
      }
    } catch (IOException ignored) {
      // the process went away
    } finally {
      synchronized (this) {
        ended = true;
        notifyAll();
      }
    }
  }

  Process process() {
    return process;
  }

  /**
   * Waits until a line matches pattern (find), and returns its matcher. Fails with the output so
   * far when the process ends first or the timeout passes.
   */
  Matcher awaitLine(Pattern pattern, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    int seen = 0;
    synchronized (this) {
      while (true) {
        for (; seen < lines.size(); seen++) {
          Matcher m = pattern.matcher(lines.get(seen));
          if (m.find()) {
            return m;
          }
        }
        if (ended) {
          waitForExit(Duration.ofSeconds(2));
          fail(
              name
                  + " ended (exit "
                  + exitText()
                  + ") before printing a line matching /"
                  + pattern
                  + "/\n"
                  + describe());
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          fail(
              name
                  + " printed no line matching /"
                  + pattern
                  + "/ within "
                  + timeout
                  + "\n"
                  + describe());
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(this, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      }
    }
  }

  /** Sends SIGTERM (Process.destroy) and returns whether it exited within timeout. */
  boolean terminate(Duration timeout) {
    process.destroy();
    return waitForExit(timeout);
  }

  boolean waitForExit(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  String exitText() {
    return process.isAlive() ? "still running" : String.valueOf(process.exitValue());
  }

  /** The command and everything it printed so far. */
  synchronized String describe() {
    return "command: "
        + String.join(" ", command)
        + "\n--- output of "
        + name
        + " ---\n"
        + String.join("\n", lines);
  }

  /** Stops what is still running: SIGTERM, then after 5 s SIGKILL to it and its children. */
  @Override
  public void close() {
    if (process.isAlive() && !terminate(Duration.ofSeconds(5))) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      waitForExit(Duration.ofSeconds(5));
    }
  }
}
