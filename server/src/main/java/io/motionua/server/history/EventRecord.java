package io.motionua.server.history;

/**
 * One recorded event (an axis, group or alarm event as it was fired).
 *
 * @param timeMicros the event's Time, microseconds since 1970 (UTC)
 * @param receiveMicros when the recorder received it (the server fires and receives at once)
 * @param seq the order of reception: events of the same Time read back in the order fired
 * @param eventId the EventId, in hex
 * @param eventType the EventType node id, namespace by URI ({@code nsu=...;i=1101}) so that it
 *     survives a change of namespace index; the same form for the node ids below
 * @param source the SourceNode
 * @param sourceName the SourceName
 * @param message the Message's text
 * @param severity the Severity
 * @param condition the ConditionId (the condition's node id), null for a plain event
 * @param conditionName the ConditionName, null for a plain event
 * @param active ActiveState/Id, {@link #NONE} when the event has no such state
 * @param acked AckedState/Id, or {@link #NONE}
 * @param confirmed ConfirmedState/Id, or {@link #NONE}
 * @param retain Retain, or {@link #NONE}
 * @param properties the event type's own properties ({@link EventProperties}), empty for none
 */
public record EventRecord(
    long timeMicros,
    long receiveMicros,
    long seq,
    String eventId,
    String eventType,
    String source,
    String sourceName,
    String message,
    int severity,
    String condition,
    String conditionName,
    byte active,
    byte acked,
    byte confirmed,
    byte retain,
    String properties) {

  /** A two-state field the event does not have. */
  public static final byte NONE = -1;

  static byte of(Boolean state) {
    return state == null ? NONE : state ? (byte) 1 : (byte) 0;
  }

  static Boolean state(byte b) {
    return b == NONE ? null : b == 1;
  }
}
