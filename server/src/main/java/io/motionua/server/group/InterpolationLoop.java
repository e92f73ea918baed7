package io.motionua.server.group;

import io.motionua.server.axis.AxisController;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fixed-period loop of one group in interpolated mode: each cycle it samples the current path
 * and writes every axis's setpoint (cyclic synchronous position, mode 8). A write that is still on
 * its link from the previous cycle is not doubled: that axis skips the cycle, and the drive
 * interpolates over the longer interval. Runs on its own named thread while a path is followed.
 */
final class InterpolationLoop implements AutoCloseable {

  private static final Logger logger = LoggerFactory.getLogger(InterpolationLoop.class);

  private final String group;
  private final List<AxisController> members;
  private final long periodNanos;
  private final Duration writeDeadline;
  private final ScheduledExecutorService executor;
  private final double[] commanded;
  private final double[] velocity;
  private final double[] sampledPositions;
  private final double[] sampledVelocities;
  private final CompletableFuture<?>[] inflight;

  private final CycleLateness lateness;
  private final Runnable cycleTask = this::cycle;
  private volatile boolean realtime;

  private Job job;

  /** The path time of the job under the SpeedOverride; null: wall time (stops, safe pose). */
  private PathClock clock;

  /** The time scale the last cycle ran at: the axes' velocity is the path's times this. */
  private double timeScale = 1;

  private ScheduledFuture<?> task;
  private long taskStartNanos;
  private long taskRuns;
  private long cycles;
  private long skipped;

  private record Job(GroupPath path, boolean[] axes, long t0, Runnable onFinal) {}

