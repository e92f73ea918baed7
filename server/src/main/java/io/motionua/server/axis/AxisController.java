package io.motionua.server.axis;

import static io.motionua.drivers.DriveSignals.CONTROLWORD;
import static io.motionua.drivers.DriveSignals.ERROR_CODE;
import static io.motionua.drivers.DriveSignals.FOLLOWING_ERROR;
import static io.motionua.drivers.DriveSignals.HOMING_METHOD;
import static io.motionua.drivers.DriveSignals.MODES_OF_OPERATION;
import static io.motionua.drivers.DriveSignals.MODES_OF_OPERATION_DISPLAY;
import static io.motionua.drivers.DriveSignals.MOTOR_TEMPERATURE;
import static io.motionua.drivers.DriveSignals.POSITION_ACTUAL;
import static io.motionua.drivers.DriveSignals.POSITION_DEMAND;
import static io.motionua.drivers.DriveSignals.PROFILE_ACCELERATION;
import static io.motionua.drivers.DriveSignals.PROFILE_DECELERATION;
import static io.motionua.drivers.DriveSignals.PROFILE_VELOCITY;
import static io.motionua.drivers.DriveSignals.STATUSWORD;
import static io.motionua.drivers.DriveSignals.TARGET_POSITION;
import static io.motionua.drivers.DriveSignals.TARGET_VELOCITY;
import static io.motionua.drivers.DriveSignals.VELOCITY_ACTUAL;

import io.motionua.drivers.Link;
import io.motionua.drivers.SignalStatus;
import io.motionua.drivers.SignalValue;
import io.motionua.drivers.WriteTrigger;
import io.motionua.server.config.AxisSpec;
import io.motionua.server.config.LimitsSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One axis: turns commands in load-side units into CiA 402 traffic on its drive, and the drive's
 * polled signals into an {@link AxisSnapshot}. Never blocks: every command is a chain of link
 * writes and waits for the statusword, each bounded, completing when the drive has accepted the
 * command.
 */
public final class AxisController {

  private static final Logger logger = LoggerFactory.getLogger(AxisController.class);

  /** How long one write may take, queueing on the link included. */
  static final Duration WRITE_DEADLINE = Duration.ofSeconds(1);

  /** How long the drive may take to show a requested state in its statusword. */
  static final Duration STATE_DEADLINE = Duration.ofSeconds(2);

  /** CiA 402 homing method 35: the current position becomes zero. */
  static final int HOMING_METHOD_CURRENT_POSITION = 35;

  private final AxisSpec spec;
  private final String device;
  private final Link link;
  private final AxisUnits units;
  private final ScheduledExecutorService timers;
  private final List<Consumer<AxisSnapshot>> observers = new CopyOnWriteArrayList<>();
  private final List<Consumer<AxisEvent>> eventListeners = new CopyOnWriteArrayList<>();
  private final List<DoubleConsumer> overrideListeners = new CopyOnWriteArrayList<>();
  private final AxisStateMachine machine;
  private final List<StatusWaiter> waiters = new CopyOnWriteArrayList<>();
  private final Map<String, SignalValue> signals = new LinkedHashMap<>();

  private final Object powerLock = new Object();

  /** The power-on sequence in flight, if any; guarded by {@code powerLock}. */
  private CompletableFuture<Void> poweringOn;

  private volatile AxisSnapshot snapshot = AxisSnapshot.initial();
  private volatile LimitsSpec limits;
  private volatile double speedOverride = 100.0;

  public AxisController(
      AxisSpec spec, String device, Link link, AxisUnits units, ScheduledExecutorService timers) {
    this.spec = spec;
    this.device = device;
    this.link = link;
    this.units = units;
    this.timers = timers;
    this.machine = new AxisStateMachine(spec.name());
    this.limits = spec.limits();
  }

  public String name() {
    return spec.name();
  }

  public String device() {
    return device;
  }

  public AxisSpec spec() {
    return spec;
  }

