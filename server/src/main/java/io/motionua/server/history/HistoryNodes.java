package io.motionua.server.history;

import io.motionua.server.config.HistorySpec;
import io.motionua.server.config.HistoryVariableSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.server.UaNodeManager;
import org.eclipse.milo.opcua.sdk.server.model.objects.HistoricalDataConfigurationTypeNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaFolderNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNodeContext;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.sdk.server.nodes.factories.NodeFactory;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UByte;
import org.eclipse.milo.opcua.stack.core.types.enumerated.ExceptionDeviationFormat;
import org.eclipse.milo.opcua.stack.core.types.structured.Range;

/**
 * Finds the recorded variables of the machine's axes and drives by browse name, and marks each as
 * historized: Historizing, the HistoryRead bit in AccessLevel and UserAccessLevel, and a
 * HistoricalDataConfiguration (HA Configuration) that says how it is recorded.
 */
final class HistoryNodes {

  /** Only variables under these parts of the model are recorded (not plain devices' tags). */
  private static final String[] RECORDED_PARTS = {"/Axes/", "/PowerTrains/"};

  private HistoryNodes() {}

  /** The variables to record, each already marked; in node-manager order. */
  static Map<UaVariableNode, RecordedVariable> mark(
      UaNodeManager nodes, UaNodeContext context, HistorySpec spec) throws UaException {
    Map<String, HistoryVariableSpec> recorded = spec.recorded();
    Map<UaVariableNode, RecordedVariable> found = new LinkedHashMap<>();
    for (UaNode node : nodes.getNodes()) {
      if (!(node instanceof UaVariableNode variable)
          || !(variable.getNodeId().getIdentifier() instanceof String path)
          || !isRecordedPart(path)) {
        continue;
      }
      HistoryVariableSpec v = recorded.get(variable.getBrowseName().name());
      if (v == null) {
        continue;
      }
      double deadband = v.absoluteDeadband(span(variable));
      long maxInterval = spec.maxIntervalMs(v);
      found.put(
          variable,
          new RecordedVariable(
              variable.getNodeId(),
              path,
              ValueType.of(variable.getDataType()),
              deadband,
              maxInterval));
    }
    for (var entry : found.entrySet()) {
      historize(entry.getKey(), context, entry.getValue());
    }
    describe(nodes);
    return found;
  }

  private static boolean isRecordedPart(String path) {
    for (String part : RECORDED_PARTS) {
      if (path.contains(part)) {
        return true;
      }
    }
    return false;
  }

  /** The span of the variable's EURange; NaN when it has none. */
  private static double span(UaVariableNode variable) {
    Optional<Object> range = variable.getProperty(new QualifiedName(0, "EURange"));
    return range
        .filter(Range.class::isInstance)
        .map(Range.class::cast)
        .map(r -> r.getHigh() - r.getLow())
        .orElse(Double.NaN);
  }

  private static void historize(UaVariableNode node, UaNodeContext context, RecordedVariable v)
      throws UaException {
    node.setHistorizing(true);
    node.setAccessLevel(withHistoryRead(node.getAccessLevel()));
    node.setUserAccessLevel(withHistoryRead(node.getUserAccessLevel()));
    NodeId configId =
        new NodeId(node.getNodeId().getNamespaceIndex(), v.key() + "/HA Configuration");
    var config =
        (HistoricalDataConfigurationTypeNode)
            new NodeFactory(context).createNode(configId, NodeIds.HistoricalDataConfigurationType);
    config.setBrowseName(new QualifiedName(0, "HA Configuration"));
    config.setDisplayName(LocalizedText.english("HA Configuration"));
    config.setDescription(
        LocalizedText.english(
            "How " + node.getBrowseName().name() + " is recorded for HistoryRead"));
    // Values hold until the next one: a position between two records is the earlier one.
    config.setStepped(true);
    config.setDefinition(
        "Polled from the drive; recorded on a change beyond the deadband, on a change of StatusCode"
            + " and at least every max interval (docs/history.md)");
    config.setExceptionDeviation(v.deadband());
    config.setExceptionDeviationFormat(ExceptionDeviationFormat.AbsoluteValue);
    config.setMaxTimeInterval((double) v.maxIntervalMs());
    config.setMinTimeInterval(0.0);
    config.setServerTimestampSupported(false);
    var aggregates = config.getAggregateConfigurationNode();
    aggregates.setTreatUncertainAsBad(true);
    aggregates.setPercentDataBad(UByte.valueOf(100));
    aggregates.setPercentDataGood(UByte.valueOf(100));
    aggregates.setUseSlopedExtrapolation(false);
    aggregateFunctions(config, context);
    node.addReference(
        new Reference(
            node.getNodeId(), NodeIds.HasHistoricalConfiguration, configId.expanded(), true));
  }

  /**
   * The HA Configuration's optional AggregateFunctions folder (Part 11 5.2.2), organizing the
   * standard AggregateFunction objects of the aggregates this server computes.
   */
  private static void aggregateFunctions(UaNode config, UaNodeContext context) {
    NodeId id =
        new NodeId(
            config.getNodeId().getNamespaceIndex(),
            config.getNodeId().getIdentifier() + "/AggregateFunctions");
    UaFolderNode folder =
        new UaFolderNode(
            context,
            id,
            new QualifiedName(0, "AggregateFunctions"),
            LocalizedText.english("AggregateFunctions"));
    folder.setDescription(
        LocalizedText.english("The aggregates ReadProcessedDetails computes for this variable"));
    context.getNodeManager().addNode(folder);
    config.addReference(
        new Reference(config.getNodeId(), NodeIds.HasComponent, id.expanded(), true));
    for (NodeId aggregate : HistoryProcessedRead.supportedFunctions()) {
      folder.addReference(new Reference(id, NodeIds.Organizes, aggregate.expanded(), true));
    }
  }

  /**
   * The HA Configurations' members as the type declares them carry no Description in the standard
   * NodeSet; every node of the machine has one, so these say what they are.
   */
  private static void describe(UaNodeManager nodes) {
    for (UaNode n : nodes.getNodes()) {
      if (n.getNodeId().getIdentifier() instanceof String id
          && id.contains("/HA Configuration")
          && !id.endsWith("/HA Configuration")
          && (n.getDescription() == null
              || n.getDescription().text() == null
              || n.getDescription().text().isEmpty())) {
        n.setDescription(
            LocalizedText.english(
                n.getBrowseName().name() + " of the HA Configuration (OPC UA Part 11)"));
      }
    }
  }

  private static UByte withHistoryRead(UByte level) {
    int bits = level == null ? 0 : level.intValue();
    return UByte.valueOf(bits | AccessLevel.HistoryRead.getValue());
  }
}
