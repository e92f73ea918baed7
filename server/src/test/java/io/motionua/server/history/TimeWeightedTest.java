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
 * Interpolative, TimeAverage and DurationGood against figures computed by hand (Part 13, Stepped,
 * TreatUncertainAsBad), and properties that hold for any series.
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

  /** Runs one aggregate over {@code samples} (in time order) from 0 to {@code end} seconds. */
  private static List<DataValue> run(
      TimeWeighted.Kind kind,
      long end,
      long interval,
      Sample before,
      Sample goodBefore,
      List<Sample> samples,
      long lastData) {
    TimeWeighted t =
        new TimeWeighted(
            kind, ValueType.DOUBLE, 0, end * S, interval * S, before, goodBefore, lastData * S);
    for (Sample s : samples) {
      t.accept(s.timeMicros(), s.value(), s.status());
    }
    return t.finish();
  }

  // From -5 s a Good 1; then 2 at 0, a Bad value at 4, 4 at 6, 5 at 20; nothing after 20.
  private static final Sample FIRST = at(-5, 1, GOOD);
  private static final List<Sample> SERIES =
      List.of(at(0, 2, GOOD), at(4, 9, BAD), at(6, 4, GOOD), at(20, 5, GOOD));

  private static List<DataValue> series(TimeWeighted.Kind kind) {
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
    List<DataValue> r = series(TimeWeighted.Kind.INTERPOLATIVE);
    assertEquals(3, r.size());
    expect(r.get(0), 2, GOOD | RAW, 0);
    expect(r.get(1), 4, GOOD | INTERPOLATED, 10);
    expect(r.get(2), 5, GOOD | RAW, 20);
  }

  @Test
  void timeAverageIsTheSteppedAreaOverTheIntervalSkippingBadValues() {
    List<DataValue> r = series(TimeWeighted.Kind.TIME_AVERAGE);
    // 2 for 6 s (the Bad value at 4 skipped), 4 for 4 s: 28 / 10.
    expect(r.get(0), 2.8, UNCERTAIN | CALCULATED, 0);
    expect(r.get(1), 4, GOOD | CALCULATED, 10);
    // The end bound at 30 lies after the last value (20): extrapolated, Uncertain.
    expect(r.get(2), 5, UNCERTAIN | CALCULATED, 20);
  }

  @Test
  void durationGoodCountsTheGoodRegionsInMilliseconds() {
    List<DataValue> r = series(TimeWeighted.Kind.DURATION_GOOD);
    expect(r.get(0), 8000, GOOD | CALCULATED, 0);
    expect(r.get(1), 10000, GOOD | CALCULATED, 10);
    expect(r.get(2), 10000, GOOD | CALCULATED, 20);
  }

  @Test
  void aStartBoundFoundPastABadValueIsUncertain() {
    Sample bad = at(-2, 0, BAD);
    List<Sample> after = List.of(at(3, 3, GOOD), at(12, 3, GOOD));
    expect(
        run(TimeWeighted.Kind.INTERPOLATIVE, 10, 10, bad, FIRST, after, 12).get(0),
        1,
        UNCERTAIN | INTERPOLATED,
        0);
    // 1 for 3 s, 3 for 7 s.
    expect(
        run(TimeWeighted.Kind.TIME_AVERAGE, 10, 10, bad, FIRST, after, 12).get(0),
        2.4,
        UNCERTAIN | CALCULATED,
        0);
    // Bad (the value before) until 3, Good after.
    expect(
        run(TimeWeighted.Kind.DURATION_GOOD, 10, 10, bad, FIRST, after, 12).get(0),
        7000,
        GOOD | CALCULATED,
        0);
  }

  @Test
  void withoutAValueBeforeTheIntervalIsPartialOrNoData() {
    List<Sample> later = List.of(at(5, 10, GOOD), at(11, 10, GOOD));
    expectNoData(run(TimeWeighted.Kind.INTERPOLATIVE, 10, 10, null, null, later, 11).get(0));
    expect(
        run(TimeWeighted.Kind.TIME_AVERAGE, 10, 10, null, null, later, 11).get(0),
        10,
        UNCERTAIN | CALCULATED | PARTIAL,
        0);
    expect(
        run(TimeWeighted.Kind.DURATION_GOOD, 10, 10, null, null, later, 11).get(0),
        5000,
        GOOD | CALCULATED,
        0);
    // An interval that ends before the first value: no data at all.
    expectNoData(run(TimeWeighted.Kind.DURATION_GOOD, 10, 5, null, null, later, 11).get(0));
    expectNoData(run(TimeWeighted.Kind.TIME_AVERAGE, 10, 5, null, null, later, 11).get(0));
  }

  @Test
  void afterTheLastValueDurationGoodHasNoDataAndInterpolativeExtrapolates() {
    List<Sample> one = List.of(at(1, 7, GOOD));
    List<DataValue> d = run(TimeWeighted.Kind.DURATION_GOOD, 20, 10, null, null, one, 1);
    expect(d.get(0), 9000, GOOD | CALCULATED, 0);
    expectNoData(d.get(1));
    expect(
        run(TimeWeighted.Kind.INTERPOLATIVE, 20, 10, null, null, one, 1).get(1),
        7,
        UNCERTAIN | INTERPOLATED,
        10);
  }

  @Test
  void aShorterLastIntervalIsPartial() {
    List<DataValue> r = run(TimeWeighted.Kind.DURATION_GOOD, 15, 10, FIRST, FIRST, SERIES, 20);
    assertEquals(2, r.size());
    expect(r.get(1), 5000, GOOD | CALCULATED | PARTIAL, 10);
    expect(
        run(TimeWeighted.Kind.TIME_AVERAGE, 15, 10, FIRST, FIRST, SERIES, 20).get(1),
        4,
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
            TimeWeighted.Kind.TIME_AVERAGE,
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
  void durationGoodLiesWithinTheInterval(
      @ForAll @Size(max = 40) List<@IntRange(min = 0, max = 99) Integer> times,
      @ForAll @Size(max = 40) List<Boolean> good,
      @ForAll boolean goodBefore) {
    List<Sample> samples = series(times, good, 1);
    Sample before = at(-1, 1, goodBefore ? GOOD : BAD);
    List<DataValue> r = run(TimeWeighted.Kind.DURATION_GOOD, 100, 7, before, null, samples, 100);
    for (int i = 0; i < r.size(); i++) {
      double ms = (Double) r.get(i).getValue().getValue();
      double length = Math.min(7, 100 - 7 * i) * 1000.0;
      assertTrue(ms >= 0 && ms <= length, ms + " ms in an interval of " + length);
    }
    if (samples.stream().allMatch(s -> s.status() == GOOD) && goodBefore) {
      assertEquals(100_000.0, r.stream().mapToDouble(v -> (Double) v.getValue().getValue()).sum());
    }
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