  /** The limits in force: the configured ones, or what an engineer wrote since. */
  public LimitsSpec limits() {
    return limits;
  }

  /**
   * Sets the software limits (an engineer's write). Refuses an empty or inverted range with
   * Bad_OutOfRange; a limit beyond the configured one is refused as well, since the configured
   * limits are the machine's mechanical ones.
   */
  public void setSoftwareLimits(double min, double max) throws UaException {
    LimitsSpec configured = spec.limits();
    if (!(min < max) || min < configured.min() || max > configured.max()) {
      throw new UaException(
          StatusCodes.Bad_OutOfRange,
          "axis %s: software limits [%s, %s] must lie within the configured [%s, %s] %s"
              .formatted(spec.name(), min, max, configured.min(), configured.max(), units.unit()));
    }
    LimitsSpec now = limits;
    limits = new LimitsSpec(min, max, now.velocity(), now.acceleration(), now.deceleration());
    logger.info("axis {}: software limits now [{}, {}] {}", spec.name(), min, max, units.unit());
  }

  /** The speed override in percent (0 to 100) applied to the velocity of every later move. */
  public double speedOverride() {
    return speedOverride;
  }

  public void setSpeedOverride(double percent) throws UaException {
    if (!(percent >= 0 && percent <= 100)) {
      throw new UaException(
          StatusCodes.Bad_OutOfRange,
          "SpeedOverride %s is out of range [0, 100] %%".formatted(percent));
    }
    speedOverride = percent;
    for (DoubleConsumer listener : overrideListeners) {
      try {
        listener.accept(percent);
      } catch (RuntimeException e) {
        logger.warn("axis {}: SpeedOverride listener failed", spec.name(), e);
      }
    }
  }

  /**
   * Listeners hear every accepted SpeedOverride write (percent), on the writer's thread: a group
   * move that is running follows it. They must be quick.
   */
  public void addSpeedOverrideListener(DoubleConsumer listener) {
    overrideListeners.add(listener);
  }

  /**
   * Writes the drive's target velocity (CiA 402 0x60FF) in load units per second, through the link
   * ahead of polls; completes when the drive acknowledged. In profile velocity mode the axis
   * follows it at once.
   */
  public CompletableFuture<Void> writeTargetVelocity(double velocity) {
    LimitsSpec lim = limits;
    if (!(velocity >= -lim.velocity() && velocity <= lim.velocity())) {
      return CompletableFuture.failedFuture(
          new UaException(
              StatusCodes.Bad_OutOfRange,
              "axis %s: TargetVelocity %s is out of range [%s, %s] %s/s"
                  .formatted(
                      spec.name(), velocity, -lim.velocity(), lim.velocity(), units.unit())));
    }
    return write(Map.of(TARGET_VELOCITY, units.toIncrements(velocity)));
  }

  public AxisUnits units() {
    return units;
  }

  public AxisSnapshot snapshot() {
    return snapshot;
  }

  /** Observers run on the link thread after each poll; they must be quick. */
  public void addObserver(Consumer<AxisSnapshot> observer) {
    observers.add(observer);
  }

  /** Called on the link thread with the signals of one poll of this axis's drive. */
  public void onSignals(Map<String, SignalValue> values) {
    AxisSnapshot next;
    List<AxisEvent> events;
    synchronized (signals) {
      signals.putAll(values);
      AxisSnapshot polled = derive();
      events =
          machine.onPoll(
              polled.isOnline(),
              polled.statusword(),
              (int) signal(MODES_OF_OPERATION_DISPLAY).asLong(),
              signal(VELOCITY_ACTUAL).asDouble(),
              polled.errorCode());
      next = polled.withState(machine.state(), machine.homed());
    }
    snapshot = next;
    for (StatusWaiter waiter : waiters) {
      if (waiter.condition.test(next)) {
        waiters.remove(waiter);
        waiter.future.complete(null);
      }
    }
    for (Consumer<AxisSnapshot> observer : observers) {
      try {
        observer.accept(next);
      } catch (RuntimeException e) {
        logger.warn("axis {}: observer failed", spec.name(), e);
      }
    }
    for (AxisEvent event : events) {
      logger.info("{}", event.message());
      for (Consumer<AxisEvent> listener : eventListeners) {
        try {
          listener.accept(event);
        } catch (RuntimeException e) {
          logger.warn("axis {}: event listener failed", spec.name(), e);
        }
      }
    }
  }

