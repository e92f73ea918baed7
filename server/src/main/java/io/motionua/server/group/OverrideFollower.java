package io.motionua.server.group;

/**
 * A group move that follows the machine's SpeedOverride while it runs: the interpolation loop's
 * {@link PathClock}, or {@link ProfileOverride} for drive-side profiles. Called under the group's
 * lock; must not block.
 */
interface OverrideFollower {

  /** The override changed to {@code fraction} (0 to 1). */
  void overrideChanged(double fraction);

  /**
   * When the move is now expected to end ({@link System#nanoTime()} scale), for the watchdog;
   * {@link Long#MAX_VALUE} while the override holds it.
   */
  long expectedEndNanos();
}
