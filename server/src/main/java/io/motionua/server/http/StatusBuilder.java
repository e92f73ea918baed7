package io.motionua.server.http;

import io.motionua.drivers.DeviceDiagnostics;
import io.motionua.drivers.Link;
import io.motionua.drivers.LinkDiagnostics;
import io.motionua.drivers.LinkErrorCounts;
import io.motionua.server.axis.AxisController;
import io.motionua.server.axis.AxisSnapshot;
import io.motionua.server.events.AlarmCondition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.milo.opcua.sdk.server.model.objects.AlarmConditionTypeNode;

/**
 * Takes a {@link MachineStatus} of the running machine from the same snapshots {@code /health} and
 * {@code /metrics} read: no device is asked anything. Keeps each link's counters of the previous
 * call to give rates; calls are serialized.
 */
final class StatusBuilder {

  private record Counted(Instant at, long requests, long errors) {}

  private final ServedMachine machine;
  private final Clock clock;
  private final Map<String, Counted> previous = new HashMap<>();

  StatusBuilder(ServedMachine machine, Clock clock) {
    this.machine = machine;
    this.clock = clock;
  }

  synchronized MachineStatus build() {
    Instant now = clock.instant();
    HealthReport health = HealthReport.of(machine);
    List<MachineStatus.Axis> axes = new ArrayList<>();
    for (AxisController axis : machine.axes().values()) {
      axes.add(axis(axis));
    }
    List<MachineStatus.LinkStatus> links = new ArrayList<>();
    for (Link link : machine.links().values()) {
      links.add(link(link, now));
    }
    List<MachineStatus.Alarm> alarms = new ArrayList<>();
    for (AlarmCondition condition : machine.alarms()) {
      AlarmConditionTypeNode node = condition.node();
      boolean acknowledged = Boolean.TRUE.equals(node.getAckedStateNode().getId());
      if (condition.isActive() || !acknowledged) {
        alarms.add(
            new MachineStatus.Alarm(
                node.getSourceName(),
                node.getBrowseName().name(),
                node.getSeverity() == null ? 0 : node.getSeverity().intValue(),
                node.getMessage() == null ? "" : node.getMessage().text(),
                condition.isActive(),
                acknowledged,
                node.getTime() == null ? null : node.getTime().getJavaInstant().toString()));
      }
    }
    alarms.sort(Comparator.comparingInt(MachineStatus.Alarm::severity).reversed());
    return new MachineStatus(
        machine.name(),
        now.toString(),
        health.status(),
        problemsAndWarnings(health),
        axes,
        links,
        alarms);
  }

  /** The page lists both: what makes the machine down, then what only needs attention. */
  private static List<String> problemsAndWarnings(HealthReport health) {
    List<String> all = new ArrayList<>(health.problems());
    all.addAll(health.warnings());
    return all;
  }

  private static MachineStatus.Axis axis(AxisController axis) {
    AxisSnapshot s = axis.snapshot();
    String driveHealth;
    if (!s.isOnline()) {
      driveHealth = "offline";
    } else if (s.drive().fault()) {
      driveHealth = "fault";
    } else if (!s.drive().enabled()) {
      driveHealth = "disabled";
    } else {
      driveHealth = "ok";
    }
    return new MachineStatus.Axis(
        axis.name(),
        axis.units().unit(),
        s.state().name(),
        axis.shownPosition(s.position()),
        axis.shownPosition(s.commandedPosition()),
        s.followingError(),
        s.speed(),
        s.homed(),
        s.status().name(),
        axis.device(),
        driveHealth,
        s.drive().fault() ? s.drive().describeFault() : null);
  }

  private MachineStatus.LinkStatus link(Link link, Instant now) {
    LinkDiagnostics d = link.diagnostics();
    LinkErrorCounts e = link.errorCounts();
    long exceptions = d.exceptions().values().stream().mapToLong(Long::longValue).sum();
    long errors = d.timeouts() + exceptions + e.crcErrors() + e.framingErrors();
    Counted before = previous.put(link.name(), new Counted(now, d.requests(), errors));
    double requestRate = 0;
    double errorRate = 0;
    if (before != null) {
      double seconds = Duration.between(before.at(), now).toNanos() / 1e9;
      if (seconds > 0) {
        requestRate = (d.requests() - before.requests()) / seconds;
        errorRate = (errors - before.errors()) / seconds;
      }
    }
    List<MachineStatus.Drive> drives = new ArrayList<>();
    for (DeviceDiagnostics dev : link.deviceDiagnostics().values()) {
      drives.add(
          new MachineStatus.Drive(
              dev.device(),
              dev.unitId(),
              d.connected()
                  && !dev.demoted()
                  && dev.consecutiveFailures() == 0
                  && dev.lastGoodRead() != null,
              dev.demoted(),
              dev.consecutiveFailures()));
    }
    return new MachineStatus.LinkStatus(
        link.name(),
        d.connected(),
        d.requests(),
        d.responses(),
        errors,
        d.timeouts(),
        d.reconnects(),
        requestRate,
        errorRate,
        d.meanRoundTripMicros() / 1000.0,
        d.p99RoundTripMicros() / 1000.0,
        d.lastError(),
        drives);
  }
}
