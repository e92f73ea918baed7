package io.motionua.server.config;

import java.util.List;

/**
 * One axis: the load-side motion that a power train (motor, reducer, drive) produces.
 *
 * @param motionProfile {@code rotary}, {@code rotary-endless}, {@code linear} or {@code
 *     linear-endless}; rotary axes count in degrees, linear ones in millimetres
 * @param enableOnStart whether the server powers the drive (CiA 402 enable sequence) at start
 * @param followingErrorLimit the largest |FollowingError|, in the axis's units, before the axis's
 *     FollowingErrorExceeded alarm becomes active; default 5
 */
public record AxisSpec(
    String name,
    String motor,
    String reducer,
    String motionProfile,
    LimitsSpec limits,
    Boolean enableOnStart,
    Double followingErrorLimit) {

  /** Default of {@link #followingErrorLimit}, degrees or millimetres. */
  public static final double DEFAULT_FOLLOWING_ERROR_LIMIT = 5.0;

  AxisSpec withDefaults() {
    return new AxisSpec(
        name,
        motor,
        reducer,
        motionProfile == null ? "rotary" : motionProfile,
        limits == null ? LimitsSpec.DEFAULT : limits.withDefaults(),
        enableOnStart != null && enableOnStart,
        followingErrorLimit == null ? DEFAULT_FOLLOWING_ERROR_LIMIT : followingErrorLimit);
  }

  public boolean isLinear() {
    return motionProfile.startsWith("linear");
  }

  /** An endless axis (rotary table, carousel): its position wraps into [limits.min, limits.max). */
  public boolean isEndless() {
    return motionProfile.endsWith("-endless");
  }

  /**
   * The ParameterSet variables of this axis that OPC UA clients write (its setpoints), which are
   * also the only axis metrics a Sparkplug DCMD may write: TargetVelocity, the software limits and,
   * on an endless axis, ModuloDirection.
   */
  public List<String> setpoints() {
    return isEndless()
        ? List.of(
            "TargetVelocity", "SoftwareLimitPositive", "SoftwareLimitNegative", "ModuloDirection")
        : List.of("TargetVelocity", "SoftwareLimitPositive", "SoftwareLimitNegative");
  }
}
