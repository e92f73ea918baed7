package io.motionua.server.axis;

/**
 * Which way an absolute move on an endless axis goes round (PLCopen MC_Direction). Written to the
 * axis's {@code ModuloDirection} variable as its ordinal.
 */
public enum MoveDirection {
  /** The shorter way round; half a period exactly goes positive. */
  SHORTEST,
  /** Always forwards: up to one period less a hair. */
  POSITIVE,
  /** Always backwards. */
  NEGATIVE,
  /** The way the axis is moving now; the shorter way when it stands. */
  CURRENT;

  /** The direction with this ordinal, or null when there is none. */
  public static MoveDirection ofOrdinal(int value) {
    MoveDirection[] all = values();
    return value >= 0 && value < all.length ? all[value] : null;
  }
}
