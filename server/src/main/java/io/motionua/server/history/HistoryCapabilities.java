package io.motionua.server.history;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.util.Map;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;

/**
 * The Server object's HistoryServerCapabilities, set to what this server does: raw data history is
 * read (up to {@link HistoryRawRead#MAX_PAGE} values per node and call), event history too (up to
 * {@link HistoryEventRead#MAX_PAGE} events); updates, inserts, deletes and server timestamps are
 * not. Its AggregateFunctions folder organizes the aggregates ReadProcessedDetails computes.
 */
final class HistoryCapabilities {

  private HistoryCapabilities() {}

  static void advertise(OpcUaServer server, boolean dataHistory) {
    Map<NodeId, Object> values =
        Map.ofEntries(
            Map.entry(NodeIds.HistoryServerCapabilities_AccessHistoryDataCapability, dataHistory),
            Map.entry(NodeIds.HistoryServerCapabilities_AccessHistoryEventsCapability, dataHistory),
            Map.entry(
                NodeIds.HistoryServerCapabilities_MaxReturnDataValues,
                uint(dataHistory ? HistoryRawRead.MAX_PAGE : 0)),
            Map.entry(
                NodeIds.HistoryServerCapabilities_MaxReturnEventValues,
                uint(dataHistory ? HistoryEventRead.MAX_PAGE : 0)),
            Map.entry(NodeIds.HistoryServerCapabilities_InsertDataCapability, false),
            Map.entry(NodeIds.HistoryServerCapabilities_ReplaceDataCapability, false),
            Map.entry(NodeIds.HistoryServerCapabilities_UpdateDataCapability, false),
            Map.entry(NodeIds.HistoryServerCapabilities_DeleteRawCapability, false),
            Map.entry(NodeIds.HistoryServerCapabilities_DeleteAtTimeCapability, false),
            Map.entry(NodeIds.HistoryServerCapabilities_InsertEventCapability, false),
            Map.entry(NodeIds.HistoryServerCapabilities_ReplaceEventCapability, false),
            Map.entry(NodeIds.HistoryServerCapabilities_UpdateEventCapability, false),
            Map.entry(NodeIds.HistoryServerCapabilities_DeleteEventCapability, false),
            Map.entry(NodeIds.HistoryServerCapabilities_InsertAnnotationCapability, false),
            Map.entry(NodeIds.HistoryServerCapabilities_ServerTimestampSupported, false));
    values.forEach(
        (id, value) ->
            server
                .getAddressSpaceManager()
                .getManagedNode(id)
                .filter(UaVariableNode.class::isInstance)
                .map(UaVariableNode.class::cast)
                .ifPresent(node -> node.setValue(new DataValue(new Variant(value)))));
    if (dataHistory) {
      // The standard AggregateFunction objects of the aggregates ReadProcessedDetails computes.
      server
          .getAddressSpaceManager()
          .getManagedNode(NodeIds.HistoryServerCapabilities_AggregateFunctions)
          .ifPresent(
              folder -> {
                for (NodeId aggregate : HistoryProcessedRead.supportedFunctions()) {
                  folder.addReference(
                      new Reference(
                          folder.getNodeId(), NodeIds.Organizes, aggregate.expanded(), true));
                }
              });
    }
  }
}
