package io.motionua.server.sparkplug;

/**
 * One Sparkplug metric of a device as its birth certificate declares it.
 *
 * @param name the OPC UA browse path below the machine ({@code
 *     MotionDevices/Arm/Axes/J1/ParameterSet/ActualPosition})
 * @param alias the number data messages use instead of the name; unique within the edge node
 * @param type what the value is
 * @param unit the engineering unit, published as the {@code engUnit} property; empty for none
 * @param deadband a change at most this large is not reported (numbers only)
 */
record MetricDefinition(String name, long alias, MetricType type, String unit, double deadband) {}
