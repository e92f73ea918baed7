package io.motionua.server.history.external;

import io.motionua.server.history.EventRecord;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The columns of the events table in the order both dialects insert them, and one event bound to
 * them. Only the type of the four state columns differs: PostgreSQL's {@code smallint}, QuestDB's
 * {@code int} (its {@code short} has no null).
 */
final class EventColumns {

  private EventColumns() {}

  /** {@code INSERT INTO <table> (...) VALUES (?, ...)} for {@link #bind}. */
  static String insert(String table) {
    return "INSERT INTO "
        + table
        + " (origin, seq, machine, ts, receive_ts, event_id, event_type, source,"
        + " source_name, message, severity, condition, condition_name, active, acked,"
        + " confirmed, retain, properties)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  }

  /**
   * Binds one event; {@code stateType} ({@link java.sql.Types#SMALLINT} or {@link
   * java.sql.Types#INTEGER}) is how the states go.
   */
  static void bind(
      PreparedStatement pe, UUID origin, long seq, String machine, EventRecord e, int stateType)
      throws SQLException {
    pe.setObject(1, origin);
    pe.setLong(2, seq);
    pe.setString(3, machine);
    pe.setObject(4, ExternalTables.time(e.timeMicros()));
    pe.setObject(5, ExternalTables.time(e.receiveMicros()));
    pe.setString(6, ExternalTables.text(e.eventId()));
    pe.setString(7, ExternalTables.text(e.eventType()));
    pe.setString(8, ExternalTables.text(e.source()));
    pe.setString(9, ExternalTables.text(e.sourceName()));
    pe.setString(10, ExternalTables.text(e.message()));
    pe.setInt(11, e.severity());
    pe.setString(12, ExternalTables.text(e.condition()));
    pe.setString(13, ExternalTables.text(e.conditionName()));
    state(pe, 14, e.active(), stateType);
    state(pe, 15, e.acked(), stateType);
    state(pe, 16, e.confirmed(), stateType);
    state(pe, 17, e.retain(), stateType);
    String properties = ExternalTables.text(e.properties());
    pe.setString(18, properties == null || properties.isEmpty() ? null : properties);
  }

  private static void state(PreparedStatement p, int index, byte b, int type) throws SQLException {
    if (b == EventRecord.NONE) {
      p.setNull(index, type);
    } else if (type == java.sql.Types.SMALLINT) {
      p.setShort(index, b);
    } else {
      p.setInt(index, b);
    }
  }
}
