package io.motionua.drivers.profile;

/**
 * A write some drive families need after a motion block before the move starts (e.g. a command
 * opcode register).
 *
 * @param signal the writable signal to write
 * @param value the value to write, in the signal's units
 */
public record StartTrigger(String signal, long value) {}
