package io.motionua.server.axis;

import static io.motionua.drivers.DriveSignals.CONTROLWORD;
import static io.motionua.drivers.DriveSignals.ERROR_CODE;
import static io.motionua.drivers.DriveSignals.HOME_OFFSET;
import static io.motionua.drivers.DriveSignals.HOMING_METHOD;
import static io.motionua.drivers.DriveSignals.MODES_OF_OPERATION;
import static io.motionua.drivers.DriveSignals.MODES_OF_OPERATION_DISPLAY;
import static io.motionua.drivers.DriveSignals.PROFILE_ACCELERATION;
import static io.motionua.drivers.DriveSignals.PROFILE_DECELERATION;
import static io.motionua.drivers.DriveSignals.PROFILE_VELOCITY;
import static io.motionua.drivers.DriveSignals.STATUSWORD;
import static io.motionua.drivers.DriveSignals.TARGET_POSITION;
import static io.motionua.drivers.DriveSignals.TARGET_VELOCITY;
import static io.motionua.drivers.DriveSignals.VELOCITY_ACTUAL;

import io.motionua.drivers.SignalValue;
import io.motionua.drivers.WriteTrigger;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntPredicate;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CiA 402 over Modbus: the power sequence through the controlword, profile position (mode 1),
 * profile velocity (3), homing (6, method 35) and cyclic synchronous position (8), state from the
 * statusword (docs/drive-registers.md).
 */
final class Cia402Scheme implements DriveScheme {

  private static final Logger logger = LoggerFactory.getLogger(Cia402Scheme.class);

  /** CiA 402 homing method 35: the current position becomes the home position. */
  static final int HOMING_METHOD_CURRENT_POSITION = 35;

  private static final int START =
      Cia402.CW_ENABLE_OPERATION | Cia402.CW_NEW_SET_POINT | Cia402.CW_CHANGE_IMMEDIATELY;

  /** No value written yet, or the last write's outcome is not known. */
  private static final int UNKNOWN = -1;

  private final DriveChannel channel;
  private final Set<String> signals;

  /**
   * What this scheme last wrote to the drive's controlword and mode of operation, so that a move
   * can leave out writes that would not change the register: the only writer of both is this scheme
   * (link thread order), and an enable forgets them (a drive that restarted has its own).
   */
  private volatile int writtenControlword = UNKNOWN;

  private volatile int writtenMode = UNKNOWN;

  /** The last move's clear of bit 4, queued after its acknowledge; the next move waits for it. */
  private volatile CompletableFuture<Void> lastClear = CompletableFuture.completedFuture(null);

  /** The mode of operation the drive showed in the last poll. */
  private volatile int modeDisplay = UNKNOWN;

  /**
   * @param signals the signals the drive's profile maps (SetPosition needs {@code homeOffset})
   */
  Cia402Scheme(DriveChannel channel, Set<String> signals) {
    this.channel = channel;
    this.signals = Set.copyOf(signals);
  }

  @Override
  public String name() {
    return "cia402";
  }

  @Override
  public List<String> stateSignals() {
    return List.of(STATUSWORD);
  }

  @Override
  public DriveStatus decode(Map<String, SignalValue> values) {
    int sw = (int) value(values, STATUSWORD);
    boolean standing = (sw & Cia402.SW_TARGET_REACHED) != 0 && value(values, VELOCITY_ACTUAL) == 0;
    SignalValue display = values.get(MODES_OF_OPERATION_DISPLAY);
    modeDisplay = display != null && display.status().isGood() ? (int) display.asLong() : UNKNOWN;
    boolean homingDone =
        (int) value(values, MODES_OF_OPERATION_DISPLAY) == Cia402.MODE_HOMING
            && (sw & Cia402.SW_HOMING_ATTAINED) != 0;
    return new DriveStatus(
        Cia402.isOperationEnabled(sw),
        standing,
        Cia402.isFault(sw),
        (int) value(values, ERROR_CODE),
        null,
        homingDone,
        sw,
        (int) value(values, CONTROLWORD));
  }

  private static double value(Map<String, SignalValue> values, String name) {
    SignalValue v = values.get(name);
    return v == null ? 0 : v.asDouble();
  }

  @Override
  public CompletableFuture<Void> enable() {
    writtenMode = UNKNOWN;
    if (Cia402.isOperationEnabled(channel.latest().statusword())) {
      return CompletableFuture.completedFuture(null);
    }
    return control(Cia402.CW_SHUTDOWN)
        .thenCompose(w -> awaitStatus(Cia402::isReadyToSwitchOn, "ready to switch on"))
        .thenCompose(w -> control(Cia402.CW_SWITCH_ON))
        .thenCompose(w -> awaitStatus(Cia402::isSwitchedOn, "switched on"))
        .thenCompose(w -> control(Cia402.CW_ENABLE_OPERATION))
        .thenCompose(w -> awaitStatus(Cia402::isOperationEnabled, "operation enabled"));
  }

