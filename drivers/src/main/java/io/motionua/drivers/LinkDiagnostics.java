package io.motionua.drivers;

import java.time.Instant;
import java.util.Map;

/**
 * A snapshot of a link's counters.
 *
 * @param link the link's name
 * @param connected whether the connection is up
 * @param requests requests sent
 * @param responses good responses received
 * @param timeouts requests that timed out
 * @param exceptions exception responses by Modbus exception code
 * @param reconnects connections re-established after a loss
 * @param meanRoundTripMicros mean round trip of answered requests, in microseconds
 * @param p99RoundTripMicros 99th percentile round trip, in microseconds
 * @param lastError the last error's message, or null
 * @param lastErrorTime when the last error happened, or null
 */
public record LinkDiagnostics(
    String link,
    boolean connected,
    long requests,
    long responses,
    long timeouts,
    Map<Integer, Long> exceptions,
    long reconnects,
    double meanRoundTripMicros,
    double p99RoundTripMicros,
    String lastError,
    Instant lastErrorTime) {}
