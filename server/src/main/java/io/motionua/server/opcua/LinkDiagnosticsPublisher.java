package io.motionua.server.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ulong;

import io.motionua.drivers.DeviceDiagnostics;
import io.motionua.drivers.Link;
import io.motionua.drivers.LinkDiagnostics;
import io.motionua.drivers.LinkErrorCounts;
import java.util.Map;
import org.eclipse.milo.opcua.sdk.server.UaNodeManager;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;

/**
 * Copies each link's counters (requests, responses, timeouts, reconnects, round trips, CRC and
 * framing errors, exception responses, retries, demotions, last error) into the variables of its
 * {@code Links/<link>} object, and each device's (demoted, demotions, consecutive failures, last
 * good read) into the variables of its drive. Runs on a timer, reading the driver's snapshot:
 * cheap, and never any Modbus I/O.
 */
public final class LinkDiagnosticsPublisher implements Runnable {

  private final UaNodeManager nodes;
  private final UShort namespaceIndex;
  private final String machine;
  private final Map<String, Link> links;
  private final MachineNamespace namespace;

  public LinkDiagnosticsPublisher(
      MachineNamespace namespace, String machine, Map<String, Link> links) {
    this.nodes = namespace.getNodeManager();
    this.namespaceIndex = namespace.getNamespaceIndex();
    this.machine = machine;
    this.links = Map.copyOf(links);
    this.namespace = namespace;
  }

  @Override
  public void run() {
    DateTime now = DateTime.now();
    for (Link link : links.values()) {
      LinkDiagnostics d = link.diagnostics();
      String base = machine + "/Links/" + link.name() + "/";
      set(base + "Connected", d.connected(), now);
      set(base + "Requests", ulong(d.requests()), now);
      set(base + "Responses", ulong(d.responses()), now);
      set(base + "Timeouts", ulong(d.timeouts()), now);
      set(base + "Reconnects", ulong(d.reconnects()), now);
      LinkErrorCounts errors = link.errorCounts();
      set(base + "CrcErrors", ulong(errors.crcErrors()), now);
      set(base + "FramingErrors", ulong(errors.framingErrors()), now);
      set(
          base + "Exceptions",
          ulong(d.exceptions().values().stream().mapToLong(Long::longValue).sum()),
          now);
      set(base + "Retries", ulong(errors.retries()), now);
      set(base + "Demotions", ulong(errors.demotions()), now);
      // Duration is milliseconds in OPC UA; the driver counts microseconds.
      set(base + "MeanRoundTrip", d.meanRoundTripMicros() / 1000.0, now);
      set(base + "P99RoundTrip", d.p99RoundTripMicros() / 1000.0, now);
      set(base + "LastError", d.lastError() == null ? "" : d.lastError(), now);
      set(
          base + "LastErrorTime",
          d.lastErrorTime() == null ? DateTime.NULL_VALUE : new DateTime(d.lastErrorTime()),
          now);
      for (DeviceDiagnostics device : link.deviceDiagnostics().values()) {
        String drive = namespace.drivePath(device.device());
        if (drive == null) {
          continue;
        }
        set(drive + "/Demoted", device.demoted(), now);
        set(drive + "/Demotions", ulong(device.demotions()), now);
        set(drive + "/ConsecutiveFailures", uint(device.consecutiveFailures()), now);
        set(
            drive + "/LastGoodRead",
            device.lastGoodRead() == null
                ? DateTime.NULL_VALUE
                : new DateTime(device.lastGoodRead()),
            now);
      }
    }
  }

  private void set(String path, Object value, DateTime now) {
    nodes
        .getNode(new NodeId(namespaceIndex, path))
        .filter(UaVariableNode.class::isInstance)
        .map(UaVariableNode.class::cast)
        .ifPresent(
            v ->
                v.setValue(
                    new DataValue(
                        new Variant(value),
                        org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode.GOOD,
                        now,
                        now)));
  }
}
