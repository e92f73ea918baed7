package io.motionua.drivers;

import java.time.Instant;
import java.util.Set;

/**
 * A snapshot of one device's health on its link.
 *
 * @param device the device's name
 * @param unitId its Modbus unit id
 * @param demoted whether it is off scan now, after failing too many polls in a row
 * @param demotions how many times it was taken off scan
 * @param consecutiveFailures polls in a row it did not answer
 * @param holes signals the device lacks (exception 02 on their own): no longer polled
 * @param lastGoodRead when a poll of it last succeeded, or null
 * @param traffic this device's own requests, responses, timeouts, exceptions by code, round trip
 *     mean and p99, and last error with its time (the link's counters restricted to this unit id)
 */
public record DeviceDiagnostics(
    String device,
    int unitId,
    boolean demoted,
    long demotions,
    int consecutiveFailures,
    Set<String> holes,
    Instant lastGoodRead,
    LinkDiagnostics traffic) {

  public DeviceDiagnostics {
    holes = Set.copyOf(holes);
  }

  /** The same health with another traffic snapshot. */
  public DeviceDiagnostics withTraffic(LinkDiagnostics newTraffic) {
    return new DeviceDiagnostics(
        device, unitId, demoted, demotions, consecutiveFailures, holes, lastGoodRead, newTraffic);
  }
}
