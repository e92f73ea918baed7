package io.motionua.server.history;

import io.motionua.server.opcua.StatusMapping.HistoryOutcome;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.eclipse.milo.opcua.stack.core.encoding.EncodingContext;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.structured.EventFilter;
import org.eclipse.milo.opcua.stack.core.types.structured.HistoryEventFieldList;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadEventDetails;
import org.eclipse.milo.opcua.stack.core.types.structured.SimpleAttributeOperand;

/**
 * ReadEventDetails for one notifier, per OPC UA Part 11 6.5.2: the events whose SourceNode the
 * notifier covers with Time in {@code [start, end)} oldest first (start equal to end: the events at
 * that time), or in {@code (end, start]} newest first when start is after end; an unspecified end
 * reads forward from start and an unspecified start backward from end, both need numValuesPerNode.
 * Events of the same Time come in the order they were fired. The where clause is evaluated on each
 * recorded event ({@link EventWhere}); a page holds at most numValuesPerNode (or {@link #MAX_PAGE})
 * events and scans at most {@link #MAX_SCAN} of them, the rest is behind a continuation point.
 */
final class HistoryEventRead {

  /** Events per page when the client asks for all (numValuesPerNode 0). */
  static final int MAX_PAGE = 1000;

  /** Rows fetched from the store per query while filtering. */
  static final int SCAN_CHUNK = 1000;

  /** Rows one call looks at, at most; a selective where clause continues behind a point. */
  static final int MAX_SCAN = 100_000;

  /** Where an event read stands. */
  record Position(
      NodeId session,
      NodeId notifier,
      long fromMicros,
      long toMicros,
      boolean newestFirst,
      EventTable.After after,
      int pageSize,
      EventFilter filter,
      long createdMs)
      implements HistoryContinuations.Held {}

  /** The events of one page, each as the select clauses' values, and where the next starts. */
  record Page(List<HistoryEventFieldList> events, Optional<Position> next) {}

  private HistoryEventRead() {}

  /** The first position of a read; throws {@link HistoryRawRead.Refusal} for a bad request. */
  static Position start(
      NodeId session,
      NodeId notifier,
      ReadEventDetails details,
      EncodingContext encoding,
      EventFields fields,
      long nowMs)
      throws HistoryRawRead.Refusal {
    compile(details.getFilter(), encoding, fields);
    HistoryWindow w =
        HistoryWindow.of(
            details.getStartTime(),
            details.getEndTime(),
            details.getNumValuesPerNode(),
            MAX_PAGE,
            true);
    return new Position(
        session,
        notifier,
        w.from(),
        w.to(),
        w.newestFirst(),
        null,
        w.pageSize(),
        details.getFilter(),
        nowMs);
  }

  /** Reads the page at {@code p} of the events of {@code sources} (null: all). */
  static Page read(
      HistoryStore store,
      Collection<String> sources,
      Position p,
      EncodingContext encoding,
      EventFields fields)
      throws Exception {
    EventWhere where = compile(p.filter(), encoding, fields);
    SimpleAttributeOperand[] select = p.filter().getSelectClauses();
    List<EventFields.Selected> selected = new ArrayList<>(select.length);
    for (SimpleAttributeOperand s : select) {
      selected.add(fields.resolve(s));
    }
    List<EventRecord> matches = new ArrayList<>();
    EventTable.After after = p.after();
    int scanned = 0;
    boolean exhausted = false;
    while (matches.size() <= p.pageSize() && scanned < MAX_SCAN && !exhausted) {
      List<EventRecord> rows =
          store
              .events()
              .read(sources, p.fromMicros(), p.toMicros(), p.newestFirst(), after, SCAN_CHUNK);
      exhausted = rows.size() < SCAN_CHUNK;
      for (EventRecord row : rows) {
        scanned++;
        after = new EventTable.After(row.timeMicros(), row.seq());
        if (where.test(row)) {
          matches.add(row);
          if (matches.size() > p.pageSize()) {
            break;
          }
        }
      }
    }
    Optional<Position> next = Optional.empty();
    if (matches.size() > p.pageSize()) {
      matches = matches.subList(0, p.pageSize());
      EventRecord last = matches.get(matches.size() - 1);
      next = Optional.of(at(p, new EventTable.After(last.timeMicros(), last.seq())));
    } else if (!exhausted) {
      next = Optional.of(at(p, after));
    }
    List<HistoryEventFieldList> events = new ArrayList<>(matches.size());
    for (EventRecord e : matches) {
      Variant[] values = new Variant[selected.size()];
      for (int i = 0; i < values.length; i++) {
        Object v = fields.value(selected.get(i), e);
        values[i] = v == null ? Variant.NULL_VALUE : new Variant(v);
      }
      events.add(new HistoryEventFieldList(values));
    }
    return new Page(events, next);
  }

  private static Position at(Position p, EventTable.After after) {
    return new Position(
        p.session(),
        p.notifier(),
        p.fromMicros(),
        p.toMicros(),
        p.newestFirst(),
        after,
        p.pageSize(),
        p.filter(),
        p.createdMs());
  }

  private static EventWhere compile(
      EventFilter filter, EncodingContext encoding, EventFields fields)
      throws HistoryRawRead.Refusal {
    if (filter == null
        || filter.getSelectClauses() == null
        || filter.getSelectClauses().length == 0) {
      throw new HistoryRawRead.Refusal(HistoryOutcome.EVENT_FILTER_INVALID);
    }
    return EventWhere.compile(filter.getWhereClause(), encoding, fields);
  }
}