  @Override
  public CompletableFuture<Void> disable() {
    return control(Cia402.CW_DISABLE_VOLTAGE)
        .thenCompose(w -> awaitStatus(sw -> !Cia402.isOperationEnabled(sw), "disabled"));
  }

  /**
   * Mode, profile block and the new-set-point edge in one link command (requests in that order, no
   * thread hop between them), the mode only when the drive is not already in profile position; then
   * the set-point acknowledge read back at once. Completes there: bit 4 is cleared again by a write
   * queued on the link before completing, so it goes out ahead of any later command (one thread per
   * link, in order), and the next move waits for its outcome (writing it again if it failed). Four
   * link transactions in the usual case, three of them before the call returns.
   */
  @Override
  public CompletableFuture<Void> moveAbsolute(
      long target, long velocity, long acceleration, long decel) {
    Map<String, Object> start = new LinkedHashMap<>();
    if (writtenMode != Cia402.MODE_PROFILE_POSITION
        || modeDisplay != Cia402.MODE_PROFILE_POSITION) {
      start.put(MODES_OF_OPERATION, Cia402.MODE_PROFILE_POSITION);
    }
    start.putAll(profileBlock(target, velocity, acceleration, decel));
    start.put(CONTROLWORD, START);
    // Bit 4 low first: a homing run leaves it high, and the set-point needs its rising edge.
    CompletableFuture<Void> edgeReady =
        lastClear
            .handle((v, e) -> null)
            .thenCompose(
                v ->
                    writtenControlword == Cia402.CW_ENABLE_OPERATION
                        ? CompletableFuture.completedFuture(null)
                        : control(Cia402.CW_ENABLE_OPERATION));
    return edgeReady
        .thenCompose(v -> tracked(start))
        .thenCompose(v -> awaitStarted())
        .thenRun(this::clearAfterAcknowledge);
  }

  /** Queues the falling edge of bit 4 (see {@link #moveAbsolute}); a failure is only logged. */
  private void clearAfterAcknowledge() {
    lastClear =
        control(Cia402.CW_ENABLE_OPERATION)
            .whenComplete(
                (v, e) -> {
                  if (e != null) {
                    logger.warn(
                        "axis {}: drive {}: clearing the new-set-point bit after the move's"
                            + " acknowledge failed ({}); the next move writes it first",
                        channel.axis(),
                        channel.device(),
                        e.getMessage());
                  }
                });
  }

  /** Writes values that may hold the controlword or the mode, keeping what was written. */
  private CompletableFuture<Void> tracked(Map<String, ?> values) {
    Object cw = values.get(CONTROLWORD);
    Object mode = values.get(MODES_OF_OPERATION);
    if (cw != null) {
      writtenControlword = UNKNOWN;
    }
    if (mode != null) {
      writtenMode = UNKNOWN;
    }
    return channel
        .write(values)
        .thenRun(
            () -> {
              if (cw != null) {
                writtenControlword = ((Number) cw).intValue();
              }
              if (mode != null) {
                writtenMode = ((Number) mode).intValue();
              }
            });
  }

  @Override
  public CompletableFuture<Void> moveVelocity(long velocity, long acceleration, long decel) {
    Map<String, Object> block = new LinkedHashMap<>();
    block.put(PROFILE_ACCELERATION, acceleration);
    block.put(PROFILE_DECELERATION, decel);
    return mode(Cia402.MODE_PROFILE_VELOCITY)
        .thenCompose(w -> channel.write(block))
        .thenCompose(w -> writeTargetVelocity(velocity))
        .thenCompose(w -> control(Cia402.CW_ENABLE_OPERATION));
  }

  @Override
  public CompletableFuture<Void> writeTargetVelocity(long velocity) {
    return channel.write(Map.of(TARGET_VELOCITY, velocity));
  }

  @Override
  public CompletableFuture<Void> halt(long deceleration) {
    Map<String, Object> block = new LinkedHashMap<>();
    block.put(PROFILE_DECELERATION, deceleration);
    // In velocity mode clearing halt later would resume the old velocity: zero it.
    block.put(TARGET_VELOCITY, 0L);
    return channel
        .write(block)
        .thenCompose(w -> control(Cia402.CW_ENABLE_OPERATION | Cia402.CW_HALT));
  }

  @Override
  public CompletableFuture<Void> home() {
    return channel
        .write(Map.of(HOMING_METHOD, HOMING_METHOD_CURRENT_POSITION))
        .thenCompose(v -> mode(Cia402.MODE_HOMING))
        .thenCompose(v -> control(Cia402.CW_ENABLE_OPERATION))
        .thenCompose(v -> control(Cia402.CW_ENABLE_OPERATION | Cia402.CW_NEW_SET_POINT));
  }