  /**
   * Listeners run on the link thread when the axis faults, loses or regains its drive, or completes
   * a move.
   */
  public void addEventListener(Consumer<AxisEvent> listener) {
    eventListeners.add(listener);
  }

  private AxisSnapshot derive() {
    SignalValue position = signal(POSITION_ACTUAL);
    SignalValue statusword = signal(STATUSWORD);
    SignalStatus status =
        position.status().ordinal() >= statusword.status().ordinal()
            ? position.status()
            : statusword.status();
    int sw = (int) statusword.asLong();
    double actual = units.toUnits(position.asDouble());
    double demand =
        signals.containsKey(POSITION_DEMAND)
            ? units.toUnits(signal(POSITION_DEMAND).asDouble())
            : actual;
    return new AxisSnapshot(
        actual,
        units.toUnits(signal(VELOCITY_ACTUAL).asDouble()),
        demand,
        units.toUnits(signal(FOLLOWING_ERROR).asDouble()),
        signal(MOTOR_TEMPERATURE).asDouble(),
        sw,
        (int) signal(CONTROLWORD).asLong(),
        (int) signal(ERROR_CODE).asLong(),
        AxisState.Disabled,
        false,
        status,
        position.sourceTime());
  }

  private SignalValue signal(String name) {
    SignalValue v = signals.get(name);
    return v == null ? SignalValue.waiting() : v;
  }

  /**
   * Completes at the first poll that reads the drive (status Good), or fails after the bound: for
   * start-up actions that need the drive to be reachable first.
   */
  public CompletableFuture<Void> online(Duration bound) {
    return await(
        AxisSnapshot::isOnline,
        bound,
        () ->
            new UaException(
                StatusCodes.Bad_NoCommunication,
                "axis %s: drive %s did not answer within %d ms (%s)"
                    .formatted(spec.name(), device, bound.toMillis(), snapshot.status())));
  }

  /**
   * MC_Power: powers the drive through the CiA 402 sequence (shutdown, switch on, enable
   * operation), or disables its voltage. Completes when the statusword shows the result.
   */
  public CompletableFuture<Void> power(boolean enable) {
    if (!enable) {
      return powerSequence(false);
    }
    // Two power-on sequences at once (enableOnStart and an early GroupEnable, say) would
    // interleave their controlwords, and one would wait for a state the other already left: a
    // second Power(true) joins the sequence in flight instead.
    synchronized (powerLock) {
      if (poweringOn == null || poweringOn.isDone()) {
        poweringOn = powerSequence(true);
      }
      return poweringOn.copy();
    }
  }

  private CompletableFuture<Void> powerSequence(boolean enable) {
    AxisCommand command = enable ? AxisCommand.POWER_ON : AxisCommand.POWER_OFF;
    return accepted(command)
        .thenCompose(
            v -> {
              if (!enable) {
                return write(Map.of(CONTROLWORD, Cia402.CW_DISABLE_VOLTAGE))
                    .thenCompose(
                        w -> awaitStatus(sw -> !Cia402.isOperationEnabled(sw), "disabled"));
              }
              if (Cia402.isOperationEnabled(snapshot.statusword())) {
                return CompletableFuture.<Void>completedFuture(null);
              }
              return write(Map.of(CONTROLWORD, Cia402.CW_SHUTDOWN))
                  .thenCompose(w -> awaitStatus(Cia402::isReadyToSwitchOn, "ready to switch on"))
                  .thenCompose(w -> write(Map.of(CONTROLWORD, Cia402.CW_SWITCH_ON)))
                  .thenCompose(w -> awaitStatus(Cia402::isSwitchedOn, "switched on"))
                  .thenCompose(w -> write(Map.of(CONTROLWORD, Cia402.CW_ENABLE_OPERATION)))
                  .thenCompose(w -> awaitStatus(Cia402::isOperationEnabled, "operation enabled"));
            })
        .thenRun(() -> begin(command));
  }

