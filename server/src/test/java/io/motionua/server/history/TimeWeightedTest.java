package io.motionua.server.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.junit.jupiter.api.Test;

/**
 * Interpolative, TimeAverage and DurationGood against figures computed by hand and against Part
 * 13's own examples (OPC 10000-13 v1.04 Annex A), for Stepped variables with TreatUncertainAsBad,
 * and properties that hold for any series. TimeAverage ignores Stepped: its line is sloped
 * (5.4.3.6).
 */
class TimeWeightedTest {

  private static final long S = 1_000_000L;
  private static final long GOOD = StatusCodes.Good;
  private static final long BAD = StatusCodes.Bad_NoCommunication;
  private static final long RAW = 0x400;
  private static final long CALCULATED = 0x401;
  private static final long INTERPOLATED = 0x402;
  private static final long PARTIAL = 0x4;
  private static final long UNCERTAIN = StatusCodes.Uncertain_DataSubNormal;

  private static Sample at(long seconds, double value, long status) {
    return new Sample("", seconds * S, value, status);
  }

  /**
   * Runs one aggregate over {@code samples} (in time order) from 0 to {@code end} seconds, as the
   * store would: the samples before {@code end} are scanned, the first Good one at or after it (and
   * whether non-Good ones precede it) is what lies beyond.
   */
  private static List<DataValue> run(
      HistoryProcessedRead.Aggregate aggregate,
      long end,
      long interval,
      Sample before,
      Sample goodBefore,
      List<Sample> samples,
      long lastData) {
    Sample after = null;
    Sample goodAfter = null;
    for (Sample s : samples) {
      if (s.timeMicros() >= end * S) {
        after = after == null ? s : after;
        if (TimeWeighted.isGood(s.status())) {
          goodAfter = s;
          break;
        }
      }
    }
    if (aggregate == HistoryProcessedRead.Aggregate.TIME_AVERAGE) {
      TimeAverage t = new TimeAverage(0, end * S, interval * S, before, goodBefore);
      for (Sample s : samples) {
        if (s.timeMicros() < end * S) {
          t.accept(s.timeMicros(), s.value(), s.status());
        }
      }
      return t.finish(after, goodAfter);
    }
    TimeWeighted t =
        new TimeWeighted(
            aggregate == HistoryProcessedRead.Aggregate.INTERPOLATIVE
                ? TimeWeighted.Kind.INTERPOLATIVE
                : TimeWeighted.Kind.DURATION_GOOD,
            ValueType.DOUBLE,
            0,
            end * S,
            interval * S,
            before,
            goodBefore,
            lastData * S);
    for (Sample s : samples) {
      if (s.timeMicros() < end * S) {
        t.accept(s.timeMicros(), s.value(), s.status());
      }
    }
    return t.finish();
  }

  // From -5 s a Good 1; then 2 at 0, a Bad value at 4, 4 at 6, 5 at 20; nothing after 20.
  private static final Sample FIRST = at(-5, 1, GOOD);
  private static final List<Sample> SERIES =
      List.of(at(0, 2, GOOD), at(4, 9, BAD), at(6, 4, GOOD), at(20, 5, GOOD));

  private static List<DataValue> series(HistoryProcessedRead.Aggregate kind) {
    return run(kind, 30, 10, FIRST, FIRST, SERIES, 20);
  }

  private static void expect(DataValue dv, double value, long status, long seconds) {
    assertEquals(value, ((Number) dv.getValue().getValue()).doubleValue(), 1e-9, dv.toString());
    assertEquals(status, dv.getStatusCode().getValue(), () -> dv.toString());
    assertEquals(seconds * S, HistoryRawRead.micros(dv.getSourceTime()), dv.toString());
  }

  private static void expectNoData(DataValue dv) {
    assertNull(dv.getValue().getValue(), dv.toString());
    assertEquals(StatusCodes.Bad_NoData, dv.getStatusCode().getValue(), dv.toString());
  }

  @Test
  void interpolativeIsTheRawValueAtTheStartOrTheGoodValueHeldThen() {
    List<DataValue> r = series(HistoryProcessedRead.Aggregate.INTERPOLATIVE);
    assertEquals(3, r.size());
    expect(r.get(0), 2, GOOD | RAW, 0);
    expect(r.get(1), 4, GOOD | INTERPOLATED, 10);
    expect(r.get(2), 5, GOOD | RAW, 20);
  }

