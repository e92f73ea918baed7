package io.motionua.server.group;

/**
 * A member of a moving group failed and the group went to GroupErrorStop: what the OPC UA layer
 * turns into a GroupFaultEventType event. One per failed axis; a second failure in the same move is
 * a second fault (LastError then reads "...; then ...").
 *
 * @param group the group's name
 * @param axis the failed axis's index in the group's members (the order of Members and Positions)
 * @param axisName the failed axis's name
 * @param cause why the axis counts as failed, e.g. {@code drive fault 0x7500}, {@code communication
 *     lost (Bad_NoCommunication)}, {@code following error ... exceeds the limit ...}
 * @param command what the group was doing: {@code MoveSynchronized}, {@code MoveLinear}, {@code
 *     GroupStop}, or a fault reaction already under way ({@code fault reaction stop})
 * @param reaction what the other axes do: {@code stop}, {@code safe-pose} or {@code continue}
 * @param message {@code group <group>: axis <axis>: <cause> during <command>}; for the first
 *     failure of a move this is the group's LastError
 */
public record GroupFault(
    String group,
    int axis,
    String axisName,
    String cause,
    String command,
    String reaction,
    String message) {}