  /**
   * MC_MoveAbsolute: a profile-position move to an absolute load-side position. Velocity,
   * acceleration and deceleration of 0 mean the axis's configured limits. Completes once the drive
   * acknowledged the set-point; the move shows in AxisState and ends with a MoveCompleted event.
   */
  public CompletableFuture<Void> moveAbsolute(
      double position, double velocity, double acceleration, double deceleration) {
    LimitsSpec lim = limits;
    return checked(
            () -> {
              checkRange("Position", position, lim.min(), lim.max());
              checkProfile(velocity, acceleration, deceleration);
            },
            AxisCommand.MOVE)
        .thenCompose(v -> startProfilePosition(position, velocity, acceleration, deceleration));
  }

  /** MC_MoveRelative: a move by a distance from the actual position, within the software limits. */
  public CompletableFuture<Void> moveRelative(
      double distance, double velocity, double acceleration, double deceleration) {
    double target = snapshot.position() + distance;
    LimitsSpec lim = limits;
    return checked(
            () -> {
              if (!(target >= lim.min() && target <= lim.max())) {
                throw new UaException(
                    StatusCodes.Bad_OutOfRange,
                    "axis %s: Distance %s from %s ends at %s, outside the software limits [%s, %s] %s"
                        .formatted(
                            spec.name(),
                            distance,
                            snapshot.position(),
                            target,
                            lim.min(),
                            lim.max(),
                            units.unit()));
              }
              checkProfile(velocity, acceleration, deceleration);
            },
            AxisCommand.MOVE)
        .thenCompose(v -> startProfilePosition(target, velocity, acceleration, deceleration));
  }

  private CompletableFuture<Void> startProfilePosition(
      double position, double velocity, double acceleration, double deceleration) {
    LimitsSpec lim = limits;
    Map<String, Object> block = new LinkedHashMap<>();
    block.put(TARGET_POSITION, units.toIncrements(position));
    block.put(
        PROFILE_VELOCITY,
        Math.max(1, units.toIncrements(orDefault(velocity, lim.velocity()) * speedOverride / 100)));
    block.put(
        PROFILE_ACCELERATION, units.toIncrements(orDefault(acceleration, lim.acceleration())));
    block.put(
        PROFILE_DECELERATION, units.toIncrements(orDefault(deceleration, lim.deceleration())));
    int start = Cia402.CW_ENABLE_OPERATION | Cia402.CW_NEW_SET_POINT | Cia402.CW_CHANGE_IMMEDIATELY;
    return write(Map.of(MODES_OF_OPERATION, Cia402.MODE_PROFILE_POSITION))
        .thenCompose(v -> write(block))
        // Bit 4 low first: a homing run leaves it high, and the set-point needs its rising edge.
        .thenCompose(v -> write(Map.of(CONTROLWORD, Cia402.CW_ENABLE_OPERATION)))
        .thenCompose(v -> write(Map.of(CONTROLWORD, start)))
        .thenCompose(
            v ->
                awaitStatus(
                    sw -> (sw & Cia402.SW_SET_POINT_ACKNOWLEDGE) != 0, "set-point acknowledged"))
        .thenCompose(v -> write(Map.of(CONTROLWORD, Cia402.CW_ENABLE_OPERATION)))
        .thenRun(
            () -> {
              begin(AxisCommand.MOVE);
              logger.info(
                  "axis {}: moving to {} {} at {} {}/s",
                  spec.name(),
                  position,
                  units.unit(),
                  orDefault(velocity, lim.velocity()),
                  units.unit());
            });
  }

