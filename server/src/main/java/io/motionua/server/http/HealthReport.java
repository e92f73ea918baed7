package io.motionua.server.http;

import io.motionua.drivers.DeviceDiagnostics;
import io.motionua.drivers.Link;
import io.motionua.drivers.LinkDiagnostics;
import io.motionua.server.history.external.ExternalStatus;
import io.motionua.server.sparkplug.EdgeNodeStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer of {@code /health}: up when every link is connected and every drive answered its last
 * poll (its values turn Uncertain in OPC UA earlier, at the poll's first unanswered request); down
 * otherwise, with one line per link or drive that is not. Warnings say what is wrong beside the
 * machine without making it down: the Sparkplug edge node not publishing (no broker, credentials
 * refused, waiting for the primary host), since OPC UA serves on and the store keeps the data
 * meanwhile (docs/sparkplug.md); the external historian not connected or losing records, since it
 * buffers on disk meanwhile (docs/history.md).
 *
 * @param machine the machine's name
 * @param links each link: {@code up} or {@code down}
 * @param problems what is wrong, one sentence each; empty when up
 * @param warnings what is wrong but leaves the machine up, one sentence each
 * @param sparkplug the edge node's state, null when the machine file has no {@code sparkplug}
 * @param historyExternal the external historian's state, null when there is none
 */
public record HealthReport(
    String machine,
    Map<String, String> links,
    List<String> problems,
    List<String> warnings,
    EdgeNodeStatus sparkplug,
    ExternalStatus historyExternal) {

  /** Built from the links' and the edge node's snapshots; reads no device. */
  public static HealthReport of(ServedMachine machine) {
    Map<String, String> links = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (Link link : machine.links().values()) {
      boolean connected = link.isConnected();
      links.put(link.name(), connected ? "up" : "down");
      if (!connected) {
        LinkDiagnostics d = link.diagnostics();
        problems.add(
            "link "
                + link.name()
                + " is not connected"
                + (d.lastError() == null ? "" : " (last error: " + d.lastError() + ")"));
        continue; // its drives cannot answer; the link says why
      }
      for (DeviceDiagnostics drive : link.deviceDiagnostics().values()) {
        String why = silence(drive);
        if (why != null) {
          problems.add(
              "drive %s (unit %d on link %s) does not answer: %s"
                  .formatted(drive.device(), drive.unitId(), link.name(), why));
        }
      }
    }
    EdgeNodeStatus sparkplug = machine.sparkplug() == null ? null : machine.sparkplug().status();
    List<String> warnings = new ArrayList<>();
    if (sparkplug != null) {
      warnings.addAll(sparkplug.warnings());
    }
    ExternalStatus external =
        machine.historyExternal() == null ? null : machine.historyExternal().status();
    if (external != null) {
      warnings.addAll(external.warnings());
    }
    return new HealthReport(
        machine.name(), links, List.copyOf(problems), List.copyOf(warnings), sparkplug, external);
  }

  /** Why a drive counts as silent, or null when it answered its last poll. */
  private static String silence(DeviceDiagnostics drive) {
    String lastError =
        drive.traffic() == null || drive.traffic().lastError() == null
            ? ""
            : "; last error: " + drive.traffic().lastError();
    if (drive.demoted()) {
      return "taken off scan after %d failed polls in a row%s"
          .formatted(drive.consecutiveFailures(), lastError);
    }
    if (drive.consecutiveFailures() > 0) {
      return "%d poll(s) in a row failed%s".formatted(drive.consecutiveFailures(), lastError);
    }
    if (drive.lastGoodRead() == null) {
      return "no answer yet";
    }
    return null;
  }

  public boolean isUp() {
    return problems.isEmpty();
  }

  public String status() {
    return isUp() ? "UP" : "DOWN";
  }
}
