package io.motionua.server.axis;

import java.util.function.Consumer;

/**
 * The discrete move an axis runs, from its call to its end (completed at standstill, aborted by
 * another command, or ended by ErrorStop or power loss): one {@link MoveOutcome} per move. Called
 * on the link thread (and on a group's, for a group taking the axis); it only keeps a record and
 * hands the outcome on, never writes anything itself.
 */
final class MoveWatch {

  private record Running(String command, double target, long startNanos) {}

  private final String axis;
  private final String unit;
  private final Consumer<MoveOutcome> sink;

  /** The move in progress, or null; guarded by {@code this}. */
  private Running running;

  MoveWatch(String axis, String unit, Consumer<MoveOutcome> sink) {
    this.axis = axis;
    this.unit = unit;
    this.sink = sink;
  }

  /** A move was accepted by the drive; one still running is aborted by it. */
  void started(String command, double target, long startNanos, long now) {
    MoveOutcome aborted;
    synchronized (this) {
      aborted = end("aborted by " + command, now);
      running = new Running(command, target, startNanos);
    }
    emit(aborted);
  }

  /** The running move, if any, ended as {@code result}. */
  void ended(String result, long now) {
    MoveOutcome outcome;
    synchronized (this) {
      outcome = end(result, now);
    }
    emit(outcome);
  }

  /** A move call that failed after its checks (the drive did not take it). */
  void failed(String command, double target, long startNanos, String why, long now) {
    emit(new MoveOutcome(axis, command, target, unit, now - startNanos, "failed: " + why));
  }

  synchronized boolean isRunning() {
    return running != null;
  }

  private MoveOutcome end(String result, long now) {
    Running r = running;
    running = null;
    return r == null
        ? null
        : new MoveOutcome(axis, r.command(), r.target(), unit, now - r.startNanos(), result);
  }

  private void emit(MoveOutcome outcome) {
    if (outcome != null) {
      sink.accept(outcome);
    }
  }
}