  /** MC_MoveVelocity: runs at a velocity (negative: backwards) until Stop or Halt. */
  public CompletableFuture<Void> moveVelocity(
      double velocity, double acceleration, double deceleration) {
    LimitsSpec lim = limits;
    return checked(
            () -> {
              checkRange("Velocity", velocity, -lim.velocity(), lim.velocity());
              checkRange("Acceleration", acceleration, 0, lim.acceleration());
              checkRange("Deceleration", deceleration, 0, lim.deceleration());
            },
            AxisCommand.MOVE_VELOCITY)
        .thenCompose(
            v -> {
              Map<String, Object> block = new LinkedHashMap<>();
              block.put(
                  PROFILE_ACCELERATION,
                  units.toIncrements(orDefault(acceleration, lim.acceleration())));
              block.put(
                  PROFILE_DECELERATION,
                  units.toIncrements(orDefault(deceleration, lim.deceleration())));
              return write(Map.of(MODES_OF_OPERATION, Cia402.MODE_PROFILE_VELOCITY))
                  .thenCompose(w -> write(block))
                  .thenCompose(
                      w ->
                          write(
                              Map.of(
                                  TARGET_VELOCITY,
                                  units.toIncrements(velocity * speedOverride / 100))))
                  .thenCompose(w -> write(Map.of(CONTROLWORD, Cia402.CW_ENABLE_OPERATION)));
            })
        .thenRun(() -> begin(AxisCommand.MOVE_VELOCITY));
  }

  /**
   * MC_Stop: decelerates to standstill (0: the axis's deceleration limit); the axis stays in
   * Stopping, refusing motion commands, until it stands still.
   */
  public CompletableFuture<Void> stop(double deceleration) {
    return decelerate(deceleration, AxisCommand.STOP);
  }

  /** MC_Halt: decelerates to standstill like a move that ends there; a new move may follow. */
  public CompletableFuture<Void> halt(double deceleration) {
    return decelerate(deceleration, AxisCommand.HALT);
  }

  private CompletableFuture<Void> decelerate(double deceleration, AxisCommand command) {
    LimitsSpec lim = limits;
    return checked(() -> checkRange("Deceleration", deceleration, 0, lim.deceleration()), command)
        .thenCompose(
            v -> {
              Map<String, Object> block = new LinkedHashMap<>();
              block.put(
                  PROFILE_DECELERATION,
                  units.toIncrements(orDefault(deceleration, lim.deceleration())));
              // In velocity mode clearing halt later would resume the old velocity: zero it.
              block.put(TARGET_VELOCITY, 0L);
              return write(block)
                  .thenCompose(
                      w -> write(Map.of(CONTROLWORD, Cia402.CW_ENABLE_OPERATION | Cia402.CW_HALT)));
            })
        .thenRun(() -> begin(command));
  }

  /** MC_Home: homes the drive (CiA 402 homing mode, method 35: the current position is zero). */
  public CompletableFuture<Void> home() {
    return accepted(AxisCommand.HOME).thenCompose(v -> startHoming());
  }

  private CompletableFuture<Void> startHoming() {
    return write(Map.of(HOMING_METHOD, HOMING_METHOD_CURRENT_POSITION))
        .thenCompose(v -> write(Map.of(MODES_OF_OPERATION, Cia402.MODE_HOMING)))
        .thenCompose(v -> write(Map.of(CONTROLWORD, Cia402.CW_ENABLE_OPERATION)))
        .thenCompose(
            v -> write(Map.of(CONTROLWORD, Cia402.CW_ENABLE_OPERATION | Cia402.CW_NEW_SET_POINT)))
        .thenRun(() -> begin(AxisCommand.HOME));
  }

