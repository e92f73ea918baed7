package io.motionua.server.config;

/**
 * One metric that takes DCMD writes from the plant ({@code sparkplug.commands}): the write goes
 * through the same role check, limits and audit as an OPC UA write by {@code user}.
 *
 * @param metric the metric's full name, the OPC UA browse path below the machine: a plain device's
 *     writable tag ({@code Devices/<device>/<tag>}) or an axis's setpoint ({@code
 *     MotionDevices/<md>/Axes/<axis>/ParameterSet/TargetVelocity}, {@link AxisSpec#setpoints()})
 * @param user a user of {@code server.users} whose role the write is checked against
 */
public record SparkplugCommandSpec(String metric, String user) {}
