/**
 * Axis groups (PLCopen Part 4). Planning: single-axis point-to-point profiles (trapezoidal or
 * jerk-limited), time-synchronized moves and straight-line moves in axis space ({@link
 * io.motionua.server.group.GroupPlanner}), pure math in the caller's load-side units with no I/O.
 * Execution: {@link io.motionua.server.group.AxisGroup} holds a group's state and commands, starts
 * drive-side profiles on every link at once ({@link io.motionua.server.group.ProfileStart}) or
 * streams setpoints from a fixed-period loop ({@link io.motionua.server.group.InterpolationLoop}),
 * and reacts on all members when one fails; {@link io.motionua.server.group.GroupMethods} makes the
 * commands OPC UA methods. See docs/groups.md.
 */
package io.motionua.server.group;