  /**
   * MC_Reset: leaves ErrorStop. Sends a fault reset (rising edge of controlword bit 7) when the
   * drive reports a fault and waits until it clears; elsewhere it does nothing, as in PLCopen.
   */
  public CompletableFuture<Void> reset() {
    if (machine.state() != AxisState.ErrorStop) {
      return CompletableFuture.completedFuture(null);
    }
    if (!snapshot.isOnline()) {
      return CompletableFuture.failedFuture(
          new UaException(
              StatusCodes.Bad_NoCommunication,
              "axis %s: drive %s is not answering (%s)"
                  .formatted(spec.name(), device, snapshot.status())));
    }
    CompletableFuture<Void> cleared =
        Cia402.isFault(snapshot.statusword())
            ? write(Map.of(CONTROLWORD, 0))
                .thenCompose(v -> write(Map.of(CONTROLWORD, Cia402.CW_FAULT_RESET)))
                .thenCompose(v -> awaitStatus(sw -> !Cia402.isFault(sw), "fault cleared"))
                .thenCompose(v -> write(Map.of(CONTROLWORD, 0)))
            : CompletableFuture.completedFuture(null);
    return cleared.thenRun(() -> begin(AxisCommand.RESET));
  }

  // ---- for axis groups (io.motionua.server.group): the group owns the axis meanwhile ----

  /**
   * Reserves the axis for a group move: refused with Bad_InvalidState unless it stands still and
   * powered, and with Bad_NoCommunication when the drive does not answer. Until {@link
   * #endSynchronized()} the axis is in SynchronizedMotion and refuses single-axis motion.
   */
  public void beginSynchronized() throws UaException {
    machine.check(AxisCommand.SYNCHRONIZED);
    if (!snapshot.isOnline()) {
      throw new UaException(
          StatusCodes.Bad_NoCommunication,
          "axis %s: drive %s is not answering (%s)"
              .formatted(spec.name(), device, snapshot.status()));
    }
    begin(AxisCommand.SYNCHRONIZED);
  }

  /**
   * Reserves the axis for a group's homing (GroupHome): refused like {@link #home()} unless it
   * stands still, powered and answering. Until {@link #endSynchronized()} every single-axis motion
   * command is refused, Stop and Home included.
   */
  public void beginGroupHoming() throws UaException {
    machine.check(AxisCommand.HOME);
    if (!snapshot.isOnline()) {
      throw new UaException(
          StatusCodes.Bad_NoCommunication,
          "axis %s: drive %s is not answering (%s)"
              .formatted(spec.name(), device, snapshot.status()));
    }
    machine.reserveForGroup();
  }

  /**
   * Homes the axis for its group after {@link #beginGroupHoming()}: the same CiA 402 sequence as
   * {@link #home()}; AxisState shows Homing, and Homed once the drive attained it.
   */
  public CompletableFuture<Void> homeForGroup() {
    return startHoming();
  }

  /**
   * Gives the axis back after a group move or homing; the next poll shows Standstill (or
   * ErrorStop), and single-axis commands are accepted from then on. A homing that did not finish
   * (the group stopped it) is abandoned.
   */
  public void endSynchronized() {
    machine.endSynchronized();
  }

  /**
   * Loads a profile-position move into the drive without starting it: mode 1, target, profile
   * velocity, acceleration and deceleration (load-side units), and a controlword with the
   * new-set-point bit clear, so that {@link #startPreparedMove(WriteTrigger)} makes a rising edge.
   */
  public CompletableFuture<Void> prepareProfileMove(
      double target, double velocity, double acceleration, double deceleration) {
    return write(Map.of(MODES_OF_OPERATION, Cia402.MODE_PROFILE_POSITION))
        .thenCompose(v -> write(profileBlock(target, velocity, acceleration, deceleration)))
        .thenCompose(v -> write(Map.of(CONTROLWORD, Cia402.CW_ENABLE_OPERATION)));
  }

