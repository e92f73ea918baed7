package io.motionua.server.group;

import java.time.Instant;

/**
 * Keeps the axes of a coupled group (a gantry's twin motors) together during a move.
 *
 * <p>Each axis's following error is checked on its own, but that does not bound the pair: two
 * drives each within their limit in opposite directions, or one started late behind a busy link,
 * rack the gantry while every drive reports itself healthy. So every new sample of one member is
 * compared with every other member's progress along the move, and a difference beyond {@code
 * tolerance} is a fault of the axis that lags.
 *
 * <p>Members are polled at different moments (each on its own link), so the other member's position
 * is carried forward to the new sample's time with its last reported speed. Samples further apart
 * than {@link #MAX_AGE_NANOS} are not compared: at 1 m/s² the carried position may then be off by
 * {@code a·dt²/2} = 0.3 mm, which a tolerance of millimetres can absorb.
 *
 * <p>A difference counts only once it is seen again with a newer sample of both members: a sample's
 * time is when its reply was decoded, and a link thread held up for a few milliseconds between
 * reply and decode (a GC pause, a busy core) shifts one sample by speed times that delay, 2.4 mm at
 * 500 mm/s and 5 ms, without the pair moving apart. Racking persists; a late timestamp does not.
 * The price is one more poll of the slower member before the group reacts.
 *
 * <p>Progress is the displacement since the move began, scaled by the member's planned
 * displacement: coupled members are planned to move the same distance (the group refuses targets
 * that differ by more than the tolerance), so for a gantry this is simply the difference of their
 * displacements. Not thread-safe: the group calls it under its lock.
 */
final class CoupledPairWatch {

  /** Two members' samples further apart than this are not compared. */
  static final long MAX_AGE_NANOS = 25_000_000;

  /** A pair that differs by more than the tolerance. */
  record Divergence(int lagging, int leading, double difference) {}

  private final double tolerance;
  private final double[] start;
  private final double[] planned;

  /** The planned travel of the member that moves farthest: progress is measured in its terms. */
  private final double reference;

  private final double[] position;
  private final double[] speed;
  private final long[] at;
  private final boolean[] seen;
  private final long[] sampleCount;

  /**
   * Per pair {@code (a, b)}, a < b: the sample numbers at its first difference beyond tolerance.
   */
  private final long[][] firstBeyond;

  /**
   * @param start each member's position when the move began
   * @param target each member's target
   * @param tolerance largest allowed difference of progress, in the members' (common) unit
   */
  CoupledPairWatch(double[] start, double[] target, double tolerance) {
    int n = start.length;
    this.tolerance = tolerance;
    this.start = start.clone();
    this.planned = new double[n];
    double farthest = 0;
    for (int i = 0; i < n; i++) {
      planned[i] = target[i] - start[i];
      if (Math.abs(planned[i]) > Math.abs(farthest)) {
        farthest = planned[i];
      }
    }
    this.reference = farthest;
    this.position = new double[n];
    this.speed = new double[n];
    this.at = new long[n];
    this.seen = new boolean[n];
    this.sampleCount = new long[n];
    this.firstBeyond = new long[n * n][];
  }

  /**
   * Records member {@code i}'s sample and compares it with the others'.
   *
   * @param speed signed, in units per second
   * @return the largest divergence beyond the tolerance, or null when the pair holds together
   */
  Divergence sample(int i, double position, double speed, Instant time) {
    long now = nanos(time);
    this.position[i] = position;
    this.speed[i] = speed;
    this.at[i] = now;
    this.seen[i] = true;
    this.sampleCount[i]++;
    Divergence worst = null;
    for (int j = 0; j < start.length; j++) {
      if (j == i || !seen[j] || Math.abs(now - at[j]) > MAX_AGE_NANOS) {
        continue;
      }
      double other = this.position[j] + this.speed[j] * (now - at[j]) / 1e9;
      double difference = progress(i, position) - progress(j, other);
      if (!confirmedBeyond(i, j, Math.abs(difference) > tolerance)) {
        continue;
      }
      if (worst == null || Math.abs(difference) > worst.difference()) {
        boolean iAhead = difference * (reference >= 0 ? 1 : -1) > 0; // ahead along the move
        worst = new Divergence(iAhead ? j : i, iAhead ? i : j, Math.abs(difference));
      }
    }
    return worst;
  }

  /**
   * Whether pair {@code (i, j)} is beyond the tolerance now and was already at an earlier sample of
   * each of the two: two comparisons that share no sample.
   */
  private boolean confirmedBeyond(int i, int j, boolean beyond) {
    int a = Math.min(i, j);
    int b = Math.max(i, j);
    int pair = a * start.length + b;
    if (!beyond) {
      firstBeyond[pair] = null;
      return false;
    }
    long[] first = firstBeyond[pair];
    if (first == null) {
      firstBeyond[pair] = new long[] {sampleCount[a], sampleCount[b]};
      return false;
    }
    return sampleCount[a] > first[0] && sampleCount[b] > first[1];
  }

  /**
   * Member {@code i}'s displacement since the start, in the units of the member that moves
   * farthest: for equal planned displacements simply its displacement.
   */
  private double progress(int i, double p) {
    double moved = p - start[i];
    return planned[i] == 0 || planned[i] == reference ? moved : moved * reference / planned[i];
  }

  /**
   * Why targets for a coupled group are refused, or null when every member moves the same distance
   * within {@code tolerance}.
   */
  static String unequalTravel(double[] from, double[] target, String[] names, double tolerance) {
    for (int i = 1; i < from.length; i++) {
      double a = target[0] - from[0];
      double b = target[i] - from[i];
      if (Math.abs(a - b) > tolerance) {
        return ("coupled axes must travel the same distance (pair tolerance %s): %s would move"
                + " %s, %s %s")
            .formatted(tolerance, names[0], round(a), names[i], round(b));
      }
    }
    return null;
  }

  private static String round(double v) {
    return String.valueOf(Math.round(v * 1000) / 1000.0);
  }

  private static long nanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }
}
