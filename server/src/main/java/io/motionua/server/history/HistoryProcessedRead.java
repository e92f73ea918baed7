package io.motionua.server.history;

import io.motionua.server.opcua.StatusMapping;
import io.motionua.server.opcua.StatusMapping.HistoryOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadProcessedDetails;

/**
 * ReadProcessedDetails for one recorded variable with one of the aggregates of Part 13 in {@link
 * #SUPPORTED}. Average, Minimum, Maximum, Count, Start and End are computed by the store over the
 * Good raw values of each interval ({@link HistoryStore#aggregate}). Each result carries the
 * interval's start time and the Calculated historian bit; its StatusCode is Good when every raw
 * value of the interval was Good, Uncertain_DataSubNormal when some were not (the HA Configuration
 * says TreatUncertainAsBad, PercentDataGood 100), and Bad_NoData with a null value when none was
 * Good. Count is the number of Good values (0, Good, for an empty interval). Start and End are the
 * first and last Good value. Intervals run from start to end (start before end only); a
 * processingInterval of 0 makes one interval of the whole range. A page holds at most {@link
 * #MAX_INTERVALS} intervals, the rest comes behind a continuation point. Interpolative, TimeAverage
 * and DurationGood need the values around each interval: {@link TimeWeighted} computes them from
 * the raw values.
 */
final class HistoryProcessedRead {

  static final int MAX_INTERVALS = HistoryRawRead.MAX_PAGE;

  /** InfoType DataValue (bit 10) with the historian bit Calculated (1). */
  private static final long CALCULATED = 0x400 | 0x1;

  enum Aggregate {
    AVERAGE,
    MINIMUM,
    MAXIMUM,
    COUNT,
    START,
    END,
    INTERPOLATIVE,
    TIME_AVERAGE,
    DURATION_GOOD
  }

  static final Map<NodeId, Aggregate> SUPPORTED =
      Map.of(
          NodeIds.AggregateFunction_Average, Aggregate.AVERAGE,
          NodeIds.AggregateFunction_Minimum, Aggregate.MINIMUM,
          NodeIds.AggregateFunction_Maximum, Aggregate.MAXIMUM,
          NodeIds.AggregateFunction_Count, Aggregate.COUNT,
          NodeIds.AggregateFunction_Start, Aggregate.START,
          NodeIds.AggregateFunction_End, Aggregate.END,
          NodeIds.AggregateFunction_Interpolative, Aggregate.INTERPOLATIVE,
          NodeIds.AggregateFunction_TimeAverage, Aggregate.TIME_AVERAGE,
          NodeIds.AggregateFunction_DurationGood, Aggregate.DURATION_GOOD);

  private HistoryProcessedRead() {}

  /** The AggregateFunction objects (namespace 0) of the supported aggregates, by node id. */
  static List<NodeId> supportedFunctions() {
    return SUPPORTED.keySet().stream()
        .sorted(java.util.Comparator.comparing(NodeId::toParseableString))
        .toList();
  }

  /** Where a processed read stopped: its intervals, and the index of the next one to return. */
  record Position(
      NodeId session,
      String node,
      Aggregate aggregate,
      long start,
      long end,
      long interval,
      long nextIndex,
      long createdMs)
      implements HistoryContinuations.Held {}

  /** The results of one page, and where the next one starts (empty when this was the last). */
  record Page(List<DataValue> values, Optional<Position> next) {}

  /** The first page of a read; throws {@link HistoryRawRead.Refusal} for a bad request. */
  static Page first(
      HistoryStore store,
      NodeId session,
      RecordedVariable v,
      ReadProcessedDetails details,
      NodeId aggregateType,
      long nowMs)
      throws Exception {
    Aggregate aggregate = SUPPORTED.get(aggregateType);
    if (aggregate == null) {
      throw new HistoryRawRead.Refusal(HistoryOutcome.AGGREGATE_NOT_SUPPORTED);
    }
    if (!HistoryRawRead.specified(details.getStartTime())
        || !HistoryRawRead.specified(details.getEndTime())) {
      throw new HistoryRawRead.Refusal(HistoryOutcome.BAD_TIME_RANGE);
    }
    long start = HistoryRawRead.micros(details.getStartTime());
    long end = HistoryRawRead.micros(details.getEndTime());
    double intervalMs =
        details.getProcessingInterval() == null ? 0 : details.getProcessingInterval();
    // End before start (results newest first in Part 11) is not served: refused, docs/history.md.
    if (end <= start || intervalMs < 0 || Double.isNaN(intervalMs)) {
      throw new HistoryRawRead.Refusal(HistoryOutcome.BAD_TIME_RANGE);
    }
    long interval = intervalMs == 0 ? end - start : Math.max(1, (long) (intervalMs * 1000));
    return next(
        store, v, new Position(session, v.key(), aggregate, start, end, interval, 0, nowMs));
  }

