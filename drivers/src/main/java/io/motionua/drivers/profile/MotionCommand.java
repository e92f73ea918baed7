package io.motionua.drivers.profile;

/**
 * A command of a trigger-scheme drive that carries values: write them, then the trigger. Signals
 * are in increments (after the profile's scale).
 *
 * @param target the position signal (target of a move, or the new position of SetPosition); null
 *     for a velocity move
 * @param velocity the speed signal; null for SetPosition
 * @param acceleration the acceleration signal, or null when the drive has none
 * @param deceleration the deceleration signal, or null when the drive has none
 * @param trigger the write that starts the command
 */
public record MotionCommand(
    String target,
    String velocity,
    String acceleration,
    String deceleration,
    SignalWrite trigger) {}
