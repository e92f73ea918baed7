package io.motionua.nodeset;

import java.util.Map;
import java.util.Set;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;
import org.eclipse.milo.opcua.stack.core.types.enumerated.NodeClass;

/** Checks, before anything is added, that a file's nodes may be added and point to real nodes. */
final class ReferenceChecker {

  private final OpcUaServer server;
  private final NamespaceMapping mapping;
  private final Map<NodeId, NodeElement> nodes;
  private final Set<String> loadedNamespaces;
  private final String source;

  ReferenceChecker(
      OpcUaServer server,
      NamespaceMapping mapping,
      Map<NodeId, NodeElement> nodes,
      Set<String> loadedNamespaces,
      String source) {
    this.server = server;
    this.mapping = mapping;
    this.nodes = nodes;
    this.loadedNamespaces = loadedNamespaces;
    this.source = source;
  }

  void checkNode(NodeElement node, Set<String> fileModels) throws NodeSetException {
    UShort index = node.nodeId().getNamespaceIndex();
    String uri = uriOf(index);
    if (index.intValue() == 0) {
      throw fail(node, "adds a node to the UA core namespace, which the loader does not extend");
    }
    boolean known = server.getNamespaceTable().getIndex(uri) != null;
    if (known && !loadedNamespaces.contains(uri) && !fileModels.contains(uri)) {
      throw fail(node, "namespace " + uri + " belongs to another part of the server");
    }
    if (server.getAddressSpaceManager().getManagedNode(node.nodeId()).isPresent()) {
      throw fail(node, "a node with this NodeId already exists in the server");
    }
    for (var r : node.references()) {
      if (!isReferenceType(server, nodes, r.referenceTypeId())) {
        throw fail(
            node,
            "reference to "
                + describe(r.targetNodeId())
                + " has type "
                + describe(r.referenceTypeId())
                + ", which is not a reference type in the file or the server");
      }
      if (!exists(r.targetNodeId())) {
        throw fail(
            node,
            "reference "
                + referenceName(r.referenceTypeId())
                + " points to "
                + describe(r.targetNodeId())
                + ", which exists neither in the file nor in the server");
      }
    }
    if (node.dataType() != null && !isDataType(server, nodes, node.dataType())) {
      throw fail(
          node,
          "DataType "
              + describe(node.dataType())
              + " is not a data type in the file or the server");
    }
  }

  private boolean exists(NodeId nodeId) {
    return nodes.containsKey(nodeId)
        || server.getAddressSpaceManager().getManagedNode(nodeId).isPresent();
  }

  private String referenceName(NodeId referenceTypeId) {
    NodeElement inFile = nodes.get(referenceTypeId);
    if (inFile != null) {
      return inFile.browseName().getName();
    }
    return server
        .getAddressSpaceManager()
        .getManagedNode(referenceTypeId)
        .map(n -> n.getBrowseName().getName())
        .orElse(describe(referenceTypeId));
  }

  private String uriOf(UShort index) {
    String uri = mapping.uriOf(index);
    return uri != null ? uri : server.getNamespaceTable().get(index);
  }

  /** A NodeId with its namespace URI, which means the same in the file and in the server. */
  String describe(NodeId nodeId) {
    String id = nodeId.toParseableString();
    int semicolon = id.indexOf(';');
    String identifier = semicolon >= 0 ? id.substring(semicolon + 1) : id;
    if (nodeId.getNamespaceIndex().intValue() == 0) {
      return identifier;
    }
    return "nsu=" + uriOf(nodeId.getNamespaceIndex()) + ";" + identifier;
  }

  private NodeSetException fail(NodeElement node, String what) {
    return new NodeSetException(
        source + ": node " + node.idText() + " (" + node.browseName().getName() + "): " + what);
  }

  /** True if the node is a reference type, in the server or among the file's nodes. */
  private static boolean isReferenceType(
      OpcUaServer server, Map<NodeId, NodeElement> nodes, NodeId nodeId) {
    NodeElement inFile = nodes.get(nodeId);
    if (inFile != null) {
      return inFile.elementName().equals("UAReferenceType");
    }
    return server
        .getAddressSpaceManager()
        .getManagedNode(nodeId)
        .map(n -> n.getNodeClass() == NodeClass.ReferenceType)
        .orElse(false);
  }

  private static boolean isDataType(
      OpcUaServer server, Map<NodeId, NodeElement> nodes, NodeId nodeId) {
    NodeElement inFile = nodes.get(nodeId);
    if (inFile != null) {
      return inFile.elementName().equals("UADataType");
    }
    return NodeIds.BaseDataType.equals(nodeId)
        || server
            .getAddressSpaceManager()
            .getManagedNode(nodeId)
            .map(n -> n.getNodeClass() == NodeClass.DataType)
            .orElse(false);
  }
}