  @Test
  void timeAverageIsTheSlopedAreaOverTheIntervalSkippingBadValues() {
    List<DataValue> r = series(HistoryProcessedRead.Aggregate.TIME_AVERAGE);
    // From 2 at 0 straight to 4 at 6 (the Bad value at 4 omitted): 18; from 4 at 6 towards 5 at
    // 20, which it reaches 4 + 4/14 at 10: 4 * (4 + 2/14) = 16 + 8/14. Uncertain: a Bad value.
    expect(r.get(0), (34 + 8.0 / 14) / 10, UNCERTAIN | CALCULATED, 0);
    // From 4 + 4/14 at 10 to 5 at 20.
    expect(r.get(1), (4 + 4.0 / 14 + 5) / 2, GOOD | CALCULATED, 10);
    // The end bound at 30 lies after the last value (20): extrapolated stepped, Uncertain.
    expect(r.get(2), 5, UNCERTAIN | CALCULATED, 20);
  }

  @Test
  void aStepIsAveragedAlongTheSlopeWhateverSteppedSays() {
    // Part 13 5.4.3.6: "this calculation always uses a sloped line between points".
    List<Sample> step = List.of(at(0, 0, GOOD), at(10, 10, GOOD));
    expect(
        run(HistoryProcessedRead.Aggregate.TIME_AVERAGE, 10, 10, null, null, step, 10).get(0),
        5,
        GOOD | CALCULATED,
        0);
    // Interpolative follows Stepped: the value held at 5 is 0.
    expect(
        run(HistoryProcessedRead.Aggregate.INTERPOLATIVE, 10, 5, null, null, step, 10).get(1),
        0,
        GOOD | INTERPOLATED,
        5);
  }

  @Test
  void theEndBoundIsOnTheLineToTheFirstGoodValueAfterTheInterval() {
    List<Sample> ramp = List.of(at(0, 0, GOOD), at(20, 20, GOOD));
    // The end bound at 10 is 10, halfway to the value at 20: the average is 5.
    expect(
        run(HistoryProcessedRead.Aggregate.TIME_AVERAGE, 10, 10, null, null, ramp, 20).get(0),
        5,
        GOOD | CALCULATED,
        0);
    // A Bad value between the end and that value makes the end bound, and the result, Uncertain.
    List<Sample> withBad = List.of(at(0, 0, GOOD), at(12, 99, BAD), at(20, 20, GOOD));
    expect(
        run(HistoryProcessedRead.Aggregate.TIME_AVERAGE, 10, 10, null, null, withBad, 20).get(0),
        5,
        UNCERTAIN | CALCULATED,
        0);
    // Seen from a longer range, the same value at 20 is read by the scan, not looked up after.
    expect(
        run(HistoryProcessedRead.Aggregate.TIME_AVERAGE, 30, 10, null, null, withBad, 20).get(0),
        5,
        UNCERTAIN | CALCULATED,
        0);
  }

  @Test
  void withoutTheFirstGoodValueAfterTheRangeTheLastEndBoundIsExtrapolated() {
    // Nothing known after the end (no value recorded after it yet).
    TimeAverage t = new TimeAverage(0, 10 * S, 10 * S, null, null);
    t.accept(0, 0, GOOD);
    expect(t.finish(null, null).get(0), 0, UNCERTAIN | CALCULATED, 0);
  }

  /**
   * Part 13 v1.04 Annex A.1.1's Historian 1 data and A.4's TimeAverage results (interval 5 s from
   * 12:00:00 to 12:01:40), every row. Historian 1 has TreatUncertainAsBad false and uses the
   * Uncertain 70 at 12:01:10; omitting it as these variables do changes nothing, since 70 lies on
   * the line from 60 to 80 and the rows around it are Uncertain either way.
   */
  @Test
  void historian1MatchesPart13AnnexA4() {
    List<Sample> h1 =
        List.of(
            at(0, Double.NaN, StatusCodes.Bad_NoData),
            at(10, 10, GOOD),
            at(20, 20, GOOD),
            at(30, 30, GOOD),
            at(40, 40, BAD),
            at(50, 50, GOOD),
            at(60, 60, GOOD),
            at(70, 70, StatusCodes.Uncertain),
            at(80, 80, GOOD),
            at(90, 90, GOOD));
    List<DataValue> r =
        run(HistoryProcessedRead.Aggregate.TIME_AVERAGE, 100, 5, null, null, h1, 90);
    assertEquals(20, r.size());
    expectNoData(r.get(0));
    expectNoData(r.get(1));
    double[] values = {
      12.5, 17.5, 22.5, 27.5, 32.5, 37.5, 42.5, 47.5, 52.5, 57.5, 62.5, 67.5, 72.5, 77.5, 82.5,
      87.5, 90, 90
    };
    String uncertain = "....UUUU..UUUU..UU";
    for (int i = 0; i < values.length; i++) {
      long status = uncertain.charAt(i) == 'U' ? UNCERTAIN : GOOD;
      expect(r.get(i + 2), values[i], status | CALCULATED, 10 + 5L * i);
    }
  }

