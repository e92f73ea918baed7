/**
 * The external plant historian: the same recording as the embedded store (values and events) also
 * sent to a database over the PostgreSQL wire protocol (docs/history.md, "External historian").
 *
 * <p>{@link ExternalHistorian} takes records from the history writer's offer without waiting (a
 * bounded queue), its thread {@code history-external-log} appends them to an on-disk {@link
 * SegmentLog} under a sequence number, and the thread {@code history-external-send} ({@link
 * ExternalSender}) inserts them from there in order and acknowledges them once committed. The
 * inserts are idempotent on {@code (origin, seq)}: a crash between commit and acknowledgement sends
 * a batch again and the database keeps one copy. How depends on the database ({@link Dialect}):
 * {@link PostgresTables} (a primary key and {@code ON CONFLICT DO NOTHING}) or {@link
 * QuestDbTables} (WAL tables with {@code DEDUP UPSERT KEYS}).
 */
package io.motionua.server.history.external;
