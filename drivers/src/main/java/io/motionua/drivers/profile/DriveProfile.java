package io.motionua.drivers.profile;

import static io.motionua.drivers.DriveSignals.*;
import static io.motionua.drivers.profile.DataType.INT16;
import static io.motionua.drivers.profile.DataType.INT32;
import static io.motionua.drivers.profile.DataType.UINT16;
import static io.motionua.drivers.profile.DataType.UINT32;
import static io.motionua.drivers.profile.RegisterTable.HOLDING_REGISTER;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How one family of drives maps named signals to Modbus registers, and the request limits the
 * family accepts. Immutable.
 */
public final class DriveProfile {

  /** The protocol's own limits: 125 registers per read, 123 per write. */
  public static final int MODBUS_MAX_READ = 125;

  public static final int MODBUS_MAX_WRITE = 123;

  private final String name;
  private final Map<String, SignalSpec> signals;
  private final int maxReadRegisters;
  private final int maxWriteRegisters;
  private final boolean singleWritesWithFc06;
  private final StartTrigger startTrigger;
  private final boolean verifiedOnHardware;
  private final Set<String> writeOnChange;
  private final TriggerMotion motion;

  /**
   * @throws IllegalArgumentException when two signals share a register, or a limit is outside the
   *     protocol's range; the message names the signals
   */
  public DriveProfile(
      String name, List<SignalSpec> signals, int maxReadRegisters, int maxWriteRegisters) {
    this(name, signals, maxReadRegisters, maxWriteRegisters, false);
  }

  /**
   * @param singleWritesWithFc06 whether a write of one register uses FC06 (some devices lack FC16);
   *     multi-register values always go in one FC16
   */
  public DriveProfile(
      String name,
      List<SignalSpec> signals,
      int maxReadRegisters,
      int maxWriteRegisters,
      boolean singleWritesWithFc06) {
    this(name, signals, maxReadRegisters, maxWriteRegisters, singleWritesWithFc06, null, true);
  }

  /**
   * @param startTrigger a register the device wants written after a motion block, or null
   * @param verifiedOnHardware false for templates written from a manual and not yet tried
   */
  public DriveProfile(
      String name,
      List<SignalSpec> signals,
      int maxReadRegisters,
      int maxWriteRegisters,
      boolean singleWritesWithFc06,
      StartTrigger startTrigger,
      boolean verifiedOnHardware) {
    this(
        name,
        signals,
        maxReadRegisters,
        maxWriteRegisters,
        singleWritesWithFc06,
        startTrigger,
        verifiedOnHardware,
        Set.of(),
        null);
  }

  private DriveProfile(
      String name,
      List<SignalSpec> signals,
      int maxReadRegisters,
      int maxWriteRegisters,
      boolean singleWritesWithFc06,
      StartTrigger startTrigger,
      boolean verifiedOnHardware,
      Set<String> writeOnChange,
      TriggerMotion motion) {
    if (maxReadRegisters < 1 || maxReadRegisters > MODBUS_MAX_READ) {
      throw new IllegalArgumentException(
          "profile %s: maxReadRegisters %d is outside 1..%d"
              .formatted(name, maxReadRegisters, MODBUS_MAX_READ));
    }
    if (maxWriteRegisters < 1 || maxWriteRegisters > MODBUS_MAX_WRITE) {
      throw new IllegalArgumentException(
          "profile %s: maxWriteRegisters %d is outside 1..%d"
              .formatted(name, maxWriteRegisters, MODBUS_MAX_WRITE));
    }
    Map<String, SignalSpec> byName = new LinkedHashMap<>();
    List<SignalSpec> seen = new ArrayList<>();
    for (SignalSpec spec : signals) {
      if (byName.putIfAbsent(spec.name(), spec) != null) {
        throw new IllegalArgumentException(
            "profile %s: signal %s is defined twice".formatted(name, spec.name()));
      }
      for (SignalSpec other : seen) {
        if (spec.overlaps(other)) {
          throw new IllegalArgumentException(
              "profile %s: signal %s overlaps signal %s in %s"
                  .formatted(name, spec.name(), other.name(), spec.table()));
        }
      }
      if (spec.count() > maxReadRegisters) {
        throw new IllegalArgumentException(
            "profile %s: signal %s needs %d registers, more than maxReadRegisters %d"
                .formatted(name, spec.name(), spec.count(), maxReadRegisters));
      }
      seen.add(spec);
    }
    this.name = name;
    this.signals = Collections.unmodifiableMap(byName);
    this.maxReadRegisters = maxReadRegisters;
    this.maxWriteRegisters = maxWriteRegisters;
    this.singleWritesWithFc06 = singleWritesWithFc06;
    this.startTrigger = startTrigger;
    this.verifiedOnHardware = verifiedOnHardware;
    this.writeOnChange = Set.copyOf(writeOnChange);
    this.motion = motion;
    if (startTrigger != null) {
      SignalSpec trigger = byName.get(startTrigger.signal());
      if (trigger == null || !trigger.writable()) {
        throw new IllegalArgumentException(
            "profile %s: start trigger %s is not a writable signal of the profile"
                .formatted(name, startTrigger.signal()));
      }
    }
  }

