package io.motionua.server.sparkplug;

import java.util.List;

/**
 * The edge node at a glance, for logs, {@code /health}, {@code /metrics} and tests.
 *
 * @param broker the broker connected to, empty when none
 * @param born whether the NBIRTH of the current connection went out
 * @param published messages handed to the MQTT client
 * @param queued updates waiting in the queue between the link threads and the edge node
 * @param queueDrops updates dropped because that queue was full
 * @param storedMessages data messages waiting on disk for the broker
 * @param storedBytes their size
 * @param storeDrops data messages the store refused (full, or the disk failed)
 * @param deviceDeaths DDEATH messages published (a device stopped answering)
 * @param commandsRefused DCMD metrics refused: not enabled, or by the write's checks (each one
 *     audited)
 * @param commandsWritten DCMD metrics written (enabled in sparkplug.commands, checks passed)
 * @param commandsMalformed NCMD, DCMD or STATE messages that could not be read
 * @param lastError the last connection or store problem, empty when none
 * @param warnings why the node is not publishing right now, one sentence each; empty while it is
 */
public record EdgeNodeStatus(
    String broker,
    boolean born,
    long published,
    long queued,
    long queueDrops,
    long storedMessages,
    long storedBytes,
    long storeDrops,
    long deviceDeaths,
    long commandsRefused,
    long commandsWritten,
    long commandsMalformed,
    String lastError,
    List<String> warnings) {

  public EdgeNodeStatus {
    warnings = List.copyOf(warnings);
  }

  public boolean connected() {
    return !broker.isEmpty();
  }
}
