package io.motionua.server.axis;

import static io.motionua.drivers.DriveSignals.POSITION_ACTUAL;
import static io.motionua.drivers.DriveSignals.VELOCITY_ACTUAL;

import io.motionua.drivers.SignalValue;
import io.motionua.drivers.WriteTrigger;
import io.motionua.drivers.profile.DriveProfile;
import io.motionua.drivers.profile.MotionCommand;
import io.motionua.drivers.profile.SignalWrite;
import io.motionua.drivers.profile.StatusBit;
import io.motionua.drivers.profile.TriggerMotion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;

/**
 * A drive that does not speak CiA 402, commanded entirely as its profile's {@code motion:} section
 * declares: values, then a trigger write (an opcode, a command value or a rising edge); state from
 * status bits. A command completes once the drive shows it took it, read on the link thread at once
 * rather than at the next poll; with {@code confirmWrites} every value write is read back first.
 */
final class TriggerScheme implements DriveScheme {

  private final DriveChannel channel;
  private final TriggerMotion motion;
  private final List<String> stateSignals;

  /**
   * The move's values and its trigger in address order when they fill one run of registers and the
   * trigger is a plain write: a move is then one FC16. Null otherwise.
   */
  private final List<String> oneWriteMove;

  /**
   * A move sent in one write whose start no poll has shown yet (the call returned at the write's
   * acknowledge, without reading the status back): until then the drive does not count as standing,
   * so that a poll from before the drive reacted cannot end the move. Null when none.
   */
  private volatile PendingStart pendingStart;

  private record PendingStart(long target, long untilNanos) {}

  TriggerScheme(DriveChannel channel, TriggerMotion motion, DriveProfile profile) {
    this.channel = channel;
    this.motion = motion;
    this.oneWriteMove = oneWriteMove(motion, profile);
    Set<String> names = new LinkedHashSet<>();
    for (StatusBit bit :
        new StatusBit[] {
          motion.enabled(), motion.alarm(), motion.inPosition(), motion.moving(), motion.homeDone()
        }) {
      if (bit != null) {
        names.add(bit.signal());
      }
    }
    this.stateSignals = List.copyOf(names);
  }

  @Override
  public String name() {
    return "trigger";
  }

  @Override
  public List<String> stateSignals() {
    return stateSignals;
  }

  /** The move's signals in one write, or null (see {@link #oneWriteMove}). */
  private static List<String> oneWriteMove(TriggerMotion motion, DriveProfile profile) {
    SignalWrite trigger = motion.move().trigger();
    if (trigger.isEdge()) {
      return null; // an edge is two writes of the trigger register
    }
    List<String> signals = new ArrayList<>(values(motion.move(), 0, 0, 0, 0).keySet());
    signals.add(trigger.signal());
    return profile.oneWriteRun(signals).orElse(null);
  }

  /** Whether a move goes out as one FC16 (values and trigger in one run of registers). */
  boolean movesInOneWrite() {
    return oneWriteMove != null;
  }

  /**
   * The drive's state from a poll; while a move sent in one write has not shown its start yet
   * (moving, or standing at its target, or an alarm; bounded by the state deadline) the drive does
   * not count as standing.
   */
  @Override
  public DriveStatus decode(Map<String, SignalValue> values) {
    DriveStatus d = decodeAsRead(values);
    PendingStart pending = pendingStart;
    if (pending == null || !d.standing()) {
      if (pending != null && movingNow(values, d)) {
        pendingStart = null;
      }
      return d;
    }
    if (d.fault()
        || Math.abs(raw(values, POSITION_ACTUAL) - pending.target()) <= 1
        || System.nanoTime() > pending.untilNanos()) {
      pendingStart = null;
      return d;
    }
    return new DriveStatus(
        d.enabled(),
        false,
        d.fault(),
        d.faultCode(),
        d.faultText(),
        d.homingDone(),
        d.statusBits(),
        d.commandBits());
  }

  private boolean movingNow(Map<String, SignalValue> values, DriveStatus d) {
    return motion.moving() != null ? bit(values, motion.moving()) : !d.standing();
  }

  private DriveStatus decodeAsRead(Map<String, SignalValue> values) {
    boolean moving = motion.moving() != null && bit(values, motion.moving());
    boolean inPosition = motion.inPosition() != null ? bit(values, motion.inPosition()) : !moving;
    boolean standing =
        (motion.moving() != null ? !moving : inPosition) && raw(values, VELOCITY_ACTUAL) == 0;
    int code = motion.faultCode() == null ? 0 : (int) raw(values, motion.faultCode());
    return new DriveStatus(
        bit(values, motion.enabled()),
        standing,
        bit(values, motion.alarm()),
        code,
        code == 0 ? null : motion.faultText(code).orElse(null),
        motion.homeDone() != null && bit(values, motion.homeDone()),
        (int) raw(values, motion.enabled().signal()),
        0);
  }

  private static boolean bit(Map<String, SignalValue> values, StatusBit bit) {
    return bit.test(raw(values, bit.signal()));
  }

