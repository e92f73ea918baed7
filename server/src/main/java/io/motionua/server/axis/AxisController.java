package io.motionua.server.axis;

import static io.motionua.drivers.DriveSignals.FOLLOWING_ERROR;
import static io.motionua.drivers.DriveSignals.MOTOR_TEMPERATURE;
import static io.motionua.drivers.DriveSignals.POSITION_ACTUAL;
import static io.motionua.drivers.DriveSignals.POSITION_DEMAND;
import static io.motionua.drivers.DriveSignals.VELOCITY_ACTUAL;

import io.motionua.drivers.Link;
import io.motionua.drivers.SignalStatus;
import io.motionua.drivers.SignalValue;
import io.motionua.drivers.profile.DriveProfile;
import io.motionua.server.config.AxisSpec;
import io.motionua.server.config.LimitsSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One axis: turns PLCopen commands in load-side units into steps of its drive's {@link
 * DriveScheme}, and the drive's polled signals into an {@link AxisSnapshot}. Keeps the PLCopen
 * state machine, limits, units and events; the scheme speaks the wire protocol. Never blocks: every
 * command is a chain of link writes and waits, each bounded, completing when the drive has accepted
 * the command.
 */
public final class AxisController {

  private static final Logger logger = LoggerFactory.getLogger(AxisController.class);

  private final AxisSpec spec;
  private final String device;
  private final AxisUnits units;
  private final DriveChannel channel;
  private final DriveScheme scheme;
  private final AxisArguments arguments;
  private final GroupDrive groupDrive;
  private final AxisListeners listeners;
  private final AxisStateMachine machine;
  private final MoveWatch moves;
  private final Map<String, SignalValue> signals = new LinkedHashMap<>();

  private final Object powerLock = new Object();

  /** The power-on sequence in flight, if any; guarded by {@code powerLock}. */
  private CompletableFuture<Void> poweringOn;

  private volatile AxisSnapshot snapshot = AxisSnapshot.initial();
  private volatile double speedOverride = 100.0;

  /** The last TargetVelocity the drive acknowledged (load units per second); 0 until one. */
  private volatile double targetVelocity;

  /** The range an endless axis wraps into; null for an axis with ends. */
  private final ModuloRange modulo;

  private volatile MoveDirection moduloDirection = MoveDirection.SHORTEST;

  /** An axis on a drive of MotionUA's own simulator profile (CiA 402). */
  public AxisController(
      AxisSpec spec, String device, Link link, AxisUnits units, ScheduledExecutorService timers) {
    this(spec, device, link, units, timers, DriveProfile.simulator());
  }

