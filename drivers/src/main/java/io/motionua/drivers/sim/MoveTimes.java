package io.motionua.drivers.sim;

/**
 * When a move started (its set-point was accepted) and when its profile ends, in the drive's
 * simulated nanosecond time.
 */
public record MoveTimes(long startNanos, long finishNanos) {}