  /** A fault reset is the rising edge of controlword bit 7; then the bit goes low again. */
  @Override
  public CompletableFuture<Void> reset() {
    if (!Cia402.isFault(channel.latest().statusword())) {
      return CompletableFuture.completedFuture(null);
    }
    return control(0)
        .thenCompose(v -> control(Cia402.CW_FAULT_RESET))
        .thenCompose(v -> awaitStatus(sw -> !Cia402.isFault(sw), "fault cleared"))
        .thenCompose(v -> control(0));
  }

  /**
   * Homing method 35 with the home offset (0x607C) set to the position: the drive takes the current
   * position as home and reports the offset there. Needs {@code homeOffset} in the profile; the
   * run's end shows like Home's.
   */
  @Override
  public CompletableFuture<Void> setPosition(long position) {
    if (!signals.contains(HOME_OFFSET)) {
      return CompletableFuture.failedFuture(
          new UaException(
              StatusCodes.Bad_NotSupported,
              "axis %s: drive %s's profile maps no homeOffset (0x607C), which SetPosition needs"
                  .formatted(channel.axis(), channel.device())));
    }
    return channel.write(Map.of(HOME_OFFSET, position)).thenCompose(v -> home());
  }

  @Override
  public CompletableFuture<Void> prepareMove(
      long target, long velocity, long acceleration, long decel) {
    return mode(Cia402.MODE_PROFILE_POSITION)
        .thenCompose(v -> channel.write(profileBlock(target, velocity, acceleration, decel)))
        .thenCompose(v -> control(Cia402.CW_ENABLE_OPERATION));
  }

  /** Keeps the halt bit if the group holds the drive; the next start re-plans from where it is. */
  @Override
  public CompletableFuture<Void> prepareChange(
      long target, long velocity, long acceleration, long decel, boolean halted) {
    int cw = Cia402.CW_ENABLE_OPERATION | (halted ? Cia402.CW_HALT : 0);
    return channel
        .write(profileBlock(target, velocity, acceleration, decel))
        .thenCompose(v -> control(cw));
  }

  private static Map<String, Object> profileBlock(
      long target, long velocity, long acceleration, long decel) {
    Map<String, Object> block = new LinkedHashMap<>();
    block.put(TARGET_POSITION, target);
    block.put(PROFILE_VELOCITY, velocity);
    block.put(PROFILE_ACCELERATION, acceleration);
    block.put(PROFILE_DECELERATION, decel);
    return block;
  }

  @Override
  public CompletableFuture<Void> startPrepared(WriteTrigger trigger) {
    writtenControlword = UNKNOWN;
    return channel
        .write(Map.of(CONTROLWORD, START), trigger)
        .thenRun(() -> writtenControlword = START);
  }

  /**
   * The set-point acknowledge (statusword bit 12), read at once after the start write rather than
   * waiting for the next poll: the call returns one or two link round trips after the drive took
   * the set-point.
   */
  @Override
  public CompletableFuture<Void> awaitStarted() {
    return channel.readUntil(
        List.of(STATUSWORD),
        values -> {
          SignalValue sw = values.get(STATUSWORD);
          return sw != null
              && sw.status().isGood()
              && (sw.asLong() & Cia402.SW_SET_POINT_ACKNOWLEDGE) != 0;
        },
        "set-point acknowledged");
  }

  /** Clears the new-set-point bit, ready for the next rising edge. */
  @Override
  public CompletableFuture<Void> clearStart() {
    return control(Cia402.CW_ENABLE_OPERATION);
  }

  @Override
  public boolean hasCyclicPosition() {
    return true;
  }

  @Override
  public CompletableFuture<Void> enterCyclicPosition(long position) {
    return mode(Cia402.MODE_CYCLIC_SYNC_POSITION)
        .thenCompose(v -> control(Cia402.CW_ENABLE_OPERATION))
        .thenCompose(v -> writeSetpoint(position, DriveChannel.WRITE_DEADLINE));
  }

  @Override
  public CompletableFuture<Void> writeSetpoint(long position, Duration deadline) {
    return channel.write(Map.of(TARGET_POSITION, position), deadline);
  }

  private CompletableFuture<Void> control(int controlword) {
    return tracked(Map.of(CONTROLWORD, controlword));
  }

  private CompletableFuture<Void> mode(int mode) {
    return tracked(Map.of(MODES_OF_OPERATION, mode));
  }

  private CompletableFuture<Void> awaitStatus(IntPredicate condition, String what) {
    return channel.awaitDrive(d -> condition.test(d.statusBits()), what);
  }
}
