package io.motionua.server.http;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.motionua.drivers.DeviceDiagnostics;
import io.motionua.drivers.Link;
import io.motionua.drivers.LinkDiagnostics;
import io.motionua.drivers.LinkErrorCounts;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The meters of one link and its drives. {@link #refresh()} copies the link's snapshots once per
 * scrape; the meters then read those copies, so a scrape costs the link thread nothing but the
 * short lock of taking a snapshot.
 */
final class LinkMeters {

  private final Link link;
  private LinkDiagnostics traffic;
  private LinkErrorCounts errors;
  private Map<String, DeviceDiagnostics> drives;

  LinkMeters(Link link, MeterRegistry registry) {
    this.link = link;
    refresh();
    Tags tags = Tags.of("link", link.name());
    gauge(
        registry,
        "motionua.link.connected",
        "1 while the link's connection is up",
        tags,
        m -> m.link.isConnected() ? 1 : 0);
    counter(
        registry,
        "motionua.link.requests",
        "Modbus requests sent",
        tags,
        m -> m.traffic.requests());
    counter(
        registry,
        "motionua.link.responses",
        "good responses received",
        tags,
        m -> m.traffic.responses());
    counter(
        registry,
        "motionua.link.timeouts",
        "requests that got no answer in time",
        tags,
        m -> m.traffic.timeouts());
    counter(
        registry,
        "motionua.link.exceptions",
        "Modbus exception responses",
        tags,
        m -> exceptions(m.traffic));
    counter(
        registry,
        "motionua.link.crc.errors",
        "RTU responses that failed their CRC",
        tags,
        m -> m.errors.crcErrors());
    counter(
        registry,
        "motionua.link.framing.errors",
        "responses cut off, too long or from the wrong unit",
        tags,
        m -> m.errors.framingErrors());
    counter(
        registry,
        "motionua.link.errors",
        "failed requests: timeouts, exception responses, CRC and framing errors",
        tags,
        m ->
            m.traffic.timeouts()
                + exceptions(m.traffic)
                + m.errors.crcErrors()
                + m.errors.framingErrors());
    counter(
        registry,
        "motionua.link.retries",
        "poll requests repeated after a failure",
        tags,
        m -> m.errors.retries());
    counter(
        registry,
        "motionua.link.reconnects",
        "connections re-established after a loss",
        tags,
        m -> m.traffic.reconnects());
    Gauge.builder("motionua.link.round.trip.mean", this, m -> m.traffic.meanRoundTripMicros() / 1e6)
        .description("mean round trip of the last 4096 answered requests")
        .baseUnit("seconds")
        .tags(tags)
        .register(registry);
    Gauge.builder("motionua.link.round.trip.p99", this, m -> m.traffic.p99RoundTripMicros() / 1e6)
        .description("99th percentile round trip of the last 4096 answered requests")
        .baseUnit("seconds")
        .tags(tags)
        .register(registry);
    for (DeviceDiagnostics drive : drives.values()) {
      String name = drive.device();
      Tags driveTags =
          Tags.of("link", link.name(), "drive", name, "unit", Integer.toString(drive.unitId()));
      gauge(
          registry,
          "motionua.drive.online",
          "1 when the drive answered its last poll",
          driveTags,
          m -> m.online(name));
      gauge(
          registry,
          "motionua.drive.demoted",
          "1 while the drive is off scan after failing polls",
          driveTags,
          m -> m.ofDrive(name, d -> d.demoted() ? 1 : 0));
      counter(
          registry,
          "motionua.drive.timeouts",
          "requests to this drive that timed out",
          driveTags,
          m -> m.ofDrive(name, d -> d.traffic().timeouts()));
      counter(
          registry,
          "motionua.drive.demotions",
          "times the drive was taken off scan",
          driveTags,
          m -> m.ofDrive(name, DeviceDiagnostics::demotions));
    }
  }

  void refresh() {
    traffic = link.diagnostics();
    errors = link.errorCounts();
    drives = link.deviceDiagnostics();
  }

  /** A figure of one drive's snapshot; NaN (no sample) if the link stopped reporting it. */
  private double ofDrive(String name, ToDoubleFunction<DeviceDiagnostics> figure) {
    DeviceDiagnostics d = drives.get(name);
    return d == null ? Double.NaN : figure.applyAsDouble(d);
  }

  private double online(String name) {
    DeviceDiagnostics d = drives.get(name);
    return d != null && !d.demoted() && d.consecutiveFailures() == 0 && d.lastGoodRead() != null
        ? 1
        : 0;
  }

  private static long exceptions(LinkDiagnostics d) {
    return d.exceptions().values().stream().mapToLong(Long::longValue).sum();
  }

  private void gauge(
      MeterRegistry registry,
      String name,
      String description,
      Tags tags,
      ToDoubleFunction<LinkMeters> value) {
    Gauge.builder(name, this, value).description(description).tags(tags).register(registry);
  }

  private void counter(
      MeterRegistry registry,
      String name,
      String description,
      Tags tags,
      ToDoubleFunction<LinkMeters> value) {
    FunctionCounter.builder(name, this, value)
        .description(description)
        .tags(tags)
        .register(registry);
  }
}
