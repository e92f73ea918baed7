package io.motionua.server.axis;

import io.motionua.drivers.WriteTrigger;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * An axis's drive as a group drives it while the group owns the axis ({@link
 * AxisController#beginSynchronized()}): positioning moves loaded on every member and started with
 * one write each, cyclic setpoints, halts. Load-side units in, the drive's scheme underneath.
 */
public final class GroupDrive {

  private final DriveScheme scheme;
  private final AxisUnits units;

  GroupDrive(DriveScheme scheme, AxisUnits units) {
    this.scheme = scheme;
    this.units = units;
  }

  /**
   * Loads a positioning move into the drive without starting it (load-side units), so that {@link
   * #startPreparedMove(WriteTrigger)} starts it with one write.
   */
  public CompletableFuture<Void> prepareProfileMove(
      double target, double velocity, double acceleration, double deceleration) {
    return scheme.prepareMove(
        units.toIncrements(target),
        atLeastOne(velocity),
        atLeastOne(acceleration),
        atLeastOne(deceleration));
  }

  /**
   * Loads a new set-point for a running group move (a SpeedOverride change) without starting it,
   * the drive held if the group holds it, so that {@link #startPreparedMove} makes the drive
   * re-plan from where it is.
   */
  public CompletableFuture<Void> prepareProfileChange(
      double target, double velocity, double acceleration, double deceleration, boolean halted) {
    return scheme.prepareChange(
        units.toIncrements(target),
        atLeastOne(velocity),
        atLeastOne(acceleration),
        atLeastOne(deceleration),
        halted);
  }

  /** At least one increment per second: a drive refuses a set-point with a zero profile. */
  private long atLeastOne(double value) {
    return Math.max(1, units.toIncrements(value));
  }

  /**
   * Starts the prepared move with its one starting write (CiA 402: controlword new set-point; a
   * trigger drive: its trigger); the link holds the write until every other party of {@code
   * trigger} is ready too, so a group's drives start together.
   */
  public CompletableFuture<Void> startPreparedMove(WriteTrigger trigger) {
    return scheme.startPrepared(trigger);
  }

  /** After a start: completes when the drive acknowledged the set-point. */
  public CompletableFuture<Void> awaitSetPointAcknowledged() {
    return scheme.awaitStarted();
  }

  /** After an acknowledged start: readies the drive for the next start. */
  public CompletableFuture<Void> clearNewSetPoint() {
    return scheme.clearStart();
  }

  /** Whether the drive has a cyclic position mode (interpolated groups need one). */
  public boolean hasCyclicPosition() {
    return scheme.hasCyclicPosition();
  }

  /** Switches the drive to cyclic synchronous position (mode 8), holding the given position. */
  public CompletableFuture<Void> enterCyclicPosition(double position) {
    return scheme.enterCyclicPosition(units.toIncrements(position));
  }

  /** One cyclic setpoint (load-side units) in mode 8; the deadline bounds queueing on the link. */
  public CompletableFuture<Void> writeSetpoint(double position, Duration deadline) {
    return scheme.writeSetpoint(units.toIncrements(position), deadline);
  }

  /**
   * Decelerates a move to standstill with the given deceleration (load-side units), whatever the
   * PLCopen state: a group's fault reaction and GroupStop. The axis stays in SynchronizedMotion
   * until the group gives it back.
   */
  public CompletableFuture<Void> haltForGroup(double deceleration) {
    return scheme.halt(atLeastOne(deceleration));
  }
}
