package io.motionua.drivers.sim;

import io.motionua.drivers.DriveSignals;
import io.motionua.drivers.profile.DriveProfile;
import io.motionua.drivers.profile.MotionCommand;
import io.motionua.drivers.profile.RegisterCodec;
import io.motionua.drivers.profile.SignalSpec;
import io.motionua.drivers.profile.SignalWrite;
import io.motionua.drivers.profile.StatusBit;
import io.motionua.drivers.profile.TriggerMotion;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A simulated drive that does not speak CiA 402, emulating its profile's {@code motion:} section:
 * the profile's registers (holding and input registers alike, coils not yet), a move starting on
 * its trigger write with the target and speed written before, the in-position bit when it is done,
 * the alarm bit on an injected fault, cleared by the reset write. Motion uses the CiA 402
 * simulator's trajectories, on an injectable clock. Thread-safe: every public method locks.
 */
public final class TriggerDrive implements SimulatedDevice {

  /** Acceleration when the profile has no acceleration register, increments/s². */
  static final double DEFAULT_ACCELERATION = 1_000_000;

  private final DriveProfile profile;
  private final TriggerMotion motion;
  private final LongSupplier clock;
  private final int base;
  private final int[] stored;
  private final boolean[] writable;
  private Trajectory trajectory;
  private boolean enabled;
  private boolean alarm;
  private int faultCode;
  private boolean homeDone;
  private long homingEndNanos = -1;
  private long homingNanos = 200_000_000;
  private long writeRequests;
  private int[] lastWrite = {-1, 0};

  TriggerDrive(DriveProfile profile, LongSupplier nanoClock) {
    this.profile = profile;
    this.motion = profile.motion().orElseThrow();
    this.clock = nanoClock;
    int lo = Integer.MAX_VALUE;
    int hi = 0;
    for (SignalSpec s : profile.signals().values()) {
      if (!s.table().isBitTable()) {
        lo = Math.min(lo, s.address());
        hi = Math.max(hi, s.end());
      }
    }
    this.base = lo;
    this.stored = new int[hi - lo];
    this.writable = new boolean[hi - lo];
    for (SignalSpec s : profile.signals().values()) {
      if (!s.table().isBitTable() && s.writable()) {
        for (int i = s.address(); i < s.end(); i++) {
          writable[i - base] = true;
        }
      }
    }
    this.trajectory = Trajectory.hold(nanoClock.getAsLong(), 0);
  }

  @Override
  public synchronized int[] readRegisters(int address, int count) throws RegisterAccessException {
    checkRange(address, count);
    int[] image = image(advance());
    int[] out = new int[count];
    System.arraycopy(image, address - base, out, 0, count);
    return out;
  }

  @Override
  public synchronized void writeRegisters(int address, int[] values)
      throws RegisterAccessException {
    checkRange(address, values.length);
    writeRequests++;
    lastWrite = new int[] {address, values.length};
    for (int i = 0; i < values.length; i++) {
      if (!writable[address - base + i]) {
        throw new RegisterAccessException(
            RegisterAccessException.ILLEGAL_DATA_ADDRESS,
            "register %d (0-based) is not writable".formatted(address + i));
      }
    }
    long now = advance();
    Map<String, Long> before = new LinkedHashMap<>();
    for (SignalWrite w : commands()) {
      if (w != null) { // commands the profile does not declare
        before.putIfAbsent(w.signal(), raw(w.signal()));
      }
    }
    for (int i = 0; i < values.length; i++) {
      stored[address - base + i] = values[i] & 0xFFFF;
    }
    for (Map.Entry<String, Long> e : before.entrySet()) {
      SignalSpec spec = profile.signals().get(e.getKey());
      if (spec.address() < address + values.length && address < spec.end()) {
        onCommandWrite(now, e.getKey(), e.getValue(), raw(e.getKey()));
      }
    }
  }

  /** Write requests (FC06 or FC16) the drive received so far, refused ones included. */
  public synchronized long writeRequests() {
    return writeRequests;
  }

  /** The last write request: its first register (0-based) and its number of registers. */
  public synchronized int[] lastWrite() {
    return lastWrite.clone();
  }

  /** Puts the drive in alarm with the given code: motion stops where it is, power goes off. */
  public synchronized void injectFault(int code) {
    long now = advance();
    freeze(now);
    alarm = true;
    enabled = false;
    faultCode = code & 0xFFFF;
  }

  /** How long later homing runs take. */
  public synchronized void setHomingDuration(Duration duration) {
    homingNanos = duration.toNanos();
  }

  /** The actual position in increments. */
  public synchronized long positionActual() {
    return Math.round(trajectory.position(advance()));
  }

  public synchronized boolean isEnabled() {
    advance();
    return enabled;
  }

  public synchronized boolean isAlarm() {
    return alarm;
  }

  private SignalWrite[] commands() {
    return new SignalWrite[] {
      motion.enable(),
      motion.disable(),
      motion.move().trigger(),
      motion.velocityMove() == null ? null : motion.velocityMove().trigger(),
      motion.halt(),
      motion.stop(),
      motion.home(),
      motion.reset(),
      motion.setPosition() == null ? null : motion.setPosition().trigger()
    };
  }