  /**
   * Part 13 v1.04 Annex A.1.2's Historian 2 data: TreatUncertainAsBad, as here. A.4 gives 10.652
   * (Uncertain, Partial) at 12:00:00 and 40 (Uncertain) at 12:00:45; the other rows are computed by
   * hand and agree, to the one decimal they give, with the OPC Foundation's own expected
   * TimeAverage results for this data set (UA-.NET-Legacy, Aggregators/UnitTest/TestResults/
   * TimeAverageTestResult.xml, TestData2).
   */
  @Test
  void historian2MatchesPart13AnnexA4() {
    List<Sample> h2 =
        List.of(
            at(0, Double.NaN, StatusCodes.Bad_NoData),
            at(2, 10, GOOD),
            at(25, 20, GOOD),
            at(28, 25, GOOD),
            at(39, 30, GOOD),
            at(42, Double.NaN, BAD),
            at(48, 40, GOOD),
            at(52, 50, GOOD),
            at(72, 60, GOOD),
            at(77, 70, StatusCodes.Uncertain),
            at(83, 70, GOOD),
            at(86, 80, GOOD),
            at(90, 90, GOOD));
    List<DataValue> r =
        run(HistoryProcessedRead.Aggregate.TIME_AVERAGE, 100, 5, null, null, h2, 90);
    // From 10 at 2 to the end bound at 5, 10 + 3 * 10/23, over the 3 s covered.
    expect(r.get(0), 10 + 1.5 * 10 / 23, UNCERTAIN | CALCULATED | PARTIAL, 0);
    expect(r.get(1), 10 + 5.5 * 10 / 23, GOOD | CALCULATED, 5); // 12.4
    expect(r.get(2), 10 + 10.5 * 10 / 23, GOOD | CALCULATED, 10); // 14.6
    expect(r.get(3), 10 + 15.5 * 10 / 23, GOOD | CALCULATED, 15); // 16.7
    // 22.5 for 3 s, then from 25 towards 30 at 39 for 2 s.
    expect(r.get(5), (67.5 + 50 + 10.0 / 11) / 5, GOOD | CALCULATED, 25);
    // Towards 30 at 39, then towards 40 at 48 across the Bad value at 42 (end bound Uncertain).
    expect(
        r.get(7),
        ((28 + 2.0 / 11 + 30) * 2 + (30 + 31 + 1.0 / 9) / 2) / 5,
        UNCERTAIN | CALCULATED,
        35); // 29.4
    expect(r.get(8), (31 + 1.0 / 9 + 36 + 2.0 / 3) / 2, UNCERTAIN | CALCULATED, 40); // 33.9
    expect(r.get(9), 40, UNCERTAIN | CALCULATED, 45);
    expect(r.get(10), 49.45, GOOD | CALCULATED, 50); // 49.5
    expect(r.get(11), 52.75, GOOD | CALCULATED, 55); // 52.8
    // The Uncertain 70 at 77 is omitted: the line runs from 60 at 72 to 70 at 83.
    expect(r.get(16), (205 + 10.0 / 11 + 146 + 2.0 / 3) / 5, UNCERTAIN | CALCULATED, 80); // 70.5
    expect(r.get(17), (78 + 1.0 / 3 + 340) / 5, GOOD | CALCULATED, 85); // 83.7
    expect(r.get(18), 90, UNCERTAIN | CALCULATED, 90);
    expect(r.get(19), 90, UNCERTAIN | CALCULATED, 95);
  }

  @Test
  void durationGoodCountsTheGoodRegionsInMilliseconds() {
    List<DataValue> r = series(HistoryProcessedRead.Aggregate.DURATION_GOOD);
    expect(r.get(0), 8000, GOOD | CALCULATED, 0);
    expect(r.get(1), 10000, GOOD | CALCULATED, 10);
    expect(r.get(2), 10000, GOOD | CALCULATED, 20);
  }

