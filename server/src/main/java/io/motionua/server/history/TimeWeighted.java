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
 * The stepped aggregates that need the values around an interval (Part 13): Interpolative (5.4.3.4)
 * and DurationGood (5.4.3.31), computed in one pass over a node's raw values in time order, for the
 * HA Configuration this server sets: TreatUncertainAsBad (a value is usable only when Good),
 * Stepped (a value holds until the next), no sloped extrapolation. TimeAverage (5.4.3.6) ignores
 * Stepped, its line is sloped: {@link TimeAverage}.
 *
 * <ul>
 *   <li>Interpolative: the value at each interval's start. A Good value recorded exactly then comes
 *       as it is (historian bits Raw); otherwise the last Good value before (the interpolated
 *       bounding value, stepped) with the bits Interpolated, Uncertain_DataSubNormal when non-Good
 *       values were skipped to find it or when the start lies after the last recorded value
 *       (extrapolated); Bad_NoData when there is no Good value before.
 *   <li>DurationGood: the milliseconds of the interval in which the value was Good; each region
 *       starts at a value and has its status, the first region the status of the last value before
 *       the interval (none: Bad). Good; Bad_NoData for an interval before the first or after the
 *       last recorded value.
 * </ul>
 *
 * Every result has the interval's start as its time; DurationGood carries the historian bit
 * Calculated, and Partial for the last interval when it is shorter than the others.
 */
final class TimeWeighted {

  enum Kind {
    INTERPOLATIVE,
    DURATION_GOOD
  }

  /** InfoType DataValue (bit 10): the historian bits below apply. */
  private static final long DATA_VALUE = 0x400;

  private static final long CALCULATED = 0x1;
  private static final long INTERPOLATED = 0x2;
  private static final long PARTIAL = 0x4;

  private final Kind kind;
  private final ValueType type;
  private final long start;
  private final long end;
  private final long interval;
  private final int count;
  private long lastData;
  private final List<DataValue> out = new ArrayList<>();

  // What holds before the current time: the last Good value, whether non-Good values followed it,
  // and the status of the last value of any status (none yet: anyValue false).
  private Sample held;
  private boolean skippedSinceHeld;
  private boolean anyValue;
  private long lastStatus;

  // The open interval [s, e).
  private int index = -1;
  private long s;
  private long e;
  private Sample heldAtStart;
  private boolean skippedAtStart;
  private Sample rawAtStart;
  private boolean badAtStart;
  private long good;
  private boolean regionGood;
  private long regionFrom;

  /**
   * @param start the first interval's start, microseconds
   * @param end the last interval's end (excluded)
   * @param interval each interval's length (the last may be shorter)
   * @param lastBefore the last value before {@code start} of any status, or null
   * @param lastGoodBefore the last Good value before {@code start}, or null
   * @param lastData the time of the newest value recorded (any status, any time), or {@code
   *     Long.MIN_VALUE} when there is none
   */
  TimeWeighted(
      Kind kind,
      ValueType type,
      long start,
      long end,
      long interval,
      Sample lastBefore,
      Sample lastGoodBefore,
      long lastData) {
    this.kind = kind;
    this.type = type;
    this.start = start;
    this.end = end;
    this.interval = interval;
    this.count = (int) ((end - start + interval - 1) / interval);
    this.lastData = lastData;
    this.held = lastGoodBefore;
    this.skippedSinceHeld =
        lastBefore != null
            && (lastGoodBefore == null || lastBefore.timeMicros() > lastGoodBefore.timeMicros());
    this.anyValue = lastBefore != null;
    this.lastStatus = lastBefore == null ? StatusCodes.Bad_NoData : lastBefore.status();
    open(0);
  }

  static boolean isGood(long status) {
    return (status & 0xC0000000L) == 0;
  }

  /** The next raw value, in time order, with {@code start <= t < end}. */
  void accept(long t, double value, long status) {
    while (t >= e && index < count) {
      close();
      open(index + 1);
    }
    lastData = Math.max(lastData, t);
    boolean isGood = isGood(status);
    if (t == s && isGood && rawAtStart == null) {
      rawAtStart = new Sample("", t, value, status);
    } else if (t == s && !isGood) {
      badAtStart = true;
    }
    if (regionGood) {
      good += t - regionFrom;
    }
    regionGood = isGood;
    regionFrom = t;
    if (isGood) {
      held = new Sample("", t, value, status);
      skippedSinceHeld = false;
    } else {
      skippedSinceHeld = true;
    }
    anyValue = true;
    lastStatus = status;
  }

  /** The results of every interval, oldest first. */
  List<DataValue> finish() {
    while (index < count) {
      close();
      open(index + 1);
    }
    return out;
  }

  private void open(int i) {
    index = i;
    if (i >= count) {
      return;
    }
    s = start + (long) i * interval;
    e = Math.min(s + interval, end);
    heldAtStart = held;
    skippedAtStart = skippedSinceHeld;
    rawAtStart = null;
    badAtStart = false;
    good = 0;
    regionGood = anyValue && isGood(lastStatus);
    regionFrom = s;
  }

  private void close() {
    var time = HistoryRawRead.dateTime(s);
    boolean partial = e - s < interval;
    DataValue result =
        switch (kind) {
          case INTERPOLATIVE -> interpolative();
          case DURATION_GOOD -> durationGood(partial);
        };
    out.add(new DataValue(result.getValue(), result.getStatusCode(), time, time));
  }

  private DataValue interpolative() {
    if (rawAtStart != null) {
      return value(type.toVariant(rawAtStart.value()), StatusCodes.Good | DATA_VALUE);
    }
    if (heldAtStart == null) {
      return noData();
    }
    // Skipped non-Good values before the start or at it, or the start after the last value.
    boolean uncertain = skippedAtStart || badAtStart || lastData < s;
    return value(
        type.toVariant(heldAtStart.value()),
        (uncertain ? StatusCodes.Uncertain_DataSubNormal : StatusCodes.Good)
            | DATA_VALUE
            | INTERPOLATED);
  }

  private DataValue durationGood(boolean partial) {
    boolean beforeData = !anyValue;
    boolean afterData = lastData < s;
    if (beforeData || afterData) {
      return noData();
    }
    long total = good + (regionGood ? e - regionFrom : 0);
    return value(
        new Variant(total / 1000.0),
        StatusCodes.Good | DATA_VALUE | CALCULATED | (partial ? PARTIAL : 0));
  }

  private static DataValue value(Variant v, long status) {
    return new DataValue(v, new StatusCode(status), null, null);
  }

  private static DataValue noData() {
    return new DataValue(
        Variant.NULL_VALUE,
        new StatusCode(StatusMapping.code(HistoryOutcome.NO_VALUE_AT_TIME)),
        null,
        null);
  }
}
