package io.motionua.server.history;

import io.motionua.server.opcua.StatusMapping.HistoryOutcome;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;

/**
 * The time range of a raw or event HistoryRead (OPC 10000-11, 6.4): which of StartTime and EndTime
 * were given, which way the rows go (newest first when EndTime is before StartTime, or StartTime is
 * missing), the rows' half-open range {@code [from, to)} in microseconds, and the page size.
 *
 * @param start StartTime in microseconds (0 when missing)
 * @param end EndTime in microseconds ({@code Long.MAX_VALUE} when missing)
 */
record HistoryWindow(
    boolean hasStart,
    boolean hasEnd,
    long start,
    long end,
    boolean newestFirst,
    long from,
    long to,
    int pageSize) {

  /**
   * The window of a request; throws for one without either time, or without one of them and without
   * a NumValuesPerNode (Bad_InvalidTimestampArgument per Part 11).
   *
   * @param maxPage the largest page, also the page when NumValuesPerNode is 0
   * @param sameInstant whether StartTime equal to EndTime reads that one instant (events) or
   *     nothing (raw values, whose bounds then carry the value)
   */
  static HistoryWindow of(
      DateTime startTime,
      DateTime endTime,
      UInteger numValuesPerNode,
      int maxPage,
      boolean sameInstant)
      throws HistoryRawRead.Refusal {
    boolean hasStart = HistoryRawRead.specified(startTime);
    boolean hasEnd = HistoryRawRead.specified(endTime);
    long perNode = numValuesPerNode == null ? 0 : numValuesPerNode.longValue();
    if ((!hasStart && !hasEnd) || ((!hasStart || !hasEnd) && perNode == 0)) {
      throw new HistoryRawRead.Refusal(HistoryOutcome.BAD_TIME_RANGE);
    }
    long start = hasStart ? HistoryRawRead.micros(startTime) : 0;
    long end = hasEnd ? HistoryRawRead.micros(endTime) : Long.MAX_VALUE;
    boolean newestFirst = !hasStart || start > end;
    long from;
    long to;
    if (!hasStart) {
      from = 0;
      to = end + 1;
    } else if (newestFirst) {
      from = end + 1;
      to = start + 1;
    } else {
      from = start;
      to = sameInstant && start == end ? start + 1 : end;
    }
    int pageSize = (int) Math.min(perNode == 0 ? maxPage : perNode, maxPage);
    return new HistoryWindow(hasStart, hasEnd, start, end, newestFirst, from, to, pageSize);
  }
}
