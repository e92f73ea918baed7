/**
 * Axis groups (PLCopen Part 4). Planning: single-axis point-to-point profiles (trapezoidal or
 * jerk-limited), time-synchronized moves and straight-line moves in axis space ({@link
 * io.motionua.server.group.GroupPlanner}), pure math in the caller's load-side units with no I/O.
 * Execution: {@link io.motionua.server.group.AxisGroup} is a group's public face and its lock; it
 * takes the commands and hands the work to its parts, which all guard their state with that one
 * lock: GroupStatus (state, LastError), GroupExecution (the running motion: start, stop, finish),
 * PathStart (drive-side profiles started on every link at once through {@link
 * io.motionua.server.group.ProfileStart}, or setpoints streamed by a fixed-period {@link
 * io.motionua.server.group.InterpolationLoop}), MemberWatch (every member's polls: faults,
 * following error, a coupled pair's difference via CoupledPairWatch), FaultReaction (what the
 * others do when one fails) and GroupSpeedOverride. {@link io.motionua.server.group.GroupMethods}
 * makes the commands OPC UA methods. See docs/groups.md.
 */
package io.motionua.server.group;
