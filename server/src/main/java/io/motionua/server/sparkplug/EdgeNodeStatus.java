package io.motionua.server.sparkplug;

/**
 * The edge node at a glance, for logs, health and tests.
 *
 * @param broker the broker connected to, empty when none
 * @param born whether the NBIRTH of the current connection went out
 * @param published messages handed to the MQTT client
 * @param queueDrops updates dropped because the queue between the link threads and the edge node
 *     was full
 * @param storedBytes data waiting on disk for the broker
 * @param storeDrops data messages the store refused (full, or the disk failed)
 * @param lastError the last connection or store problem, empty when none
 */
public record EdgeNodeStatus(
    String broker,
    boolean born,
    long published,
    long queueDrops,
    long storedBytes,
    long storeDrops,
    String lastError) {}
