package io.motionua.server.history;

/**
 * One recorded value.
 *
 * @param node the variable's node id identifier (its path, e.g. {@code Arm/.../J1/ParameterSet/
 *     ActualPosition}): stable across restarts as long as the machine file keeps its names
 * @param timeMicros the value's source timestamp, microseconds since 1970 (UTC)
 * @param value the value as a double (enumerations, integers and booleans too); NaN for none
 * @param status the value's OPC UA StatusCode
 */
public record Sample(String node, long timeMicros, double value, long status) {}
