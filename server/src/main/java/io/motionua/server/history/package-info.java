/**
 * History: recording values of the machine's variables, and every event the server fires, into an
 * embedded QuestDB store in {@code <data-dir>/history} and serving them through OPC UA HistoryRead
 * (docs/history.md).
 *
 * <p>Values are taken where the server already pushes them into the variable nodes (an attribute
 * observer on each recorded node, run on the link thread), thinned by {@link RecordingFilter},
 * handed to {@link HistoryWriter}'s bounded queue and written in batches by its one thread; events
 * come from a listener on the server's notifier ({@link EventRecorder}) through a second bounded
 * queue of the same writer. Reads come from Milo's pool through {@link HistoryAddressSpace}.
 */
package io.motionua.server.history;