  /** The page at a position: at most {@link #MAX_INTERVALS} intervals, the rest behind it. */
  static Page next(HistoryStore store, RecordedVariable v, Position p) throws Exception {
    long from = p.start() + p.nextIndex() * p.interval();
    long remaining = (p.end() - from + p.interval() - 1) / p.interval();
    long intervals = Math.min(remaining, MAX_INTERVALS);
    long to = intervals < remaining ? from + intervals * p.interval() : p.end();
    List<DataValue> values = compute(store, v, p.aggregate(), from, to, p.interval());
    if (intervals == remaining) {
      return new Page(values, Optional.empty());
    }
    return new Page(
        values,
        Optional.of(
            new Position(
                p.session(),
                p.node(),
                p.aggregate(),
                p.start(),
                p.end(),
                p.interval(),
                p.nextIndex() + intervals,
                p.createdMs())));
  }

  /** The results of the intervals of {@code interval} from {@code start} to {@code end}. */
  static List<DataValue> compute(
      HistoryStore store,
      RecordedVariable v,
      Aggregate aggregate,
      long start,
      long end,
      long interval)
      throws Exception {
    if (aggregate == Aggregate.TIME_AVERAGE) {
      TimeAverage average =
          new TimeAverage(
              start,
              end,
              interval,
              first(store.before(v.key(), start, false)),
              first(store.before(v.key(), start, true)));
      store.scan(v.key(), start, end, average::accept);
      // The last end bound lies on the line to the first Good value at or after the end.
      Sample goodAfter = first(store.goodAtOrAfter(v.key(), end));
      return average.finish(
          goodAfter == null ? null : first(store.atOrAfter(v.key(), end)), goodAfter);
    }
    TimeWeighted.Kind kind =
        switch (aggregate) {
          case INTERPOLATIVE -> TimeWeighted.Kind.INTERPOLATIVE;
          case DURATION_GOOD -> TimeWeighted.Kind.DURATION_GOOD;
          default -> null;
        };
    if (kind != null) {
      Sample newest = first(store.atOrBefore(v.key(), Long.MAX_VALUE));
      TimeWeighted calculation =
          new TimeWeighted(
              kind,
              v.type(),
              start,
              end,
              interval,
              first(store.before(v.key(), start, false)),
              first(store.before(v.key(), start, true)),
              newest == null ? Long.MIN_VALUE : newest.timeMicros());
      store.scan(v.key(), start, end, calculation::accept);
      return calculation.finish();
    }
    long count = (end - start + interval - 1) / interval;
    Map<Long, HistoryStore.Bucket> buckets = store.aggregate(v.key(), start, end, interval);
    List<DataValue> out = new ArrayList<>((int) count);
    for (long i = 0; i < count; i++) {
      var time = HistoryRawRead.dateTime(start + i * interval);
      HistoryStore.Bucket b = buckets.get(i);
      long good = b == null ? 0 : b.good();
      long all = b == null ? 0 : b.count();
      long quality = good == all ? StatusCodes.Good : StatusCodes.Uncertain_DataSubNormal;
      if (aggregate == Aggregate.COUNT) {
        out.add(value(new Variant((int) good), quality | CALCULATED, time));
      } else if (good == 0) {
        out.add(
            new DataValue(
                Variant.NULL_VALUE,
                new StatusCode(StatusMapping.code(HistoryOutcome.NO_VALUE_AT_TIME)),
                time,
                time));
      } else {
        double x =
            switch (aggregate) {
              case AVERAGE -> b.average();
              case MINIMUM -> b.minimum();
              case MAXIMUM -> b.maximum();
              case START -> b.first();
              default -> b.last();
            };
        Variant value = aggregate == Aggregate.AVERAGE ? new Variant(x) : v.type().toVariant(x);
        out.add(value(value, quality | CALCULATED, time));
      }
    }
    return out;
  }

  /** The one sample of a store lookup, or null. */
  private static Sample first(List<Sample> found) {
    return found.isEmpty() ? null : found.get(0);
  }

  private static DataValue value(
      Variant value, long status, org.eclipse.milo.opcua.stack.core.types.builtin.DateTime t) {
    return new DataValue(value, new StatusCode(status), t, t);
  }
}
