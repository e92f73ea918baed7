package io.motionua.server.history;

import java.util.Map;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;

/**
 * Takes each new value of the recorded variables where the server pushes it into the node: an
 * attribute observer runs on the thread that called {@code setValue} (the link thread, after a
 * poll), filters it and queues it. No OPC UA subscription and no Milo callback is involved, and
 * nothing here waits.
 */
final class HistoryRecorder {

  private HistoryRecorder() {}

  /** Observes every variable of {@code recorded} (node to its recording). */
  static void attach(Map<UaVariableNode, RecordedVariable> recorded, HistoryWriter writer) {
    recorded.forEach(
        (node, variable) -> {
          RecordingFilter filter = variable.newFilter();
          node.addAttributeObserver(
              (n, attribute, value) -> {
                if (attribute == AttributeId.Value && value instanceof DataValue dv) {
                  record(variable, filter, dv, writer);
                }
              });
        });
  }

  /**
   * Filters one value and queues it; synchronized per filter since a node may be set from two
   * threads.
   */
  static void record(
      RecordedVariable variable, RecordingFilter filter, DataValue dv, HistoryWriter writer) {
    double value = ValueType.toDouble(dv.value().value());
    long status = dv.statusCode() == null ? 0 : dv.statusCode().getValue();
    // A stale or Bad value keeps the source time of the last good read; it is recorded when the
    // server set it, so that a Bad period starts in the record when it started on the link.
    boolean good = dv.statusCode() == null || dv.statusCode().isGood();
    DateTime time = good && dv.sourceTime() != null ? dv.sourceTime() : dv.serverTime();
    long micros = time == null ? System.currentTimeMillis() * 1000 : HistoryRawRead.micros(time);
    boolean keep;
    synchronized (filter) {
      keep = filter.accept(value, status, micros);
    }
    if (keep) {
      writer.offer(new Sample(variable.key(), micros, value, status));
    }
  }
}
