package io.motionua.server.axis;

import io.motionua.drivers.SignalValue;
import io.motionua.drivers.WriteTrigger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * How one drive is commanded and read: the wire protocol under an axis. {@link AxisController}
 * keeps the PLCopen state machine, limits, units and events, and hands every drive-facing step to
 * its scheme: {@link Cia402Scheme} (controlword and statusword) or {@link TriggerScheme} (what a
 * profile's {@code motion:} section declares). Values are in drive increments. Every future
 * completes when the drive acknowledged the step, or fails with a {@code UaException} (bounded).
 */
interface DriveScheme {

  /** The scheme's name for messages: {@code cia402} or {@code trigger}. */
  String name();

  /** The signals the drive's state is read from: a poll is as good as the worst of them. */
  List<String> stateSignals();

  /** Decodes one poll's signals (all signals polled so far, by name). */
  DriveStatus decode(Map<String, SignalValue> signals);

  /** Enables the drive; completes when the drive reports it enabled. */
  CompletableFuture<Void> enable();

  /** Removes power; completes when the drive reports it disabled. */
  CompletableFuture<Void> disable();

  /** A positioning move to an absolute target; completes once the drive took it. */
  CompletableFuture<Void> moveAbsolute(long target, long velocity, long acceleration, long decel);

  /** A velocity move (negative: backwards); Bad_NotSupported where the drive has none. */
  CompletableFuture<Void> moveVelocity(long velocity, long acceleration, long deceleration);

  /** Writes a new velocity for a running velocity move. */
  CompletableFuture<Void> writeTargetVelocity(long velocity);

  /** Decelerates to standstill (0: the drive's own deceleration). */
  CompletableFuture<Void> halt(long deceleration);

  /** MC_Stop on the drive: like {@link #halt}, unless the drive has a stop command of its own. */
  default CompletableFuture<Void> stop(long deceleration) {
    return halt(deceleration);
  }

  /** Starts a homing run; its end shows as {@link DriveStatus#homingDone()}. */
  CompletableFuture<Void> home();

  /** Clears a drive fault; completes when the drive no longer reports it. */
  CompletableFuture<Void> reset();

  /** MC_SetPosition: the drive's actual position becomes {@code position}, without motion. */
  CompletableFuture<Void> setPosition(long position);

  // ---- group moves ----

  /** Loads a positioning move without starting it. */
  CompletableFuture<Void> prepareMove(long target, long velocity, long acceleration, long decel);

  /** Loads a new profile for a running group move, to be started by {@link #startPrepared}. */
  CompletableFuture<Void> prepareChange(
      long target, long velocity, long acceleration, long decel, boolean halted);

  /** Starts the prepared move with the one write that starts it, held by {@code trigger}. */
  CompletableFuture<Void> startPrepared(WriteTrigger trigger);

  /** After a start: completes when the drive acknowledged it. */
  CompletableFuture<Void> awaitStarted();

  /** After an acknowledged start: readies the drive for the next start. */
  CompletableFuture<Void> clearStart();

  /** Whether the drive has a cyclic position mode that a group's interpolation loop can stream. */
  boolean hasCyclicPosition();

  /** Enters cyclic position mode, holding {@code position}. */
  CompletableFuture<Void> enterCyclicPosition(long position);

  /** One cyclic setpoint; the deadline bounds queueing on the link. */
  CompletableFuture<Void> writeSetpoint(long position, Duration deadline);
}
