/**
 * Planning of coordinated axis-group moves: single-axis point-to-point profiles (trapezoidal or
 * jerk-limited), time-synchronized moves and straight-line moves in axis space. Pure math in the
 * caller's load-side units: no OPC UA, no injection, no I/O, so the server's execution layer and
 * the benchmark call it directly.
 */
package io.motionua.server.group;
