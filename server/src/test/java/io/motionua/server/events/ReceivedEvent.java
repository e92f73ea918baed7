package io.motionua.server.events;

import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;

/** One event as a client saw it, decoded from the select clauses of {@link EventClient}. */
record ReceivedEvent(
    ByteString eventId,
    NodeId eventType,
    String sourceName,
    String message,
    int severity,
    Integer faultCode,
    NodeId conditionId,
    Boolean active,
    Boolean acked,
    Boolean retain) {

  static ReceivedEvent of(Variant[] v) {
    LocalizedText message = (LocalizedText) v[3].value();
    return new ReceivedEvent(
        (ByteString) v[0].value(),
        (NodeId) v[1].value(),
        (String) v[2].value(),
        message == null ? null : message.text(),
        v[4].value() == null ? -1 : ((UShort) v[4].value()).intValue(),
        v[5].value() == null ? null : ((UShort) v[5].value()).intValue(),
        (NodeId) v[6].value(),
        (Boolean) v[7].value(),
        (Boolean) v[8].value(),
        (Boolean) v[9].value());
  }
}