  /**
   * @param realtimePriority the loop thread's SCHED_FIFO priority, 0 for a normal thread
   */
  InterpolationLoop(String group, List<AxisController> members, int cycleMs, int realtimePriority) {
    this.group = group;
    this.members = members;
    this.periodNanos = TimeUnit.MILLISECONDS.toNanos(cycleMs);
    this.writeDeadline = Duration.ofMillis(Math.max(50, 5L * cycleMs));
    int n = members.size();
    this.commanded = new double[n];
    this.velocity = new double[n];
    this.sampledPositions = new double[n];
    this.sampledVelocities = new double[n];
    this.inflight = new CompletableFuture<?>[n];
    this.lateness = new CycleLateness(periodNanos);
    ScheduledThreadPoolExecutor pool =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Runnable body =
                  realtimePriority == 0
                      ? r
                      : () -> {
                        realtime =
                            RealtimePriority.applyToCurrentThread(
                                realtimePriority, "group " + group + " interpolation loop");
                        r.run();
                      };
              Thread t = new Thread(body, "group-" + group + "-interpolation");
              t.setDaemon(true);
              t.setPriority(Thread.MAX_PRIORITY);
              return t;
            });
    pool.prestartAllCoreThreads(); // any priority is set now, not in the first cycle
    this.executor = pool;
  }

  /** Whether the loop thread runs at the configured real-time priority. */
  boolean isRealtime() {
    return realtime;
  }

  /**
   * Follows a path on the given axes from now; {@code onFinal} runs once every axis's last setpoint
   * was taken by its drive. Replaces any path being followed.
   */
  synchronized void follow(GroupPath path, boolean[] axes, Runnable onFinal) {
    follow(path, axes, null, onFinal);
  }

  /**
   * Follows a path with its time advancing on {@code clock} (the SpeedOverride), or on the wall
   * clock when null (a stop must stay within the deceleration time).
   */
  synchronized void follow(GroupPath path, boolean[] axes, PathClock clock, Runnable onFinal) {
    this.clock = clock;
    path.positions(0, sampledPositions);
    for (int i = 0; i < axes.length; i++) {
      if (axes[i]) {
        commanded[i] = sampledPositions[i];
      }
    }
    job = new Job(path, axes.clone(), System.nanoTime(), onFinal);
    if (task == null) {
      taskStartNanos = System.nanoTime();
      taskRuns = 0;
      task = executor.scheduleAtFixedRate(cycleTask, 0, periodNanos, TimeUnit.NANOSECONDS);
    }
  }

  /**
   * Starts from where the axes stand: a stop requested before the first cycle of a path ramps from
   * here, not from the end of an earlier path.
   */
  synchronized void hold(double[] positions) {
    System.arraycopy(positions, 0, commanded, 0, commanded.length);
    java.util.Arrays.fill(velocity, 0);
  }

  /** Where each axis was last commanded, and at which velocity, for a stop from there. */
  synchronized StopPath stopFromHere(double[] deceleration) {
    return new StopPath(commanded, velocity, deceleration);
  }

  /** Stops writing to one axis (it failed); the others go on. */
  synchronized void drop(int axis) {
    if (job != null) {
      job.axes[axis] = false;
    }
  }

  /** Stops writing (the drives hold their last setpoint). */
  synchronized void cancel() {
    job = null;
    if (task != null) {
      task.cancel(false);
      task = null;
    }
  }

  /** Cycles run and axis-cycles skipped because a setpoint was still on its link. */
  synchronized long[] counters() {
    return new long[] {cycles, skipped};
  }

  /** How late the cycles started against their schedule (the loop runs only during motion). */
  CycleLateness lateness() {
    return lateness;
  }

  /** The last setpoints of a path on their links, and what runs once the drives took them. */
  private record Final(CompletableFuture<Void> taken, Runnable onFinal) {}

  private void cycle() {
    Final f = cycleLocked();
    if (f != null) {
      // Outside the loop's lock: onFinal takes the group's, which holds it while calling in here.
      f.taken().whenComplete((v, e) -> f.onFinal().run());
    }
  }

  /** One cycle; returns the path's end once its last setpoints are on their links, else null. */
  private synchronized Final cycleLocked() {
    // The executor runs the k-th execution at start + k periods (catching up after a late one).
    lateness.record(System.nanoTime() - (taskStartNanos + taskRuns++ * periodNanos));
    Job j = job;
    if (j == null) {
      return null;
    }
    cycles++;
    double t = pathTime(j);
    boolean last = t >= j.path.duration();
    double at = Math.min(t, j.path.duration());
    j.path.positions(at, sampledPositions);
    j.path.velocities(at, sampledVelocities);
    boolean allSent = true;
    for (int i = 0; i < j.axes.length; i++) {
      if (!j.axes[i]) {
        continue;
      }
      if (inflight[i] != null && !inflight[i].isDone()) {
        skipped++;
        allSent = false;
        continue;
      }
      AxisController axis = members.get(i);
      inflight[i] =
          axis.forGroup()
              .writeSetpoint(sampledPositions[i], writeDeadline)
              .whenComplete(
                  (v, e) -> {
                    if (e != null) {
                      logger.debug("group {}: setpoint of {} failed: {}", group, axis.name(), e);
                    }
                  });
      commanded[i] = sampledPositions[i];
      velocity[i] = last ? 0 : sampledVelocities[i] * timeScale;
    }
    if (last && allSent) {
      job = null;
      task.cancel(false);
      task = null;
      CompletableFuture<?>[] finals = new CompletableFuture<?>[j.axes.length];
      for (int i = 0; i < finals.length; i++) {
        finals[i] = j.axes[i] ? inflight[i] : CompletableFuture.completedFuture(null);
      }
      return new Final(CompletableFuture.allOf(finals), j.onFinal);
    }
    return null;
  }

  /** Seconds along the job's path now: wall time since it began, or the override's path time. */
  private double pathTime(Job j) {
    PathClock c = clock;
    if (c == null) {
      timeScale = 1;
      return (System.nanoTime() - j.t0) / 1e9;
    }
    double t = c.advance(System.nanoTime());
    timeScale = c.scale();
    return t;
  }

  @Override
  public void close() throws InterruptedException {
    executor.shutdownNow();
    if (!executor.awaitTermination(1, TimeUnit.SECONDS)) {
      logger.warn("group {}: interpolation loop did not stop within 1 s", group);
    }
  }
}
