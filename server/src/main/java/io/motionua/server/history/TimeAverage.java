package io.motionua.server.history;

import io.motionua.server.opcua.StatusMapping;
import io.motionua.server.opcua.StatusMapping.HistoryOutcome;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;

/**
 * The TimeAverage aggregate (OPC 10000-13 5.4.3.6) of every interval, from one pass over a node's
 * raw values in time order, with TreatUncertainAsBad (only Good values count) and
 * UseSlopedExtrapolation false.
 *
 * <p>5.4.3.6 draws the line sloped whatever the variable's Stepped property says ("this calculation
 * always uses a sloped line between points; TimeAverage2 uses a stepped or sloped line depending on
 * the value of the Stepped Property"), so the line here runs straight from each Good value to the
 * next one, non-Good values omitted. Each interval's bounds are points of that line (the
 * interpolated bounding values of 3.1.8): the Good value at the bound's time, else the line between
 * the Good values either side, Uncertain_DataSubNormal when non-Good values lie between those two;
 * with no Good value after, the last one is extrapolated stepped and Uncertain. The average is the
 * area under the line over the interval divided by the interval's length.
 *
 * <p>A bound's line segment is only known once the next Good value arrives, which may lie in a
 * later interval or after the range: areas and bounds are therefore kept per interval until {@link
 * #finish}. The first Good value at or after the range's end (if the caller knows it) closes the
 * last segment.
 */
final class TimeAverage {

  /** InfoType DataValue (bit 10) with the historian bit Calculated (Part 4 7.39.1). */
  private static final long CALCULATED = 0x400 | 0x1;

  private static final long PARTIAL = 0x4;

  // A bound's state: no Good value at or before it; a Good one (raw or interpolated); Uncertain.
  private static final byte NONE = 0;
  private static final byte GOOD = 1;
  private static final byte UNCERTAIN = 2;

  private final long start;
  private final long end;
  private final long interval;
  private final int count;

  // Per interval: the area under the line (value x microseconds), and non-Good values inside.
  private final double[] area;
  private final boolean[] skipped;
  // Per bound, the intervals' starts then the range's end: see NONE, GOOD, UNCERTAIN.
  private final byte[] bound;
  private int nextBound;

  // The last Good value so far, and whether non-Good values came after it.
  private boolean hasPrevious;
  private long previousTime;
  private double previousValue;
  private boolean skippedSincePrevious;
  // The time of the first Good value known (Long.MAX_VALUE: none yet).
  private long firstGood = Long.MAX_VALUE;

  /**
   * @param start the first interval's start, microseconds
   * @param end the last interval's end (excluded)
   * @param interval each interval's length (the last may be shorter)
   * @param lastBefore the last value before {@code start} of any status, or null
   * @param lastGoodBefore the last Good value before {@code start}, or null
   */
  TimeAverage(long start, long end, long interval, Sample lastBefore, Sample lastGoodBefore) {
    this.start = start;
    this.end = end;
    this.interval = interval;
    this.count = (int) ((end - start + interval - 1) / interval);
    this.area = new double[count];
    this.skipped = new boolean[count];
    this.bound = new byte[count + 1];
    if (lastGoodBefore != null) {
      hasPrevious = true;
      previousTime = lastGoodBefore.timeMicros();
      previousValue = lastGoodBefore.value();
      firstGood = previousTime;
    }
    // Non-Good values between the last Good one and the start.
    skippedSincePrevious = after(lastBefore, lastGoodBefore);
  }

  /** Whether {@code a} is a value that comes after {@code b} (or after none). */
  private static boolean after(Sample a, Sample b) {
    return a != null && (b == null || a.timeMicros() > b.timeMicros());
  }

  /** The next raw value, in time order, with {@code start <= t < end}. */
  void accept(long t, double value, long status) {
    if (!TimeWeighted.isGood(status)) {
      skippedSincePrevious = true;
      skipped[indexOf(t)] = true;
      return;
    }
    good(t, value);
  }