  /**
   * The profile of MotionUA's own drive simulator: CiA 402 objects in holding registers from 0,
   * 32-bit values high word first. See docs/drive-registers.md.
   */
  public static DriveProfile simulator() {
    return new DriveProfile(
        "motionua-sim",
        List.of(
            holding(CONTROLWORD, 0, UINT16, true),
            holding(STATUSWORD, 1, UINT16, false),
            holding(MODES_OF_OPERATION, 2, INT16, true),
            holding(MODES_OF_OPERATION_DISPLAY, 3, INT16, false),
            holding(TARGET_POSITION, 4, INT32, true),
            holding(PROFILE_VELOCITY, 6, UINT32, true),
            holding(PROFILE_ACCELERATION, 8, UINT32, true),
            holding(PROFILE_DECELERATION, 10, UINT32, true),
            holding(TARGET_VELOCITY, 12, INT32, true),
            holding(HOMING_METHOD, 14, INT16, true),
            holding(POSITION_ACTUAL, 16, INT32, false),
            holding(VELOCITY_ACTUAL, 18, INT32, false),
            holding(TORQUE_ACTUAL, 20, INT16, false),
            new SignalSpec(MOTOR_TEMPERATURE, HOLDING_REGISTER, 21, INT16, 0.1, 0.0, false),
            holding(ERROR_CODE, 22, UINT16, false),
            holding(POSITION_DEMAND, 24, INT32, false),
            holding(FOLLOWING_ERROR, 26, INT32, false)),
        MODBUS_MAX_READ,
        MODBUS_MAX_WRITE);
  }

  private static SignalSpec holding(String name, int address, DataType type, boolean writable) {
    return new SignalSpec(name, HOLDING_REGISTER, address, type, 1.0, 0.0, writable);
  }

  public String name() {
    return name;
  }

  /** Every signal by name, in the profile's order. */
  public Map<String, SignalSpec> signals() {
    return signals;
  }

  public Optional<SignalSpec> signal(String signalName) {
    return Optional.ofNullable(signals.get(signalName));
  }

  /** Most registers the device accepts in one read request. */
  public int maxReadRegisters() {
    return maxReadRegisters;
  }

  /** Most registers the device accepts in one write request. */
  public int maxWriteRegisters() {
    return maxWriteRegisters;
  }

  /** Whether a write of a single register goes out as FC06 rather than FC16. */
  public boolean singleWritesWithFc06() {
    return singleWritesWithFc06;
  }

  /**
   * A copy in which writes of these signals are skipped when the value equals the one the device
   * last acknowledged on this link (values kept in EEPROM wear out when written every cycle).
   *
   * @throws IllegalArgumentException when a name is not a writable signal of the profile
   */
  public DriveProfile withWriteOnChange(Set<String> signalNames) {
    for (String signal : signalNames) {
      SignalSpec spec = signals.get(signal);
      if (spec == null || !spec.writable()) {
        throw new IllegalArgumentException(
            "profile %s: write-on-change signal %s is not a writable signal of the profile"
                .formatted(name, signal));
      }
    }
    return new DriveProfile(
        name,
        List.copyOf(signals.values()),
        maxReadRegisters,
        maxWriteRegisters,
        singleWritesWithFc06,
        startTrigger,
        verifiedOnHardware,
        signalNames,
        motion);
  }

  /**
   * A copy whose drive is commanded by the given trigger scheme instead of CiA 402. The loader
   * checks the section's references against the signals, with their places in the file.
   */
  public DriveProfile withMotion(TriggerMotion triggerMotion) {
    return new DriveProfile(
        name,
        List.copyOf(signals.values()),
        maxReadRegisters,
        maxWriteRegisters,
        singleWritesWithFc06,
        startTrigger,
        verifiedOnHardware,
        writeOnChange,
        triggerMotion);
  }

  /** How the drive is commanded when it does not speak CiA 402; empty: CiA 402. */
  public Optional<TriggerMotion> motion() {
    return Optional.ofNullable(motion);
  }

  /** Signals written only when their value changed. */
  public Set<String> writeOnChange() {
    return writeOnChange;
  }

  /** The register to write after a motion block to start it, when the device needs one. */
  public Optional<StartTrigger> startTrigger() {
    return Optional.ofNullable(startTrigger);
  }

  /**
   * The signals in address order when they fill one run of holding registers without a gap, within
   * {@link #maxWriteRegisters()}, none of them write-on-change (which could leave one out and split
   * the run): a write of all of them, in that order, goes out as one FC16. Empty otherwise, or when
   * a name is not a signal of the profile.
   */
  public Optional<List<String>> oneWriteRun(Collection<String> signalNames) {
    List<SignalSpec> specs = new ArrayList<>();
    for (String signal : signalNames) {
      SignalSpec spec = signals.get(signal);
      if (spec == null || spec.table() != HOLDING_REGISTER || writeOnChange.contains(signal)) {
        return Optional.empty();
      }
      specs.add(spec);
    }
    specs.sort(Comparator.comparingInt(SignalSpec::address));
    int registers = 0;
    for (int i = 0; i < specs.size(); i++) {
      if (i > 0 && specs.get(i).address() != specs.get(i - 1).end()) {
        return Optional.empty();
      }
      registers += specs.get(i).count();
    }
    if (specs.isEmpty() || registers > maxWriteRegisters) {
      return Optional.empty();
    }
    return Optional.of(specs.stream().map(SignalSpec::name).toList());
  }

  /** False for templates taken from a manual that nobody has tried on a real drive yet. */
  public boolean verifiedOnHardware() {
    return verifiedOnHardware;
  }

  @Override
  public String toString() {
    return "DriveProfile[" + name + ", " + signals.size() + " signals]";
  }
}
