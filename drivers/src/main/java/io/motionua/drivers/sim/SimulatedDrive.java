package io.motionua.drivers.sim;

import static io.motionua.drivers.sim.SimRegisters.*;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * One simulated CiA 402 servo drive behind MotionUA's own register layout
 * (docs/drive-registers.md). Time is simulated from an injectable nanosecond clock and advanced
 * lazily on each access; motion is computed analytically from each move's start, so positions are
 * exact whatever the rate of access. Thread-safe: every public method locks the drive.
 *
 * <p>Modes: 1 profile position, 3 profile velocity, 6 homing, 8 cyclic synchronous position. The
 * actual position lags the demand by {@link #LAG_NANOS}, which is the following error the drive
 * reports.
 */
public final class SimulatedDrive implements SimulatedDevice {

  /** Number of registers in the map; addresses from here on answer exception 02. */
  public static final int REGISTER_COUNT = SimRegisters.COUNT;

  /** How far the actual position trails the demand, in nanoseconds. */
  public static final long LAG_NANOS = 1_000_000;

  /** How long a homing run takes unless {@link #setHomingDuration} says otherwise. */
  public static final long HOMING_NANOS = 200_000_000;

  /** Motor temperature at rest, in °C. */
  public static final double AMBIENT_CELSIUS = ThermalModel.AMBIENT_CELSIUS;

  private static final int MODE_PROFILE_POSITION = 1;
  private static final int MODE_PROFILE_VELOCITY = 3;
  private static final int MODE_HOMING = 6;
  private static final int MODE_CSP = 8;

  /** Rated speed and acceleration, used for the torque and temperature models. */
  private static final double RATED_ACCELERATION = 2_000_000;

  private static final double MIN_QUICK_STOP_DECELERATION = 100_000;

  private final LongSupplier clock;
  private final int[] stored = new int[REGISTER_COUNT];
  private PowerState state = PowerState.SWITCH_ON_DISABLED;
  private Trajectory trajectory;
  private int lastControlword;
  private int errorCode;
  private boolean setPointAcknowledged;
  private boolean halted;
  private PendingSetPoint pending;
  private long controlwordWrites;
  private long homingNanos = HOMING_NANOS;
  private long homingStartNanos = -1;
  private boolean homingAttained;
  private long lastCspWriteNanos = -1;
  private final ThermalModel thermal;
  private MoveTimes lastMove;

  /** A set-point received while a move runs, started when that move ends. */
  private record PendingSetPoint(double target, double velocity, double accel, double decel) {}

  /** A drive on the system's monotonic clock. */
  public SimulatedDrive() {
    this(System::nanoTime);
  }

  /** A drive on the given nanosecond clock (tests advance it by hand). */
  public SimulatedDrive(LongSupplier nanoClock) {
    this.clock = nanoClock;
    long now = nanoClock.getAsLong();
    this.trajectory = Trajectory.hold(now, 0);
    this.thermal = new ThermalModel(now);
    stored[MODE] = MODE_PROFILE_POSITION;
  }

  /**
   * Reads registers as FC03/FC04 would. Reserved registers read 0.
   *
   * @throws RegisterAccessException with code 02 when the range leaves the map
   */
  @Override
  public synchronized int[] readRegisters(int address, int count) throws RegisterAccessException {
    SimRegisters.checkRange(address, count);
    int[] image = snapshot(advance());
    int[] out = new int[count];
    System.arraycopy(image, address, out, 0, count);
    return out;
  }

  /**
   * Writes registers as FC06/FC16 would, all at once: a 32-bit value and the controlword written in
   * one request take effect together, the controlword last.
   *
   * @throws RegisterAccessException 02 for a register outside the map or not writable, 03 for an
   *     unsupported mode of operation
   */
  @Override
  public synchronized void writeRegisters(int address, int[] values)
      throws RegisterAccessException {
    SimRegisters.checkWritable(address, values.length);
    int end = address + values.length;
    if (address <= MODE && MODE < end && !isSupportedMode((short) values[MODE - address])) {
      throw new RegisterAccessException(
          RegisterAccessException.ILLEGAL_DATA_VALUE,
          "mode of operation %d is not supported".formatted((short) values[MODE - address]));
    }
    long now = advance();
    int oldMode = stored[MODE];
    for (int i = 0; i < values.length; i++) {
      stored[address + i] = values[i] & 0xFFFF;
    }
    if (address <= MODE && MODE < end && stored[MODE] != oldMode) {
      onModeChanged(now);
    }
    if (state == PowerState.OPERATION_ENABLED) {
      if (SimRegisters.touches(address, end, TARGET_POSITION, 2) && mode() == MODE_CSP) {
        onCyclicTarget(now);
      }
      if (SimRegisters.touches(address, end, TARGET_VELOCITY, 2)
          && mode() == MODE_PROFILE_VELOCITY) {
        followTargetVelocity(now);
      }
    }
    if (address <= CONTROLWORD && CONTROLWORD < end) {
      controlwordWrites++;
      onControlword(now, stored[CONTROLWORD]);
    }
  }

  /** How many writes have reached the controlword so far (a diagnostic for tests). */
  public synchronized long controlwordWrites() {
    return controlwordWrites;
  }

  /**
   * How long this drive's later homing runs take (a real homing run lasts as long as the search for
   * the switch): a test that must interrupt one gives itself room on a loaded machine.
   */
  public synchronized void setHomingDuration(Duration duration) {
    advance();
    homingNanos = duration.toNanos();
  }

  /** Puts the drive into Fault with the given error code; motion stops where it is. */
  public synchronized void injectFault(int code) {
    long now = advance();
    freeze(now);
    errorCode = code & 0xFFFF;
    state = PowerState.FAULT;
  }

  /** The last accepted move, or null when none was accepted yet. */
  public synchronized MoveTimes lastMove() {
    advance();
    return lastMove;
  }

  /** When the last move started, in simulated nanoseconds; -1 when there was none. */
  public synchronized long lastMoveStartNanos() {
    return lastMove == null ? -1 : lastMove.startNanos();
  }

  /** When the last move's profile ends (or ended), in simulated nanoseconds; -1 when none. */
  public synchronized long lastMoveFinishNanos() {
    return lastMove == null ? -1 : lastMove.finishNanos();
  }

  /** The current statusword, a shortcut for tests and tools. */
  public synchronized int statusword() {
    return snapshot(advance())[STATUSWORD];
  }

  /** The actual position in increments. */
  public synchronized int positionActual() {
    long now = advance(); // first: it may replace the trajectory
    return (int) Math.round(trajectory.position(now - LAG_NANOS));
  }

  /** The motor temperature in °C. */
  public synchronized double motorTemperature() {
    advance();
    return thermal.celsius();
  }

  // ---- time ----

  /** Brings buffered set-points, homing and temperature up to now; returns now. */
  private long advance() {
    long now = clock.getAsLong();
    if (pending != null && now >= trajectory.endNanos()) {
      PendingSetPoint next = pending;
      pending = null;
      startMove(trajectory.endNanos(), next);
    }
    if (homingStartNanos >= 0 && now >= homingStartNanos + homingNanos) {
      long done = homingStartNanos + homingNanos;
      homingStartNanos = -1;
      homingAttained = true;
      trajectory = Trajectory.hold(done - LAG_NANOS, 0);
    }
    thermal.advance(now, t -> trajectory.velocity(t - LAG_NANOS));
    return now;
  }

  // ---- the power state machine ----

  private void onControlword(long now, int cw) {
    boolean resetEdge = (cw & 0x80) != 0 && (lastControlword & 0x80) == 0;
    boolean newSetPointEdge = (cw & 0x10) != 0 && (lastControlword & 0x10) == 0;
    lastControlword = cw;
    if (state == PowerState.FAULT) {
      if (resetEdge) {
        state = PowerState.SWITCH_ON_DISABLED;
        errorCode = 0;
      }
      return;
    }
    PowerState before = state;
    state = state.next(cw);
    if (state != PowerState.OPERATION_ENABLED && before == PowerState.OPERATION_ENABLED) {
      if (state == PowerState.QUICK_STOP_ACTIVE) {
        quickStop(now);
      } else {
        freeze(now);
      }
    }
    if (state != PowerState.OPERATION_ENABLED) {
      setPointAcknowledged = false;
      return;
    }
    if (before != PowerState.OPERATION_ENABLED) {
      freeze(now);
    }
    onEnabledControlword(now, cw, newSetPointEdge);
  }

  // ---- modes ----

  private void onEnabledControlword(long now, int cw, boolean newSetPointEdge) {
    boolean halt = (cw & 0x100) != 0;
    switch (mode()) {
      case MODE_PROFILE_POSITION -> {
        if (halt && !halted) {
          pending = null;
          trajectory = Trajectory.stop(now, demand(now), trajectory.velocity(now), decel());
        }
        halted = halt;
        if ((cw & 0x10) == 0) {
          setPointAcknowledged = false;
        } else if (newSetPointEdge && !halt) {
          acceptSetPoint(now, cw);
        }
      }
      case MODE_PROFILE_VELOCITY -> {
        halted = halt;
        followTargetVelocity(now);
      }
      case MODE_HOMING -> {
        if (halt && homingStartNanos >= 0) {
          // CiA 402 homing mode: halt interrupts the run; it is not attained.
          homingStartNanos = -1;
          homingAttained = false;
        }
        halted = halt;
        if (newSetPointEdge && !halt && homingStartNanos < 0) {
          homingStartNanos = now;
          homingAttained = false;
          freeze(now);
        }
      }
      default -> {}
    }
  }

  private void acceptSetPoint(long now, int cw) {
    double velocity = u32(PROFILE_VELOCITY);
    double accel = u32(PROFILE_ACCELERATION);
    double decel = u32(PROFILE_DECELERATION);
    if (velocity <= 0 || accel <= 0 || decel <= 0) {
      return; // a drive cannot plan without them: the set-point is not acknowledged
    }
    boolean relative = (cw & 0x40) != 0;
    boolean immediate = (cw & 0x20) != 0;
    boolean moving = now < trajectory.endNanos() || pending != null;
    double base = moving ? pendingOrCurrentTarget() : demand(now);
    double target = relative ? base + s32(TARGET_POSITION) : s32(TARGET_POSITION);
    PendingSetPoint setPoint = new PendingSetPoint(target, velocity, accel, decel);
    setPointAcknowledged = true;
    if (moving && !immediate) {
      pending = setPoint;
    } else {
      pending = null;
      startMove(now, setPoint);
    }
  }

  private double pendingOrCurrentTarget() {
    return pending != null ? pending.target() : trajectory.endPosition();
  }

  private void startMove(long at, PendingSetPoint sp) {
    trajectory =
        Trajectory.toPosition(
            at,
            trajectory.position(at),
            trajectory.velocity(at),
            sp.target(),
            sp.velocity(),
            sp.accel(),
            sp.decel());
    lastMove = new MoveTimes(at, trajectory.endNanos());
  }

  private void followTargetVelocity(long now) {
    double target = halted ? 0 : s32(TARGET_VELOCITY);
    if (target == trajectory.finalVelocity()) {
      return;
    }
    double accel = Math.max(1, u32(PROFILE_ACCELERATION));
    double decel = Math.max(1, u32(PROFILE_DECELERATION));
    trajectory =
        Trajectory.toVelocity(now, demand(now), trajectory.velocity(now), target, accel, decel);
    lastMove = new MoveTimes(now, trajectory.endNanos());
  }

  /** CSP: each new target is reached over the interval since the previous one, as interpolated. */
  private void onCyclicTarget(long now) {
    double period = lastCspWriteNanos < 0 ? 0 : Math.min(now - lastCspWriteNanos, 50_000_000) / 1e9;
    lastCspWriteNanos = now;
    trajectory = Trajectory.linear(now, demand(now), s32(TARGET_POSITION), period);
    lastMove = new MoveTimes(now, trajectory.endNanos());
  }

  private void onModeChanged(long now) {
    freeze(now);
    pending = null;
    homingStartNanos = -1;
    homingAttained = false;
    setPointAcknowledged = false;
    lastCspWriteNanos = -1;
  }

  private static boolean isSupportedMode(int mode) {
    return mode == MODE_PROFILE_POSITION
        || mode == MODE_PROFILE_VELOCITY
        || mode == MODE_HOMING
        || mode == MODE_CSP;
  }

  /** Stops at once where the axis actually is (power removed, fault, mode change). */
  private void freeze(long now) {
    pending = null;
    trajectory = Trajectory.hold(now, trajectory.position(now - LAG_NANOS));
  }

  private void quickStop(long now) {
    pending = null;
    double rate = Math.max(MIN_QUICK_STOP_DECELERATION, 4 * u32(PROFILE_DECELERATION));
    trajectory = Trajectory.stop(now, demand(now), trajectory.velocity(now), rate);
  }

  private double decel() {
    return Math.max(1, u32(PROFILE_DECELERATION));
  }

  private double demand(long now) {
    return trajectory.position(now);
  }

  // ---- the register image ----

  private int[] snapshot(long now) {
    int[] image = stored.clone();
    double demand = trajectory.position(now);
    double actual = trajectory.position(now - LAG_NANOS);
    double velocity = trajectory.velocity(now - LAG_NANOS);
    double torque =
        1000 * trajectory.acceleration(now - LAG_NANOS) / RATED_ACCELERATION
            + (velocity == 0 ? 0 : 20 * Math.signum(velocity));
    image[STATUSWORD] = statusword(now, velocity);
    image[MODE_DISPLAY] = stored[MODE];
    SimRegisters.putInt32(image, POSITION_ACTUAL, Math.round(actual));
    SimRegisters.putInt32(image, VELOCITY_ACTUAL, Math.round(velocity));
    image[TORQUE_ACTUAL] = (int) Math.max(-3000, Math.min(3000, Math.round(torque))) & 0xFFFF;
    image[MOTOR_TEMPERATURE] = (int) Math.round(thermal.celsius() * 10) & 0xFFFF;
    image[ERROR_CODE] = errorCode;
    SimRegisters.putInt32(image, POSITION_DEMAND, Math.round(demand));
    SimRegisters.putInt32(image, FOLLOWING_ERROR, Math.round(demand) - Math.round(actual));
    return image;
  }

  private int statusword(long now, double velocity) {
    int sw = state.statusBits() | 0x0200; // bit 9: remote, always
    boolean standing = now >= trajectory.endNanos() + LAG_NANOS && trajectory.finalVelocity() == 0;
    if (thermal.celsius() > ThermalModel.WARNING_CELSIUS) {
      sw |= 0x0080;
    }
    if (state != PowerState.OPERATION_ENABLED) {
      return standing ? sw | 0x0400 : sw;
    }
    switch (mode()) {
      case MODE_PROFILE_POSITION -> {
        if (standing && pending == null) {
          sw |= 0x0400;
        }
        if (setPointAcknowledged) {
          sw |= 0x1000;
        }
      }
      case MODE_PROFILE_VELOCITY -> {
        if (now >= trajectory.endNanos() + LAG_NANOS) {
          sw |= 0x0400;
        }
        if (velocity == 0) {
          sw |= 0x1000; // speed zero
        }
      }
      case MODE_HOMING -> {
        if (homingAttained) {
          sw |= 0x1400;
        } else if (halted && standing) {
          sw |= 0x0400; // homing interrupted by halt, the axis stands
        }
      }
      default -> {
        if (standing) {
          sw |= 0x0400;
        }
        sw |= 0x1000; // CSP: target position followed
      }
    }
    return sw;
  }

  private int mode() {
    return (short) stored[MODE];
  }

  private int s32(int address) {
    return (stored[address] << 16) | stored[address + 1];
  }

  private long u32(int address) {
    return s32(address) & 0xFFFF_FFFFL;
  }
}
