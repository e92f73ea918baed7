package io.motionua.server.http;

import io.motionua.drivers.Link;
import io.motionua.server.audit.AuditLog;
import io.motionua.server.axis.AxisController;
import io.motionua.server.config.UserSpec;
import io.motionua.server.events.AlarmCondition;
import io.motionua.server.group.AxisGroup;
import io.motionua.server.history.HistoryWriter;
import io.motionua.server.history.external.ExternalHistorian;
import io.motionua.server.sparkplug.SparkplugPublisher;
import java.util.List;
import java.util.Map;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;

/**
 * What the HTTP endpoints look at: the running parts of one machine. Everything is read through
 * snapshots that are safe from any thread; nothing here is written.
 *
 * @param name the machine's name
 * @param links the Modbus links by name
 * @param axes the axis controllers by axis name
 * @param groups the axis groups by name
 * @param server the OPC UA server, started
 * @param alarms every alarm condition of the machine (the status page lists the active ones)
 * @param users the machine file's users (the status page's logins)
 * @param audit where refused logins to the status page are written
 * @param sparkplug the Sparkplug B edge node; null when the machine file has no {@code sparkplug}
 * @param historyExternal the external historian; null when the history section names none
 * @param history the history writer (its queues and drop counts); null when recording is off
 */
public record ServedMachine(
    String name,
    Map<String, Link> links,
    Map<String, AxisController> axes,
    Map<String, AxisGroup> groups,
    OpcUaServer server,
    List<AlarmCondition> alarms,
    List<UserSpec> users,
    AuditLog audit,
    SparkplugPublisher sparkplug,
    ExternalHistorian historyExternal,
    HistoryWriter history) {}