  /**
   * Loads a new set-point for a running group move (a SpeedOverride change) without starting it:
   * target, profile velocity, acceleration and deceleration, and the controlword with the
   * new-set-point bit clear, the halt bit kept if the group holds the drive, so that {@link
   * #startPreparedMove()} (change set immediately) makes the drive re-plan from where it is.
   */
  public CompletableFuture<Void> prepareProfileChange(
      double target, double velocity, double acceleration, double deceleration, boolean halted) {
    int cw = Cia402.CW_ENABLE_OPERATION | (halted ? Cia402.CW_HALT : 0);
    return write(profileBlock(target, velocity, acceleration, deceleration))
        .thenCompose(v -> write(Map.of(CONTROLWORD, cw)));
  }

  private Map<String, Object> profileBlock(
      double target, double velocity, double acceleration, double deceleration) {
    Map<String, Object> block = new LinkedHashMap<>();
    block.put(TARGET_POSITION, units.toIncrements(target));
    // At least one increment per second: a drive refuses a set-point with a zero profile.
    block.put(PROFILE_VELOCITY, Math.max(1, units.toIncrements(velocity)));
    block.put(PROFILE_ACCELERATION, Math.max(1, units.toIncrements(acceleration)));
    block.put(PROFILE_DECELERATION, Math.max(1, units.toIncrements(deceleration)));
    return block;
  }

  /**
   * Starts the prepared move: one controlword write (new set-point, change immediately). Completes
   * when the drive took the write; it is queued ahead of polls, so the link thread sends it at
   * once. A group submits this on every member before waiting for any.
   */
  /**
   * Starts the prepared move (controlword new set-point); the link holds the write until every
   * other party of {@code trigger} is ready too, so a group's drives start together.
   */
  public CompletableFuture<Void> startPreparedMove(WriteTrigger trigger) {
    return link.write(
        device,
        Map.of(
            CONTROLWORD,
            Cia402.CW_ENABLE_OPERATION | Cia402.CW_NEW_SET_POINT | Cia402.CW_CHANGE_IMMEDIATELY),
        WRITE_DEADLINE,
        trigger);
  }

  /** After a start: completes when the drive acknowledged the set-point (statusword bit 12). */
  public CompletableFuture<Void> awaitSetPointAcknowledged() {
    return awaitStatus(sw -> (sw & Cia402.SW_SET_POINT_ACKNOWLEDGE) != 0, "set-point acknowledged");
  }

  /** Clears the new-set-point bit after an acknowledged start, ready for the next edge. */
  public CompletableFuture<Void> clearNewSetPoint() {
    return write(Map.of(CONTROLWORD, Cia402.CW_ENABLE_OPERATION));
  }

  /** Switches the drive to cyclic synchronous position (mode 8), holding the given position. */
  public CompletableFuture<Void> enterCyclicPosition(double position) {
    return write(Map.of(MODES_OF_OPERATION, Cia402.MODE_CYCLIC_SYNC_POSITION))
        .thenCompose(v -> write(Map.of(CONTROLWORD, Cia402.CW_ENABLE_OPERATION)))
        .thenCompose(v -> writeSetpoint(position, WRITE_DEADLINE));
  }

  /** One cyclic setpoint (load-side units) in mode 8; the deadline bounds queueing on the link. */
  public CompletableFuture<Void> writeSetpoint(double position, Duration deadline) {
    return link.write(device, Map.of(TARGET_POSITION, units.toIncrements(position)), deadline);
  }

  /**
   * Decelerates a profile-position move to standstill with the given deceleration (load-side
   * units), whatever the PLCopen state: a group's fault reaction and GroupStop. The axis stays in
   * SynchronizedMotion until the group gives it back.
   */
  public CompletableFuture<Void> haltForGroup(double deceleration) {
    Map<String, Object> block = new LinkedHashMap<>();
    block.put(PROFILE_DECELERATION, Math.max(1, units.toIncrements(deceleration)));
    block.put(TARGET_VELOCITY, 0L);
    return write(block)
        .thenCompose(w -> write(Map.of(CONTROLWORD, Cia402.CW_ENABLE_OPERATION | Cia402.CW_HALT)));
  }