  private static long raw(Map<String, SignalValue> values, String name) {
    SignalValue v = values.get(name);
    return v == null ? 0 : v.asLong();
  }

  @Override
  public CompletableFuture<Void> enable() {
    if (channel.latest().drive().enabled()) {
      return CompletableFuture.completedFuture(null);
    }
    return command(motion.enable())
        .thenCompose(v -> channel.awaitDrive(d -> d.enabled(), "enabled"));
  }

  @Override
  public CompletableFuture<Void> disable() {
    pendingStart = null;
    return command(motion.disable())
        .thenCompose(v -> channel.awaitDrive(d -> !d.enabled(), "disabled"));
  }

  /**
   * Values and trigger in one FC16 where the profile's registers allow it: the call returns at that
   * write's acknowledge (after reading the values back with {@code confirmWrites}), and the polls
   * that follow judge the start (see {@link #decode}). Otherwise the values, then the trigger, then
   * the status read back until the drive shows it took the move.
   */
  @Override
  public CompletableFuture<Void> moveAbsolute(
      long target, long velocity, long acceleration, long decel) {
    if (oneWriteMove != null) {
      Map<String, Object> given = values(motion.move(), target, velocity, acceleration, decel);
      Map<String, Object> block = new LinkedHashMap<>();
      SignalWrite trigger = motion.move().trigger();
      for (String signal : oneWriteMove) {
        block.put(signal, signal.equals(trigger.signal()) ? trigger.value() : given.get(signal));
      }
      pendingStart =
          new PendingStart(target, System.nanoTime() + DriveChannel.STATE_DEADLINE.toNanos());
      CompletableFuture<Void> written = channel.write(block);
      return motion.confirmWrites() ? written.thenCompose(v -> confirm(given)) : written;
    }
    return prepareMove(target, velocity, acceleration, decel)
        .thenCompose(v -> raise(motion.move().trigger()))
        .thenCompose(v -> awaitTaken(target));
  }

  @Override
  public CompletableFuture<Void> moveVelocity(long velocity, long acceleration, long decel) {
    MotionCommand jog = motion.velocityMove();
    if (jog == null) {
      return notSupported("a velocity move (MoveVelocity)");
    }
    return writeValues(values(jog, 0, velocity, acceleration, decel))
        .thenCompose(v -> command(jog.trigger()))
        .thenCompose(v -> awaitTaken(null));
  }

  @Override
  public CompletableFuture<Void> writeTargetVelocity(long velocity) {
    MotionCommand jog = motion.velocityMove();
    if (jog == null) {
      return notSupported("a velocity move (TargetVelocity)");
    }
    return writeValues(Map.of(jog.velocity(), velocity)).thenCompose(v -> command(jog.trigger()));
  }

  @Override
  public CompletableFuture<Void> halt(long deceleration) {
    return decelerate(deceleration, motion.halt());
  }

  @Override
  public CompletableFuture<Void> stop(long deceleration) {
    return decelerate(deceleration, motion.stop() != null ? motion.stop() : motion.halt());
  }

  private CompletableFuture<Void> decelerate(long deceleration, SignalWrite write) {
    pendingStart = null;
    String decel = motion.move().deceleration();
    CompletableFuture<Void> rate =
        decel != null && deceleration > 0
            ? writeValues(Map.of(decel, deceleration))
            : CompletableFuture.completedFuture(null);
    return rate.thenCompose(v -> command(write));
  }

  @Override
  public CompletableFuture<Void> home() {
    if (motion.home() == null) {
      return notSupported("homing (Home)");
    }
    return command(motion.home());
  }

  @Override
  public CompletableFuture<Void> reset() {
    return command(motion.reset())
        .thenCompose(v -> channel.awaitDrive(d -> !d.fault(), "alarm cleared"));
  }

  /** Writes the new position and its trigger; completes when the position reads back as set. */
  @Override
  public CompletableFuture<Void> setPosition(long position) {
    MotionCommand set = motion.setPosition();
    if (set == null) {
      return notSupported("SetPosition");
    }
    return writeValues(Map.of(set.target(), position))
        .thenCompose(v -> command(set.trigger()))
        .thenCompose(
            v ->
                readUntil(
                    values -> Math.abs(raw(values, POSITION_ACTUAL) - position) <= 1,
                    "position %d after SetPosition".formatted(position)));
  }

  @Override
  public CompletableFuture<Void> prepareMove(
      long target, long velocity, long acceleration, long decel) {
    MotionCommand move = motion.move();
    CompletableFuture<Void> written =
        writeValues(values(move, target, velocity, acceleration, decel));
    return move.trigger().isEdge() ? written.thenCompose(v -> lower(move.trigger())) : written;
  }

  /** The drive re-plans on its next trigger; a held group keeps its halt by not triggering. */
  @Override
  public CompletableFuture<Void> prepareChange(
      long target, long velocity, long acceleration, long decel, boolean halted) {
    return prepareMove(target, velocity, acceleration, decel);
  }

