package io.motionua.server.sparkplug;

/**
 * Sparkplug's two counters, each 0 to 255 and wrapping: {@code seq} numbers every message after
 * (and including, as 0) the NBIRTH; {@code bdSeq} numbers the births, pairing each NBIRTH with the
 * NDEATH registered as the will of the same connection.
 */
final class SequenceNumbers {

  private long seq;
  private long bdSeq = -1;

  /** A new connection: the bdSeq its will and NBIRTH carry. */
  long nextBdSeq() {
    bdSeq = (bdSeq + 1) & 0xFF;
    return bdSeq;
  }

  long bdSeq() {
    return bdSeq;
  }

  /** The NBIRTH's seq (0), after which numbering restarts. */
  long birth() {
    seq = 0;
    return 0;
  }

  long next() {
    seq = (seq + 1) & 0xFF;
    return seq;
  }
}