  /** A write reached a command register: which command its new value (or edge) starts. */
  private void onCommandWrite(long now, String signal, long old, long value) {
    if (fires(motion.reset(), signal, old, value)) {
      alarm = false;
      faultCode = 0;
    }
    if (alarm) {
      return; // an alarmed drive takes nothing but the reset
    }
    if (fires(motion.disable(), signal, old, value)) {
      enabled = false;
      freeze(now);
    } else if (fires(motion.enable(), signal, old, value)) {
      enabled = true;
    }
    if (!enabled) {
      return;
    }
    if (fires(motion.move().trigger(), signal, old, value)) {
      MotionCommand move = motion.move();
      trajectory =
          Trajectory.toPosition(
              now,
              trajectory.position(now),
              trajectory.velocity(now),
              raw(move.target()),
              Math.max(1, Math.abs(raw(move.velocity()))),
              rate(move.acceleration()),
              rate(move.deceleration()));
    } else if (motion.velocityMove() != null
        && fires(motion.velocityMove().trigger(), signal, old, value)) {
      MotionCommand jog = motion.velocityMove();
      trajectory =
          Trajectory.toVelocity(
              now,
              trajectory.position(now),
              trajectory.velocity(now),
              raw(jog.velocity()),
              rate(jog.acceleration()),
              rate(jog.deceleration()));
    } else if (fires(motion.halt(), signal, old, value)
        || (motion.stop() != null && fires(motion.stop(), signal, old, value))) {
      trajectory =
          Trajectory.stop(
              now,
              trajectory.position(now),
              trajectory.velocity(now),
              rate(motion.move().deceleration()));
    } else if (motion.home() != null && fires(motion.home(), signal, old, value)) {
      homeDone = false;
      homingEndNanos = now + homingNanos;
      freeze(now);
    } else if (motion.setPosition() != null
        && fires(motion.setPosition().trigger(), signal, old, value)) {
      trajectory = Trajectory.hold(now, raw(motion.setPosition().target()));
    }
  }

  private static boolean fires(SignalWrite w, String signal, long old, long value) {
    if (w == null || !w.signal().equals(signal)) {
      return false;
    }
    if (w.isEdge()) {
      long bit = 1L << w.risingEdge();
      return (value & bit) != 0 && (old & bit) == 0;
    }
    return value == w.value();
  }

  private double rate(String signal) {
    return signal == null ? DEFAULT_ACCELERATION : Math.max(1, Math.abs(raw(signal)));
  }

  private long advance() {
    long now = clock.getAsLong();
    if (homingEndNanos >= 0 && now >= homingEndNanos) {
      trajectory = Trajectory.hold(homingEndNanos, 0);
      homingEndNanos = -1;
      homeDone = true;
    }
    return now;
  }

  private void freeze(long now) {
    trajectory = Trajectory.hold(now, trajectory.position(now));
  }

  private int[] image(long now) {
    int[] image = stored.clone();
    boolean moving = now < trajectory.endNanos() || trajectory.finalVelocity() != 0;
    moving |= homingEndNanos >= 0;
    put(image, DriveSignals.POSITION_ACTUAL, Math.round(trajectory.position(now)));
    put(image, DriveSignals.VELOCITY_ACTUAL, Math.round(trajectory.velocity(now)));
    if (motion.faultCode() != null) {
      put(image, motion.faultCode(), faultCode);
    }
    setBit(image, motion.enabled(), enabled);
    setBit(image, motion.alarm(), alarm);
    setBit(image, motion.moving(), moving);
    setBit(image, motion.inPosition(), !moving);
    setBit(image, motion.homeDone(), homeDone);
    return image;
  }

  private void setBit(int[] image, StatusBit bit, boolean condition) {
    if (bit == null) {
      return;
    }
    SignalSpec spec = profile.signals().get(bit.signal());
    int at = spec.address() - base;
    boolean set = condition != bit.activeLow();
    image[at] = set ? image[at] | (1 << bit.bit()) : image[at] & ~(1 << bit.bit());
  }

  private void put(int[] image, String signal, long value) {
    SignalSpec spec = profile.signals().get(signal);
    if (spec == null || spec.table().isBitTable() || spec.writable()) {
      return;
    }
    int[] words = RegisterCodec.encode(spec, (double) value);
    System.arraycopy(words, 0, image, spec.address() - base, words.length);
  }

  /** A signal's value as last written, in its engineering units, rounded. */
  private long raw(String signal) {
    SignalSpec spec = profile.signals().get(signal);
    Object v = RegisterCodec.decode(spec, stored, spec.address() - base);
    return v instanceof Number n ? Math.round(n.doubleValue()) : 0;
  }

  private void checkRange(int address, int count) throws RegisterAccessException {
    if (address < base || count < 1 || address + count > base + stored.length) {
      throw new RegisterAccessException(
          RegisterAccessException.ILLEGAL_DATA_ADDRESS,
          "registers %d..%d (0-based) leave profile %s's map %d..%d"
              .formatted(
                  address, address + count - 1, profile.name(), base, base + stored.length - 1));
    }
  }

  @Override
  public String toString() {
    return "TriggerDrive[" + profile.name() + "]";
  }
}