  @Test
  void aStartBoundFoundPastABadValueIsUncertain() {
    Sample bad = at(-2, 0, BAD);
    List<Sample> after = List.of(at(3, 3, GOOD), at(12, 3, GOOD));
    expect(
        run(HistoryProcessedRead.Aggregate.INTERPOLATIVE, 10, 10, bad, FIRST, after, 12).get(0),
        1,
        UNCERTAIN | INTERPOLATED,
        0);
    // The start bound lies on the line from 1 at -5 to 3 at 3, past the Bad value: 2.25,
    // Uncertain; then 2.25 to 3 over 3 s and 3 for 7 s.
    expect(
        run(HistoryProcessedRead.Aggregate.TIME_AVERAGE, 10, 10, bad, FIRST, after, 12).get(0),
        (7.875 + 21) / 10,
        UNCERTAIN | CALCULATED,
        0);
    // Bad (the value before) until 3, Good after.
    expect(
        run(HistoryProcessedRead.Aggregate.DURATION_GOOD, 10, 10, bad, FIRST, after, 12).get(0),
        7000,
        GOOD | CALCULATED,
        0);
  }

  @Test
  void withoutAValueBeforeTheIntervalIsPartialOrNoData() {
    List<Sample> later = List.of(at(5, 10, GOOD), at(11, 10, GOOD));
    expectNoData(
        run(HistoryProcessedRead.Aggregate.INTERPOLATIVE, 10, 10, null, null, later, 11).get(0));
    expect(
        run(HistoryProcessedRead.Aggregate.TIME_AVERAGE, 10, 10, null, null, later, 11).get(0),
        10,
        UNCERTAIN | CALCULATED | PARTIAL,
        0);
    expect(
        run(HistoryProcessedRead.Aggregate.DURATION_GOOD, 10, 10, null, null, later, 11).get(0),
        5000,
        GOOD | CALCULATED,
        0);
    // An interval that ends before the first value: no data at all.
    expectNoData(
        run(HistoryProcessedRead.Aggregate.DURATION_GOOD, 10, 5, null, null, later, 11).get(0));
    expectNoData(
        run(HistoryProcessedRead.Aggregate.TIME_AVERAGE, 10, 5, null, null, later, 11).get(0));
  }

  @Test
  void afterTheLastValueDurationGoodHasNoDataAndInterpolativeExtrapolates() {
    List<Sample> one = List.of(at(1, 7, GOOD));
    List<DataValue> d =
        run(HistoryProcessedRead.Aggregate.DURATION_GOOD, 20, 10, null, null, one, 1);
    expect(d.get(0), 9000, GOOD | CALCULATED, 0);
    expectNoData(d.get(1));
    expect(
        run(HistoryProcessedRead.Aggregate.INTERPOLATIVE, 20, 10, null, null, one, 1).get(1),
        7,
        UNCERTAIN | INTERPOLATED,
        10);
  }

  @Test
  void aShorterLastIntervalIsPartial() {
    List<DataValue> r =
        run(HistoryProcessedRead.Aggregate.DURATION_GOOD, 15, 10, FIRST, FIRST, SERIES, 20);
    assertEquals(2, r.size());
    expect(r.get(1), 5000, GOOD | CALCULATED | PARTIAL, 10);
    // From 4 + 4/14 at 10 to 4 + 9/14 at 15, on the line towards 5 at 20 (after the range).
    expect(
        run(HistoryProcessedRead.Aggregate.TIME_AVERAGE, 15, 10, FIRST, FIRST, SERIES, 20).get(1),
        4 + 6.5 / 14,
        GOOD | CALCULATED | PARTIAL,
        10);
  }

  @Property(tries = 200)
  void theTimeAverageOfAConstantIsTheConstant(
      @ForAll @DoubleRange(min = -1e6, max = 1e6) double c,
      @ForAll @Size(max = 40) List<@IntRange(min = 0, max = 99) Integer> times,
      @ForAll @Size(max = 40) List<Boolean> good) {
    List<Sample> samples = series(times, good, c);
    for (DataValue dv :
        run(
            HistoryProcessedRead.Aggregate.TIME_AVERAGE,
            100,
            7,
            at(-1, c, GOOD),
            at(-1, c, GOOD),
            samples,
            100)) {
      assertEquals(c, (Double) dv.getValue().getValue(), 1e-9 * Math.max(1, Math.abs(c)));
    }
  }

  @Property(tries = 200)
  void aRampSampledAtItsEndsAveragesToItsMidpoint(
      @ForAll @DoubleRange(min = -1e6, max = 1e6) double from,
      @ForAll @DoubleRange(min = -1e6, max = 1e6) double to,
      @ForAll @IntRange(min = 1, max = 100_000) int seconds) {
    List<Sample> ramp = List.of(at(0, from, GOOD), at(seconds, to, GOOD));
    DataValue dv =
        run(
                HistoryProcessedRead.Aggregate.TIME_AVERAGE,
                seconds,
                seconds,
                null,
                null,
                ramp,
                seconds)
            .get(0);
    assertClose((from + to) / 2, dv);
    assertEquals(GOOD | CALCULATED, dv.getStatusCode().getValue());
  }

