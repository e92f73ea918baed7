package io.motionua.drivers.modbus;

import io.motionua.drivers.LinkDiagnostics;
import io.motionua.drivers.LinkErrorCounts;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/** A link's counters, written by the link thread and read as snapshots from any thread. */
final class LinkCounters {

  /** Round trips kept for the mean and the percentile: the most recent ones. */
  private static final int WINDOW = 4096;

  private final String link;
  private long requests;
  private long responses;
  private long timeouts;
  private long reconnects;
  private long retries;
  private long demotions;
  private long crcErrors;
  private long framingErrors;
  private final Map<Integer, Long> exceptions = new TreeMap<>();
  private long roundTrips;
  private final double[] recent = new double[WINDOW];
  private String lastError;
  private Instant lastErrorTime;

  LinkCounters(String link) {
    this.link = link;
  }

  synchronized void request() {
    requests++;
  }

  /** An answered request (good or exception), with its round trip. */
  synchronized void answered(long roundTripNanos, boolean good) {
    if (good) {
      responses++;
    }
    double micros = roundTripNanos / 1000.0;
    recent[(int) (roundTrips % WINDOW)] = micros;
    roundTrips++;
  }

  synchronized void exception(int code) {
    exceptions.merge(code, 1L, Long::sum);
  }

  synchronized void timeout() {
    timeouts++;
  }

  synchronized void retry() {
    retries++;
  }

  synchronized void demotion() {
    demotions++;
  }

  synchronized void damaged(boolean crc) {
    if (crc) {
      crcErrors++;
    } else {
      framingErrors++;
    }
  }

  synchronized LinkErrorCounts errorCounts() {
    return new LinkErrorCounts(retries, crcErrors, framingErrors, demotions);
  }

  synchronized void reconnect() {
    reconnects++;
  }

  synchronized void error(String message) {
    lastError = message;
    lastErrorTime = Instant.now();
  }

  /** The last error's message, or null. */
  synchronized String lastError() {
    return lastError;
  }

  synchronized LinkDiagnostics snapshot(boolean connected) {
    int n = (int) Math.min(roundTrips, WINDOW);
    double p99 = 0;
    double mean = 0;
    if (n > 0) {
      double[] sorted = Arrays.copyOf(recent, n);
      Arrays.sort(sorted);
      p99 = sorted[Math.min(n - 1, (int) Math.ceil(0.99 * n) - 1)];
      mean = Arrays.stream(sorted).sum() / n;
    }
    return new LinkDiagnostics(
        link,
        connected,
        requests,
        responses,
        timeouts,
        Map.copyOf(exceptions),
        reconnects,
        mean,
        p99,
        lastError,
        lastErrorTime);
  }
}