  /**
   * Records an accepted command and shows its state at once: when a method returns Good, AxisState
   * already says what the axis is doing. Runs on the link thread, like the polls.
   */
  private void begin(AxisCommand command) {
    machine.begin(command);
    AxisSnapshot next;
    synchronized (signals) {
      next = snapshot.withState(machine.state(), machine.homed());
      snapshot = next;
    }
    for (Consumer<AxisSnapshot> observer : observers) {
      observer.accept(next);
    }
  }

  /** The command is allowed in the current state, and the drive answers. */
  private CompletableFuture<Void> accepted(AxisCommand command) {
    return checked(() -> {}, command);
  }

  private CompletableFuture<Void> checked(ArgumentCheck arguments, AxisCommand command) {
    try {
      arguments.check();
      machine.check(command);
    } catch (UaException e) {
      return CompletableFuture.failedFuture(e);
    }
    if (!snapshot.isOnline() && command != AxisCommand.POWER_OFF) {
      return CompletableFuture.failedFuture(
          new UaException(
              StatusCodes.Bad_NoCommunication,
              "axis %s: drive %s is not answering (%s)"
                  .formatted(spec.name(), device, snapshot.status())));
    }
    return CompletableFuture.completedFuture(null);
  }

  private void checkProfile(double velocity, double acceleration, double deceleration)
      throws UaException {
    LimitsSpec lim = limits;
    checkRange("Velocity", velocity, 0, lim.velocity());
    checkRange("Acceleration", acceleration, 0, lim.acceleration());
    checkRange("Deceleration", deceleration, 0, lim.deceleration());
  }

  @FunctionalInterface
  private interface ArgumentCheck {
    void check() throws UaException;
  }

  private static double orDefault(double value, double limit) {
    return value == 0 ? limit : value;
  }

  private void checkRange(String argument, double value, double min, double max)
      throws UaException {
    if (!(value >= min && value <= max)) {
      throw new UaException(
          StatusCodes.Bad_OutOfRange,
          "axis %s: %s %s is out of range [%s, %s] %s"
              .formatted(spec.name(), argument, value, min, max, units.unit()));
    }
  }

  private CompletableFuture<Void> write(Map<String, ?> values) {
    return link.write(device, values, WRITE_DEADLINE);
  }

  /** Waits until a poll read after this call shows the statusword condition (and is Good). */
  private CompletableFuture<Void> awaitStatus(IntPredicate condition, String what) {
    // Writes go ahead of polls on the link thread, so every poll delivered after this point was
    // read after the write that precedes the wait: the next matching poll decides.
    return await(
        s -> s.isOnline() && condition.test(s.statusword()),
        STATE_DEADLINE,
        () ->
            new UaException(
                StatusCodes.Bad_Timeout,
                "axis %s: drive %s did not report %s within %d ms (statusword 0x%04X)"
                    .formatted(
                        spec.name(),
                        device,
                        what,
                        STATE_DEADLINE.toMillis(),
                        snapshot.statusword())));
  }

  private CompletableFuture<Void> await(
      Predicate<AxisSnapshot> condition, Duration bound, Supplier<UaException> onTimeout) {
    StatusWaiter waiter = new StatusWaiter(condition, new CompletableFuture<>());
    waiters.add(waiter);
    var timeout =
        timers.schedule(
            () -> {
              if (waiters.remove(waiter)) {
                waiter.future.completeExceptionally(onTimeout.get());
              }
            },
            bound.toMillis(),
            TimeUnit.MILLISECONDS);
    return waiter.future.whenComplete((v, e) -> timeout.cancel(false));
  }

  private record StatusWaiter(Predicate<AxisSnapshot> condition, CompletableFuture<Void> future) {}
}
