package io.motionua.server.history;

import io.motionua.server.opcua.StatusMapping;
import io.motionua.server.opcua.StatusMapping.HistoryOutcome;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadAtTimeDetails;

/**
 * ReadAtTimeDetails for one recorded variable (Part 11 6.4.4): one value per requested time, in the
 * order asked. A value recorded exactly then is returned as it is; otherwise, since recorded
 * variables are Stepped, the value before that time is returned at the requested time with its
 * StatusCode marked Interpolated (historian bits, Part 4 7.39); before the first record, a null
 * value with Bad_NoData. {@code useSimpleBounds} changes nothing for stepped values.
 */
final class HistoryAtTimeRead {

  /** Requested times per call and node at most (one query each). */
  static final int MAX_TIMES = 1000;

  /** InfoType DataValue (bit 10) with the historian bits Interpolated (2). */
  private static final long INTERPOLATED = 0x400 | 0x2;

  private HistoryAtTimeRead() {}

  static List<DataValue> read(HistoryStore store, RecordedVariable v, ReadAtTimeDetails details)
      throws Exception {
    DateTime[] times = details.getReqTimes();
    if (times == null || times.length == 0 || times.length > MAX_TIMES) {
      throw new HistoryRawRead.Refusal(HistoryOutcome.BAD_TIME_RANGE);
    }
    List<DataValue> out = new ArrayList<>(times.length);
    for (DateTime time : times) {
      if (!HistoryRawRead.specified(time)) {
        throw new HistoryRawRead.Refusal(HistoryOutcome.BAD_TIME_RANGE);
      }
      long micros = HistoryRawRead.micros(time);
      List<Sample> before = store.atOrBefore(v.key(), micros);
      if (before.isEmpty()) {
        out.add(
            new DataValue(
                Variant.NULL_VALUE,
                new StatusCode(StatusMapping.code(HistoryOutcome.NO_VALUE_AT_TIME)),
                time,
                time));
        continue;
      }
      Sample s = before.get(0);
      long status = s.timeMicros() == micros ? s.status() : (s.status() & ~0x7FFL) | INTERPOLATED;
      out.add(new DataValue(v.type().toVariant(s.value()), new StatusCode(status), time, time));
    }
    return out;
  }
}