  @Override
  public CompletableFuture<Void> startPrepared(WriteTrigger trigger) {
    SignalWrite start = motion.move().trigger();
    return channel.write(Map.of(start.signal(), start.raised()), trigger);
  }

  /** A trigger drive has no acknowledge bit: its answer to the trigger write is the acknowledge. */
  @Override
  public CompletableFuture<Void> awaitStarted() {
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<Void> clearStart() {
    SignalWrite start = motion.move().trigger();
    return start.isEdge() ? lower(start) : CompletableFuture.completedFuture(null);
  }

  @Override
  public boolean hasCyclicPosition() {
    return false;
  }

  @Override
  public CompletableFuture<Void> enterCyclicPosition(long position) {
    return notSupported("cyclic position (interpolated group moves)");
  }

  @Override
  public CompletableFuture<Void> writeSetpoint(long position, Duration deadline) {
    return notSupported("cyclic position (interpolated group moves)");
  }

  // ---- writes ----

  private static Map<String, Object> values(
      MotionCommand command, long target, long velocity, long acceleration, long decel) {
    Map<String, Object> block = new LinkedHashMap<>();
    if (command.target() != null) {
      block.put(command.target(), target);
    }
    block.put(command.velocity(), velocity);
    if (command.acceleration() != null) {
      block.put(command.acceleration(), acceleration);
    }
    if (command.deceleration() != null) {
      block.put(command.deceleration(), decel);
    }
    return block;
  }

  /** A command write: the plain value, or the bit's rising edge (clear, then set). */
  private CompletableFuture<Void> command(SignalWrite write) {
    return write.isEdge()
        ? lower(write).thenCompose(v -> raise(write))
        : channel.write(Map.of(write.signal(), write.value()));
  }

  private CompletableFuture<Void> lower(SignalWrite write) {
    return channel.write(Map.of(write.signal(), write.lowered()));
  }

  private CompletableFuture<Void> raise(SignalWrite write) {
    return write.isEdge() ? channel.write(Map.of(write.signal(), write.raised())) : command(write);
  }

  /**
   * Writes values; with {@code confirmWrites}, reads them back at once (on the link thread, ahead
   * of polls) and fails with Bad_DeviceFailure naming the signal when the drive did not keep one.
   */
  private CompletableFuture<Void> writeValues(Map<String, ?> values) {
    CompletableFuture<Void> written = channel.write(values);
    if (!motion.confirmWrites()) {
      return written;
    }
    return written.thenCompose(v -> confirm(values));
  }

  /** Reads values back at once and fails naming the first one the drive did not keep. */
  private CompletableFuture<Void> confirm(Map<String, ?> values) {
    return channel
        .read(values.keySet())
        .thenCompose(
            read -> {
              for (Map.Entry<String, ?> e : values.entrySet()) {
                long wanted = ((Number) e.getValue()).longValue();
                SignalValue got = read.get(e.getKey());
                if (got == null || !got.status().isGood() || got.asLong() != wanted) {
                  return CompletableFuture.failedFuture(
                      new UaException(
                          StatusCodes.Bad_DeviceFailure,
                          "axis %s: drive %s did not keep %s: wrote %d, read back %s"
                              .formatted(
                                  channel.axis(),
                                  channel.device(),
                                  e.getKey(),
                                  wanted,
                                  got == null
                                      ? "nothing"
                                      : got.asLong() + " (" + got.status() + ")")));
                }
              }
              return CompletableFuture.<Void>completedFuture(null);
            });
  }

  // ---- acknowledgement ----

  /**
   * After a trigger: reads the status at once until the drive shows it took the move (moving, or
   * standing at {@code target}), bounded by the state deadline; a following poll cannot then take
   * the state from before the trigger for the end of the move.
   */
  private CompletableFuture<Void> awaitTaken(Long target) {
    return readUntil(
        values -> {
          DriveStatus d = decodeAsRead(values);
          boolean movingNow =
              motion.moving() != null ? bit(values, motion.moving()) : !d.standing();
          boolean there =
              target != null
                  && d.standing()
                  && Math.abs(raw(values, POSITION_ACTUAL) - target) <= 1;
          return d.fault() || movingNow || there;
        },
        "the move started");
  }

  private CompletableFuture<Void> readUntil(
      java.util.function.Predicate<Map<String, SignalValue>> condition, String what) {
    List<String> signals = new ArrayList<>(stateSignals);
    signals.add(POSITION_ACTUAL);
    if (motion.faultCode() != null && !signals.contains(motion.faultCode())) {
      signals.add(motion.faultCode());
    }
    return channel.readUntil(signals, condition, what);
  }

  private CompletableFuture<Void> notSupported(String what) {
    return CompletableFuture.failedFuture(
        new UaException(
            StatusCodes.Bad_NotSupported,
            "axis %s: drive %s's profile declares no %s"
                .formatted(channel.axis(), channel.device(), what)));
  }

  @Override
  public String toString() {
    return "TriggerScheme[" + Objects.toString(channel.device()) + "]";
  }
}
