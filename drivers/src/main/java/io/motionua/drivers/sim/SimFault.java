package io.motionua.drivers.sim;

import java.time.Duration;
import java.util.Objects;

/**
 * A fault the simulator injects into every request to one unit id until it is cleared.
 *
 * @param kind what goes wrong
 * @param delay for {@link Kind#SLOW_REPLY}: how long the answer is held back; for {@link
 *     Kind#SLOW_REQUEST}: how long the request waits before the drive sees it
 * @param exceptionCode for {@link Kind#EXCEPTION}: the exception code answered
 */
public record SimFault(Kind kind, Duration delay, int exceptionCode) {

  /** What goes wrong. */
  public enum Kind {
    /** Requests are answered normally. */
    NONE,
    /** Requests get no reply at all, as from a dead drive. */
    NO_REPLY,
    /** The correct reply comes after {@link SimFault#delay()}. */
    SLOW_REPLY,
    /**
     * The request reaches the drive {@link SimFault#delay()} late (as behind a busy gateway), then
     * is applied and answered at once: a start or setpoint takes effect late.
     */
    SLOW_REQUEST,
    /** Every request is answered with {@link SimFault#exceptionCode()}; nothing is applied. */
    EXCEPTION,
    /**
     * The reply is damaged: on RTU its CRC is wrong; on TCP its unit id is, so the master cannot
     * match it. The request itself is applied.
     */
    CORRUPT_REPLY,
    /** The connection is closed instead of answering; the request is not applied. */
    CLOSE_CONNECTION
  }

  public SimFault {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(delay, "delay");
  }

  public static SimFault none() {
    return new SimFault(Kind.NONE, Duration.ZERO, 0);
  }

  public static SimFault noReply() {
    return new SimFault(Kind.NO_REPLY, Duration.ZERO, 0);
  }

  public static SimFault slowReply(Duration delay) {
    return new SimFault(Kind.SLOW_REPLY, delay, 0);
  }

  public static SimFault slowRequest(Duration delay) {
    return new SimFault(Kind.SLOW_REQUEST, delay, 0);
  }

  public static SimFault exception(int code) {
    return new SimFault(Kind.EXCEPTION, Duration.ZERO, code);
  }

  public static SimFault corruptReply() {
    return new SimFault(Kind.CORRUPT_REPLY, Duration.ZERO, 0);
  }

  public static SimFault closeConnection() {
    return new SimFault(Kind.CLOSE_CONNECTION, Duration.ZERO, 0);
  }
}