  /**
   * The results of every interval, oldest first, each with its interval's start as its time.
   *
   * @param firstAfter the first value at or after {@code end} of any status, or null
   * @param firstGoodAfter the first Good value at or after {@code end}, or null when there is none:
   *     the line after the last Good value is then extrapolated stepped
   */
  List<DataValue> finish(Sample firstAfter, Sample firstGoodAfter) {
    if (firstGoodAfter != null) {
      // Non-Good values between the end and that Good value make the end bound Uncertain.
      skippedSincePrevious |=
          firstAfter != null && firstAfter.timeMicros() < firstGoodAfter.timeMicros();
      good(firstGoodAfter.timeMicros(), firstGoodAfter.value());
    } else {
      // No Good value after: stepped extrapolation, Uncertain (3.1.8; "No End Bound").
      while (nextBound <= count) {
        bound[nextBound++] = hasPrevious ? UNCERTAIN : NONE;
      }
      if (hasPrevious && previousTime < end) {
        segment(previousTime, previousValue, end, previousValue);
      }
    }
    List<DataValue> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(result(i));
    }
    return out;
  }

  /** A Good value: it closes the line segment from the previous one and the bounds it crosses. */
  private void good(long t, double value) {
    while (nextBound <= count && boundTime(nextBound) < t) {
      bound[nextBound++] = !hasPrevious ? NONE : skippedSincePrevious ? UNCERTAIN : GOOD;
    }
    if (nextBound <= count && boundTime(nextBound) == t) {
      bound[nextBound++] = GOOD;
    }
    if (hasPrevious) {
      segment(previousTime, previousValue, t, value);
    } else {
      firstGood = t;
    }
    hasPrevious = true;
    previousTime = t;
    previousValue = value;
    skippedSincePrevious = false;
  }

  /** Adds the area under the straight line from (t0, v0) to (t1, v1) to the intervals it spans. */
  private void segment(long t0, double v0, long t1, double v1) {
    long from = Math.max(t0, start);
    long to = Math.min(t1, end);
    for (int i = from < to ? indexOf(from) : count; i < count && boundTime(i) < to; i++) {
      long a = Math.max(from, boundTime(i));
      long b = Math.min(to, boundTime(i + 1));
      double va = at(t0, v0, t1, v1, a);
      double vb = at(t0, v0, t1, v1, b);
      area[i] += (va + vb) / 2 * (b - a);
    }
  }

  /** The line through (t0, v0) and (t1, v1) at t (Part 13 3.1.8's formula). */
  private static double at(long t0, double v0, long t1, double v1, long t) {
    return t1 == t0 || v0 == v1 ? v0 : v0 + (v1 - v0) * ((double) (t - t0) / (t1 - t0));
  }

  private DataValue result(int i) {
    long s = boundTime(i);
    long e = boundTime(i + 1);
    var time = HistoryRawRead.dateTime(s);
    long from = Math.max(s, firstGood);
    if (from >= e) {
      // Before the first Good value ("Before Start of Data"): Bad_NoData.
      return new DataValue(
          Variant.NULL_VALUE,
          new StatusCode(StatusMapping.code(HistoryOutcome.NO_VALUE_AT_TIME)),
          time,
          time);
    }
    // No start bound: the partial interval from the first Good value ("No Start Bound").
    boolean noStartBound = bound[i] == NONE;
    boolean uncertain =
        skipped[i] || noStartBound || bound[i] == UNCERTAIN || bound[i + 1] == UNCERTAIN;
    long status =
        (uncertain ? StatusCodes.Uncertain_DataSubNormal : StatusCodes.Good)
            | CALCULATED
            | (noStartBound || e - s < interval ? PARTIAL : 0);
    return new DataValue(new Variant(area[i] / (e - from)), new StatusCode(status), time, time);
  }

  private long boundTime(int k) {
    return k >= count ? end : start + k * interval;
  }

  private int indexOf(long t) {
    return (int) Math.min(count - 1, (t - start) / interval);
  }
}