  /** The bounds are points of the same line, so where the intervals are cut changes nothing. */
  @Property(tries = 200)
  void anIntervalsAverageIsTheMeanOfItsHalvesAverages(
      @ForAll @Size(max = 40) List<@IntRange(min = 0, max = 99) Integer> times,
      @ForAll @Size(max = 40) List<Boolean> good,
      @ForAll @Size(min = 42, max = 42) List<@DoubleRange(min = -1e3, max = 1e3) Double> values) {
    List<Sample> samples = new java.util.ArrayList<>(series(times, good, values));
    samples.add(at(150, values.get(41), GOOD));
    Sample first = at(-1, values.get(40), GOOD);
    double whole =
        (Double)
            run(HistoryProcessedRead.Aggregate.TIME_AVERAGE, 100, 100, first, first, samples, 150)
                .get(0)
                .getValue()
                .getValue();
    List<DataValue> halves =
        run(HistoryProcessedRead.Aggregate.TIME_AVERAGE, 100, 50, first, first, samples, 150);
    double mean =
        ((Double) halves.get(0).getValue().getValue()
                + (Double) halves.get(1).getValue().getValue())
            / 2;
    assertEquals(whole, mean, 1e-9 * 1e3);
  }

  @Property(tries = 200)
  void theTimeAverageLiesBetweenTheSmallestAndLargestGoodValue(
      @ForAll @Size(max = 40) List<@IntRange(min = 0, max = 99) Integer> times,
      @ForAll @Size(max = 40) List<Boolean> good,
      @ForAll @Size(min = 42, max = 42) List<@DoubleRange(min = -1e3, max = 1e3) Double> values) {
    List<Sample> samples = series(times, good, values);
    Sample first = at(-1, values.get(40), GOOD);
    double min = first.value();
    double max = first.value();
    for (Sample s : samples) {
      if (s.status() == GOOD) {
        min = Math.min(min, s.value());
        max = Math.max(max, s.value());
      }
    }
    for (DataValue dv :
        run(HistoryProcessedRead.Aggregate.TIME_AVERAGE, 100, 7, first, first, samples, 100)) {
      double x = (Double) dv.getValue().getValue();
      assertTrue(x >= min - 1e-9 && x <= max + 1e-9, x + " outside [" + min + ", " + max + "]");
    }
  }

  private static void assertClose(double expected, DataValue dv) {
    double x = ((Number) dv.getValue().getValue()).doubleValue();
    assertEquals(expected, x, 1e-9 * Math.max(1, Math.abs(expected)), dv.toString());
  }

  @Property(tries = 200)
  void durationGoodLiesWithinTheInterval(
      @ForAll @Size(max = 40) List<@IntRange(min = 0, max = 99) Integer> times,
      @ForAll @Size(max = 40) List<Boolean> good,
      @ForAll boolean goodBefore) {
    List<Sample> samples = series(times, good, 1);
    Sample before = at(-1, 1, goodBefore ? GOOD : BAD);
    List<DataValue> r =
        run(HistoryProcessedRead.Aggregate.DURATION_GOOD, 100, 7, before, null, samples, 100);
    for (int i = 0; i < r.size(); i++) {
      double ms = (Double) r.get(i).getValue().getValue();
      double length = Math.min(7, 100 - 7 * i) * 1000.0;
      assertTrue(ms >= 0 && ms <= length, ms + " ms in an interval of " + length);
    }
    if (samples.stream().allMatch(s -> s.status() == GOOD) && goodBefore) {
      assertEquals(100_000.0, r.stream().mapToDouble(v -> (Double) v.getValue().getValue()).sum());
    }
  }

  /** Sorted distinct times with the values given (in order), Good or Bad as {@code good} says. */
  private static List<Sample> series(List<Integer> times, List<Boolean> good, List<Double> values) {
    List<Integer> sorted = times.stream().distinct().sorted().toList();
    return java.util.stream.IntStream.range(0, sorted.size())
        .mapToObj(
            i -> at(sorted.get(i), values.get(i), i < good.size() && !good.get(i) ? BAD : GOOD))
        .toList();
  }

  /** Sorted distinct times, each Good or Bad as {@code good} says (Good when it runs out). */
  private static List<Sample> series(List<Integer> times, List<Boolean> good, double c) {
    List<Integer> sorted = times.stream().distinct().sorted().toList();
    return java.util.stream.IntStream.range(0, sorted.size())
        .mapToObj(
            i ->
                at(
                    sorted.get(i),
                    i < good.size() && !good.get(i) ? -c : c,
                    i < good.size() && !good.get(i) ? BAD : GOOD))
        .toList();
  }
}
