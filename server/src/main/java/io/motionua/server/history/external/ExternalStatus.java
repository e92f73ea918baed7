package io.motionua.server.history.external;

import java.util.List;

/**
 * The external historian at a glance, for {@code /health}, {@code /metrics} and tests.
 *
 * @param database where it sends, {@code HOST:PORT/DATABASE} (no credentials)
 * @param connected whether a connection is up and the tables are there
 * @param bufferedRecords records on disk not yet in the database
 * @param bufferedBytes their size
 * @param sent records committed to the database since start
 * @param dropped records lost since start: the on-disk buffer was full or failed, or the queue in
 *     front of it was full
 * @param lastError why the database is not connected, empty while it is
 * @param warnings what is wrong, one sentence each; empty when all is well
 */
public record ExternalStatus(
    String database,
    boolean connected,
    long bufferedRecords,
    long bufferedBytes,
    long sent,
    long dropped,
    String lastError,
    List<String> warnings) {

  public ExternalStatus {
    warnings = List.copyOf(warnings);
  }
}