  /**
   * @param profile the drive's profile: its {@code motion:} section chooses the scheme (CiA 402
   *     when it has none)
   */
  public AxisController(
      AxisSpec spec,
      String device,
      Link link,
      AxisUnits units,
      ScheduledExecutorService timers,
      DriveProfile profile) {
    this.spec = spec;
    this.device = device;
    this.units = units;
    this.channel = new DriveChannel(spec.name(), device, link, timers);
    this.scheme = DriveSchemes.of(profile, channel);
    this.arguments = new AxisArguments(spec, units);
    this.groupDrive = new GroupDrive(scheme, units);
    this.machine = new AxisStateMachine(spec.name());
    this.listeners = new AxisListeners(spec.name());
    this.moves = new MoveWatch(spec.name(), units.unit(), listeners::move);
    this.modulo =
        spec.isEndless() ? new ModuloRange(spec.limits().min(), spec.limits().max()) : null;
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

  /** Whether the drive has a cyclic position mode (an interpolated group needs one). */
  public boolean hasCyclicPosition() {
    return scheme.hasCyclicPosition();
  }

  /** The drive's scheme: {@code cia402} or {@code trigger}. */
  public String schemeName() {
    return scheme.name();
  }

  /** The limits in force: the configured ones, or what an engineer wrote since. */
  public LimitsSpec limits() {
    return arguments.limits();
  }

  /**
   * Sets the software limits (an engineer's write). Refuses an empty or inverted range with
   * Bad_OutOfRange; a limit beyond the configured one is refused as well, since the configured
   * limits are the machine's mechanical ones.
   */
  /** Sets the upper (positive) or lower software limit, the other one unchanged, atomically. */
  public void setSoftwareLimit(boolean positive, double value) throws UaException {
    LimitsSpec now = arguments.setSoftwareLimit(positive, value);
    logger.info(
        "axis {}: software limits now [{}, {}] {}",
        spec.name(),
        now.min(),
        now.max(),
        units.unit());
  }

  public void setSoftwareLimits(double min, double max) throws UaException {
    arguments.setSoftwareLimits(min, max);
    logger.info("axis {}: software limits now [{}, {}] {}", spec.name(), min, max, units.unit());
  }

  /** The range an endless axis's position wraps into; empty for an axis with ends. */
  public Optional<ModuloRange> modulo() {
    return Optional.ofNullable(modulo);
  }

  /** A continuous position as clients see it: wrapped into the range on an endless axis. */
  public double shownPosition(double continuous) {
    return modulo == null ? continuous : modulo.wrap(continuous);
  }

  /** Which way absolute moves of an endless axis go round (single-axis and group moves). */
  public MoveDirection moduloDirection() {
    return moduloDirection;
  }

  public void setModuloDirection(int ordinal) throws UaException {
    MoveDirection direction = MoveDirection.ofOrdinal(ordinal);
    if (modulo == null || direction == null) {
      throw new UaException(
          modulo == null ? StatusCodes.Bad_NotSupported : StatusCodes.Bad_OutOfRange,
          modulo == null
              ? "axis %s has ends: ModuloDirection applies to endless axes".formatted(spec.name())
              : "axis %s: ModuloDirection %d is out of range [0, 3] (0 shortest, 1 positive, 2 negative, 3 current)"
                  .formatted(spec.name(), ordinal));
    }
    moduloDirection = direction;
  }

  /**
   * The continuous target of an absolute target: on an endless axis the position in its range that
   * the axis reaches going its {@link #moduloDirection()}; elsewhere the target itself.
   */
  public double continuousTarget(double target) {
    AxisSnapshot now = snapshot;
    return modulo == null
        ? target
        : modulo.continuousTarget(now.position(), target, moduloDirection, now.speed());
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
    listeners.override(percent);
  }

  /**
   * Listeners hear every accepted SpeedOverride write (percent), on the writer's thread: a group
   * move that is running follows it. They must be quick.
   */
  public void addSpeedOverrideListener(DoubleConsumer listener) {
    listeners.addOverrideListener(listener);
  }

  /**
   * Writes the drive's target velocity (CiA 402 0x60FF) in load units per second, through the link
   * ahead of polls; completes when the drive acknowledged. In profile velocity mode the axis
   * follows it at once.
   */
  public CompletableFuture<Void> writeTargetVelocity(double velocity) {
    LimitsSpec lim = limits();
    try {
      arguments.checkRange("TargetVelocity", velocity, -lim.velocity(), lim.velocity());
    } catch (UaException e) {
      return CompletableFuture.failedFuture(e);
    }
    return scheme
        .writeTargetVelocity(units.toIncrements(velocity))
        .thenRun(() -> targetVelocity = velocity);
  }

  /** The last TargetVelocity the drive acknowledged, in load units per second; 0 until one. */
  public double targetVelocity() {
    return targetVelocity;
  }

  public AxisUnits units() {
    return units;
  }

  public AxisSnapshot snapshot() {
    return snapshot;
  }

  /** Observers run on the link thread after each poll; they must be quick. */
  public void addObserver(Consumer<AxisSnapshot> observer) {
    listeners.addObserver(observer);
  }

  /**
   * Listeners run on the link thread when the axis faults, loses or regains its drive, or completes
   * a move.
   */
  public void addEventListener(Consumer<AxisEvent> listener) {
    listeners.addEventListener(listener);
  }

  /**
   * Listeners hear how each discrete move (MoveAbsolute, MoveRelative) ended, once per move, on the
   * link thread (or the thread of the command that aborted it): they must be quick.
   */
  public void addMoveListener(Consumer<MoveOutcome> listener) {
    listeners.addMoveListener(listener);
  }

  /** Called on the link thread with the signals of one poll of this axis's drive. */
  public void onSignals(Map<String, SignalValue> values) {
    AxisSnapshot next;
    List<AxisEvent> events;
    synchronized (signals) {
      signals.putAll(values);
      AxisSnapshot polled = derive();
      events = machine.onPoll(polled.isOnline(), polled.drive());
      next = polled.withState(machine.state(), machine.homed());
    }
    snapshot = next;
    channel.update(next);
    listeners.snapshot(next);
    listeners.events(events);
    judgeMove(next.state(), events);
    // Last: a command waiting for this poll continues inside release and may show its own state
    // (begin); released first, this poll's older state would overwrite it in the nodes.
    channel.release(next);
  }

  /** Ends the running move's record when this poll ended the move. */
  private void judgeMove(AxisState state, List<AxisEvent> events) {
    if (!moves.isRunning()) {
      return;
    }
    if (events.stream().anyMatch(e -> e.kind() == AxisEvent.Kind.MOVE_COMPLETED)) {
      moves.ended("completed", System.nanoTime());
    } else if (state == AxisState.ErrorStop) {
      moves.ended("aborted by ErrorStop (" + machine.error() + ")", System.nanoTime());
    } else if (state == AxisState.Disabled) {
      moves.ended("aborted: the drive is disabled", System.nanoTime());
    }
  }

  /**
   * Called on the link thread when the drive missed an answer and the poll's retries are still to
   * come: the values it delivered last turn Uncertain_LastUsableValue at once (their source time
   * kept), but the state machine does not take them as a poll. Whether the drive is lost (a powered
   * axis goes to ErrorStop) is decided by {@link #onSignals} at the end of the poll, so a retry
   * that is answered trips nothing; no command waiting for the drive is released either.
   */
  public void onMissedAnswer(Map<String, SignalValue> values) {
    AxisSnapshot next;
    synchronized (signals) {
      signals.putAll(values);
      next = derive().withState(machine.state(), machine.homed());
      snapshot = next;
    }
    channel.update(next);
    listeners.snapshot(next);
  }

  private AxisSnapshot derive() {
    SignalValue position = signal(POSITION_ACTUAL);
    DriveStatus drive = scheme.decode(signals);
    // Trust the poll as much as the worst of the position and the drive's state words.
    SignalStatus status = position.status();
    for (String name : scheme.stateSignals()) {
      SignalStatus other = signal(name).status();
      status = other.ordinal() > status.ordinal() ? other : status;
    }
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
        drive,
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
    return channel.await(
        AxisSnapshot::isOnline,
        bound,
        () ->
            new UaException(
                StatusCodes.Bad_NoCommunication,
                "axis %s: drive %s did not answer within %d ms (%s)"
                    .formatted(spec.name(), device, bound.toMillis(), snapshot.status())));
  }

  /**
   * MC_Power: enables the drive through its scheme (CiA 402: shutdown, switch on, enable
   * operation), or removes power. Completes when the drive reports the result.
   */
  public CompletableFuture<Void> power(boolean enable) {
    if (!enable) {
      return accepted(AxisCommand.POWER_OFF)
          .thenCompose(v -> scheme.disable())
          .thenRun(() -> begin(AxisCommand.POWER_OFF));
    }
    // Two power-on sequences at once (enableOnStart and an early GroupEnable, say) would
    // interleave their writes, and one would wait for a state the other already left: a
    // second Power(true) joins the sequence in flight instead.
    synchronized (powerLock) {
      if (poweringOn == null || poweringOn.isDone()) {
        poweringOn =
            accepted(AxisCommand.POWER_ON)
                .thenCompose(v -> scheme.enable())
                .thenRun(() -> begin(AxisCommand.POWER_ON));
      }
      return poweringOn.copy();
    }
  }

  /**
   * MC_MoveAbsolute: a positioning move to an absolute load-side position. Velocity, acceleration
   * and deceleration of 0 mean the axis's configured limits. Completes once the drive acknowledged
   * the set-point; the move shows in AxisState and ends with a MoveCompleted event.
   */
  public CompletableFuture<Void> moveAbsolute(
      double position, double velocity, double acceleration, double deceleration) {
    long called = System.nanoTime();
    return checked(
            () -> arguments.checkAbsolute(position, velocity, acceleration, deceleration),
            AxisCommand.MOVE)
        .thenCompose(
            v ->
                startMove(
                    new MoveCall("MoveAbsolute", position, called),
                    continuousTarget(position),
                    velocity,
                    acceleration,
                    deceleration));
  }

  /** MC_MoveRelative: a move by a distance from the actual position, within the software limits. */
  public CompletableFuture<Void> moveRelative(
      double distance, double velocity, double acceleration, double deceleration) {
    long called = System.nanoTime();
    double from = snapshot.position();
    double target = from + distance;
    return checked(
            () -> arguments.checkRelative(from, distance, velocity, acceleration, deceleration),
            AxisCommand.MOVE)
        .thenCompose(
            v ->
                startMove(
                    new MoveCall("MoveRelative", shownPosition(target), called),
                    target,
                    velocity,
                    acceleration,
                    deceleration));
  }

  /** A move method's call, for the move's log line: its name, target as given, and start. */
  private record MoveCall(String command, double target, long calledNanos) {}

  /**
   * Sends the move; once the drive took it, the axis shows DiscreteMotion and the move is watched
   * until it ends (one {@link MoveOutcome}). No log line is written here, on the link thread.
   */
  private CompletableFuture<Void> startMove(
      MoveCall call, double position, double velocity, double acceleration, double deceleration) {
    LimitsSpec lim = limits();
    double cruise = AxisArguments.orDefault(velocity, lim.velocity());
    return scheme
        .moveAbsolute(
            units.toIncrements(position),
            Math.max(1, units.toIncrements(cruise * speedOverride / 100)),
            units.toIncrements(AxisArguments.orDefault(acceleration, lim.acceleration())),
            units.toIncrements(AxisArguments.orDefault(deceleration, lim.deceleration())))
        .whenComplete(
            (v, e) -> {
              if (e == null) {
                moves.started(call.command(), call.target(), call.calledNanos(), System.nanoTime());
                begin(AxisCommand.MOVE);
              } else {
                moves.failed(
                    call.command(),
                    call.target(),
                    call.calledNanos(),
                    failure(e),
                    System.nanoTime());
              }
            });
  }

  /** MC_MoveVelocity: runs at a velocity (negative: backwards) until Stop or Halt. */
  public CompletableFuture<Void> moveVelocity(
      double velocity, double acceleration, double deceleration) {
    LimitsSpec lim = limits();
    return checked(
            () -> arguments.checkVelocity(velocity, acceleration, deceleration),
            AxisCommand.MOVE_VELOCITY)
        .thenCompose(
            v ->
                scheme.moveVelocity(
                    units.toIncrements(velocity * speedOverride / 100),
                    units.toIncrements(AxisArguments.orDefault(acceleration, lim.acceleration())),
                    units.toIncrements(AxisArguments.orDefault(deceleration, lim.deceleration()))))
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
    LimitsSpec lim = limits();
    return checked(
            () -> arguments.checkRange("Deceleration", deceleration, 0, lim.deceleration()),
            command)
        .thenCompose(
            v -> {
              long rate =
                  units.toIncrements(AxisArguments.orDefault(deceleration, lim.deceleration()));
              return command == AxisCommand.STOP ? scheme.stop(rate) : scheme.halt(rate);
            })
        .thenRun(() -> begin(command));
  }

  /** MC_Home: homes the drive (CiA 402: homing mode, method 35, the current position is zero). */
  public CompletableFuture<Void> home() {
    return accepted(AxisCommand.HOME)
        .thenCompose(v -> scheme.home())
        .thenRun(() -> begin(AxisCommand.HOME));
  }

  /**
   * MC_SetPosition: the actual position becomes {@code position} (load-side units) without motion;
   * the axis counts as homed afterwards. Allowed in Standstill. Completes when the drive took it.
   */
  public CompletableFuture<Void> setPosition(double position) {
    LimitsSpec lim = limits();
    return checked(
            () -> arguments.checkRange("Position", position, lim.min(), lim.max()),
            AxisCommand.SET_POSITION)
        .thenCompose(v -> scheme.setPosition(units.toIncrements(position)))
        .thenRun(
            () -> {
              begin(AxisCommand.SET_POSITION);
              logger.info("axis {}: position set to {} {}", spec.name(), position, units.unit());
            });
  }

  /**
   * MC_Reset: leaves ErrorStop. Clears a drive fault (CiA 402: rising edge of controlword bit 7)
   * when the drive reports one and waits until it clears; elsewhere it does nothing, as in PLCopen.
   */
  public CompletableFuture<Void> reset() {
    if (machine.state() != AxisState.ErrorStop) {
      return CompletableFuture.completedFuture(null);
    }
    if (!snapshot.isOnline()) {
      return CompletableFuture.failedFuture(notAnswering());
    }
    CompletableFuture<Void> cleared =
        snapshot.drive().fault() ? scheme.reset() : CompletableFuture.completedFuture(null);
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
      throw notAnswering();
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
      throw notAnswering();
    }
    machine.reserveForGroup();
  }

