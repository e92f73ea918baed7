package io.motionua.server.config;

import java.util.List;

/**
 * An axis group (PLCopen Part 4): axes that move together, how they are driven and what the others
 * do when one of them fails during a group move.
 *
 * @param axes member axes, in the order of the group methods' Positions arguments
 * @param faultReaction {@code stop} (the others decelerate with their own deceleration), {@code
 *     safe-pose} (the healthy axes stop, then go slowly to {@code safePose}) or {@code continue}
 *     (the others finish the move; refused for coupled groups)
 * @param safePose one position per axis, in axis order; required for {@code safe-pose}
 * @param coupled whether the axes are mechanically coupled (a gantry's twin motors): then no axis
 *     may go on alone, so {@code continue} is refused
 * @param mode {@code drive-profiles} (each drive runs its own profile, all started together) or
 *     {@code interpolated} (the server streams setpoints in cyclic synchronous position mode)
 * @param cycleMs period of the interpolation loop
 * @param followingErrorLimit largest following error, in each axis's own units, before a moving
 *     group reacts as to a fault
 * @param realtimePriority interpolated mode: the loop thread's SCHED_FIFO priority (1 to 99, set
 *     with chrt; needs CAP_SYS_NICE), or 0 to leave it a normal thread
 * @param pairTolerance coupled groups: largest difference between the members' progress along a
 *     move, in the axes' units, before the group reacts as to a fault of the axis that lags;
 *     defaults to {@code followingErrorLimit}; null (off) for groups that are not coupled
 */
public record GroupSpec(
    String name,
    List<String> axes,
    String faultReaction,
    List<Double> safePose,
    Boolean coupled,
    String mode,
    Integer cycleMs,
    Double followingErrorLimit,
    Integer realtimePriority,
    Double pairTolerance) {

  public static final String STOP = "stop";
  public static final String SAFE_POSE = "safe-pose";
  public static final String CONTINUE = "continue";
  public static final String DRIVE_PROFILES = "drive-profiles";
  public static final String INTERPOLATED = "interpolated";

  GroupSpec withDefaults() {
    boolean isCoupled = coupled != null && coupled;
    double limit = followingErrorLimit == null ? 5.0 : followingErrorLimit;
    return new GroupSpec(
        name,
        axes == null ? List.of() : List.copyOf(axes),
        faultReaction == null ? STOP : faultReaction,
        safePose == null ? null : List.copyOf(safePose),
        isCoupled,
        mode == null ? DRIVE_PROFILES : mode,
        cycleMs == null ? 10 : cycleMs,
        limit,
        realtimePriority == null ? 0 : realtimePriority,
        pairTolerance == null && isCoupled ? Double.valueOf(limit) : pairTolerance);
  }

  public boolean isInterpolated() {
    return INTERPOLATED.equals(mode);
  }
}
