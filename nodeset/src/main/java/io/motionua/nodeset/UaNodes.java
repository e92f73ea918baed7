package io.motionua.nodeset;

import org.eclipse.milo.opcua.sdk.server.nodes.UaDataTypeNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaMethodNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNodeContext;
import org.eclipse.milo.opcua.sdk.server.nodes.UaObjectNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaObjectTypeNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaReferenceTypeNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableTypeNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaViewNode;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.structured.DataTypeDefinition;

/** Creates the Milo node for a {@link NodeElement}. */
final class UaNodes {

  private UaNodes() {}

  static UaNode create(NodeElement n, UaNodeContext context, DataTypeDefinition definition) {
    LocalizedText displayName =
        n.displayName().isNull()
            ? LocalizedText.english(n.browseName().getName())
            : n.displayName();
    return switch (n.elementName()) {
      case "UAObject" ->
          new UaObjectNode(
              context,
              n.nodeId(),
              n.browseName(),
              displayName,
              n.description(),
              n.writeMask(),
              n.userWriteMask(),
              n.eventNotifier());
      case "UAVariable" ->
          new UaVariableNode(
              context,
              n.nodeId(),
              n.browseName(),
              displayName,
              n.description(),
              n.writeMask(),
              n.userWriteMask(),
              n.value(),
              n.dataType(),
              n.valueRank(),
              n.arrayDimensions(),
              n.accessLevel(),
              n.userAccessLevel(),
              n.minimumSamplingInterval(),
              n.historizing());
      case "UAMethod" ->
          new UaMethodNode(
              context,
              n.nodeId(),
              n.browseName(),
              displayName,
              n.description(),
              n.writeMask(),
              n.userWriteMask(),
              n.executable(),
              n.userExecutable());
      case "UAView" ->
          new UaViewNode(
              context,
              n.nodeId(),
              n.browseName(),
              displayName,
              n.description(),
              n.writeMask(),
              n.userWriteMask(),
              n.containsNoLoops(),
              n.eventNotifier());
      case "UAObjectType" ->
          new UaObjectTypeNode(
              context,
              n.nodeId(),
              n.browseName(),
              displayName,
              n.description(),
              n.writeMask(),
              n.userWriteMask(),
              n.isAbstract());
      case "UAVariableType" ->
          new UaVariableTypeNode(
              context,
              n.nodeId(),
              n.browseName(),
              displayName,
              n.description(),
              n.writeMask(),
              n.userWriteMask(),
              n.value(),
              n.dataType(),
              n.valueRank(),
              n.arrayDimensions(),
              n.isAbstract());
      case "UADataType" ->
          new UaDataTypeNode(
              context,
              n.nodeId(),
              n.browseName(),
              displayName,
              n.description(),
              n.writeMask(),
              n.userWriteMask(),
              null,
              null,
              null,
              n.isAbstract(),
              definition);
      case "UAReferenceType" ->
          new UaReferenceTypeNode(
              context,
              n.nodeId(),
              n.browseName(),
              displayName,
              n.description(),
              n.writeMask(),
              n.userWriteMask(),
              n.isAbstract(),
              n.symmetric(),
              n.inverseName());
      default -> throw new IllegalArgumentException("not a node element: " + n.elementName());
    };
  }
}