  /**
   * Homes the axis for its group after {@link #beginGroupHoming()}: the same sequence as {@link
   * #home()}; AxisState shows Homing, and Homed once the drive attained it.
   */
  public CompletableFuture<Void> homeForGroup() {
    return scheme.home().thenRun(() -> begin(AxisCommand.HOME));
  }

  /**
   * Gives the axis back after a group move or homing; the next poll shows Standstill (or
   * ErrorStop), and single-axis commands are accepted from then on. A homing that did not finish
   * (the group stopped it) is abandoned.
   */
  public void endSynchronized() {
    machine.endSynchronized();
  }

  /** The axis's drive as a group move drives it (profile starts, cyclic setpoints, halts). */
  public GroupDrive forGroup() {
    return groupDrive;
  }

  /**
   * Records an accepted command and shows its state at once: when a method returns Good, AxisState
   * already says what the axis is doing. Runs on the link thread, like the polls.
   */
  private void begin(AxisCommand command) {
    if (command != AxisCommand.MOVE) {
      moves.ended("aborted by " + command, System.nanoTime());
    }
    machine.begin(command);
    AxisSnapshot next;
    synchronized (signals) {
      next = snapshot.withState(machine.state(), machine.homed());
      snapshot = next;
    }
    listeners.snapshot(next);
  }

  /** What a failed command's future says, without the CompletionException around it. */
  private static String failure(Throwable e) {
    Throwable cause =
        e instanceof java.util.concurrent.CompletionException && e.getCause() != null
            ? e.getCause()
            : e;
    return cause.getMessage() != null ? cause.getMessage() : cause.toString();
  }

  /** The command is allowed in the current state, and the drive answers. */
  private CompletableFuture<Void> accepted(AxisCommand command) {
    return checked(() -> {}, command);
  }

  private CompletableFuture<Void> checked(AxisArguments.Check check, AxisCommand command) {
    try {
      check.run();
      machine.check(command);
    } catch (UaException e) {
      return CompletableFuture.failedFuture(e);
    }
    if (!snapshot.isOnline() && command != AxisCommand.POWER_OFF) {
      return CompletableFuture.failedFuture(notAnswering());
    }
    return CompletableFuture.completedFuture(null);
  }

  private UaException notAnswering() {
    return new UaException(
        StatusCodes.Bad_NoCommunication,
        "axis %s: drive %s is not answering (%s)"
            .formatted(spec.name(), device, snapshot.status()));
  }
}
