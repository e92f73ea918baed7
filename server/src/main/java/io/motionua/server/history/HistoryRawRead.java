package io.motionua.server.history;

import io.motionua.server.opcua.StatusMapping;
import io.motionua.server.opcua.StatusMapping.HistoryOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadRawModifiedDetails;

/**
 * ReadRawModifiedDetails (raw only) for one recorded variable, per OPC UA Part 11 6.4.3: values in
 * {@code [start, end)} oldest first, or in {@code (end, start]} newest first when start is after
 * end; an unspecified end reads forward from start and an unspecified start backward from end, both
 * need numValuesPerNode. A page holds at most numValuesPerNode (or {@link #MAX_PAGE}) values; the
 * rest is behind a continuation point. With returnBounds the value before the range (when none is
 * exactly at its start) comes first and the first value after it last, or a Bad_BoundNotFound value
 * at that time.
 */
final class HistoryRawRead {

  /** Values per page when the client asks for all (numValuesPerNode 0). */
  static final int MAX_PAGE = 10_000;

  /** 100 ns ticks between 1601-01-01 (OPC UA) and 1970-01-01 (Unix). */
  private static final long EPOCH_TICKS = 116_444_736_000_000_000L;

  /** The values of one page, and where the next one starts (empty when this was the last). */
  record Page(List<DataValue> values, Optional<HistoryContinuations.Position> next) {}

  private HistoryRawRead() {}

  /** The first page of a read; throws {@link Refusal} for a bad request. */
  static Page first(
      HistoryStore store,
      NodeId session,
      RecordedVariable v,
      ReadRawModifiedDetails details,
      long nowMs)
      throws Exception {
    HistoryWindow w =
        HistoryWindow.of(
            details.getStartTime(),
            details.getEndTime(),
            details.getNumValuesPerNode(),
            MAX_PAGE,
            false);
    boolean bounds = Boolean.TRUE.equals(details.getReturnBounds());
    List<DataValue> values = new ArrayList<>();
    if (bounds && w.hasStart()) {
      values.addAll(startBound(store, v, w.start(), w.newestFirst()));
    }
    var position =
        new HistoryContinuations.Position(
            session,
            v.key(),
            w.from(),
            w.to(),
            w.newestFirst(),
            0,
            w.pageSize(),
            bounds && w.hasEnd(),
            w.end(),
            nowMs);
    return page(store, v, position, values);
  }

  /** The page after a continuation point. */
  static Page next(HistoryStore store, RecordedVariable v, HistoryContinuations.Position p)
      throws Exception {
    return page(store, v, p, new ArrayList<>());
  }

  private static Page page(
      HistoryStore store, RecordedVariable v, HistoryContinuations.Position p, List<DataValue> out)
      throws Exception {
    List<Sample> rows =
        store.read(
            v.key(), p.fromMicros(), p.toMicros(), p.newestFirst(), p.skip(), p.pageSize() + 1);
    boolean more = rows.size() > p.pageSize();
    for (Sample s : more ? rows.subList(0, p.pageSize()) : rows) {
      out.add(value(v, s));
    }
    if (more) {
      var next =
          new HistoryContinuations.Position(
              p.session(),
              p.node(),
              p.fromMicros(),
              p.toMicros(),
              p.newestFirst(),
              p.skip() + p.pageSize(),
              p.pageSize(),
              p.endBound(),
              p.endMicros(),
              p.createdMs());
      return new Page(out, Optional.of(next));
    }
    if (p.endBound()) {
      out.addAll(endBound(store, v, p.endMicros(), p.newestFirst()));
    }
    return new Page(out, Optional.empty());
  }

  private static List<DataValue> startBound(
      HistoryStore store, RecordedVariable v, long start, boolean newestFirst) throws Exception {
    // A value exactly at the start is the first value and its own bound.
    if (!store.read(v.key(), start, start + 1, false, 0, 1).isEmpty()) {
      return List.of();
    }
    List<Sample> bound =
        newestFirst ? store.atOrAfter(v.key(), start + 1) : store.atOrBefore(v.key(), start - 1);
    return List.of(bound.isEmpty() ? boundNotFound(start) : value(v, bound.get(0)));
  }

  private static List<DataValue> endBound(
      HistoryStore store, RecordedVariable v, long end, boolean newestFirst) throws Exception {
    List<Sample> bound =
        newestFirst ? store.atOrBefore(v.key(), end) : store.atOrAfter(v.key(), end);
    return List.of(bound.isEmpty() ? boundNotFound(end) : value(v, bound.get(0)));
  }

  private static DataValue boundNotFound(long micros) {
    DateTime t = dateTime(micros);
    return new DataValue(
        Variant.NULL_VALUE,
        new StatusCode(StatusMapping.code(HistoryOutcome.BOUND_NOT_FOUND)),
        t,
        t);
  }

  private static DataValue value(RecordedVariable v, Sample s) {
    DateTime t = dateTime(s.timeMicros());
    // Only the source time is recorded; it stands in for the server time too.
    return new DataValue(v.type().toVariant(s.value()), new StatusCode(s.status()), t, t);
  }

  /** The timestamps a client asked for; Neither is refused before this. */
  static DataValue withTimestamps(DataValue dv, TimestampsToReturn timestamps) {
    return switch (timestamps) {
      case Source -> new DataValue(dv.value(), dv.statusCode(), dv.sourceTime(), null);
      case Server -> new DataValue(dv.value(), dv.statusCode(), null, dv.serverTime());
      default -> dv;
    };
  }

  static boolean specified(DateTime t) {
    return t != null && !t.isNull() && t.getUtcTime() > 0;
  }

  static long micros(DateTime t) {
    return (t.getUtcTime() - EPOCH_TICKS) / 10;
  }

  static DateTime dateTime(long micros) {
    return new DateTime(micros * 10 + EPOCH_TICKS);
  }

  /** A request refused with one outcome. */
  static final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;
    final HistoryOutcome outcome;

    Refusal(HistoryOutcome outcome) {
      super(outcome.name(), null, false, false);
      this.outcome = outcome;
    }
  }

  /** The ByteString of a continuation point, null for none. */
  static ByteString orNull(Optional<ByteString> id) {
    return id.orElse(null);
  }
}
