package io.motionua.nodeset;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.server.AddressSpaceManager;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNode;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;
import org.eclipse.milo.opcua.stack.core.types.enumerated.NodeClass;

/**
 * Finds the nodes of one namespace in a running server: Milo has no list of all nodes, so this
 * walks hierarchical references from the Root folder through other namespaces, and every reference
 * of the namespace's own nodes (which reaches encodings and other non-hierarchical neighbours). A
 * namespace loaded by {@link NodeSetLoader} also contributes its node list.
 */
final class NamespaceNodes {

  private static final Set<NodeClass> TYPE_CLASSES =
      Set.of(
          NodeClass.ObjectType,
          NodeClass.VariableType,
          NodeClass.DataType,
          NodeClass.ReferenceType);

  private NamespaceNodes() {}

  /** The nodes of the namespace, sorted by NodeId; only types and below unless instances. */
  static List<UaNode> find(
      OpcUaServer server, UShort own, String namespaceUri, boolean includeInstances) {
    AddressSpaceManager addressSpace = server.getAddressSpaceManager();
    Set<NodeId> found = new LinkedHashSet<>();
    var queue = new ArrayDeque<NodeId>();
    Set<NodeId> visited = new HashSet<>();
    queue.add(NodeIds.RootFolder);
    visited.add(NodeIds.RootFolder);
    NodeSetLoader.findNamespace(server, namespaceUri)
        .ifPresent(
            ns ->
                ns.getNodeManager().getNodeIds().stream()
                    .filter(id -> id.getNamespaceIndex().equals(own))
                    .forEach(
                        id -> {
                          visited.add(id);
                          queue.add(id);
                        }));
    var referenceTypes = server.getReferenceTypeTree();
    while (!queue.isEmpty()) {
      NodeId id = queue.poll();
      boolean mine = id.getNamespaceIndex().equals(own);
      if (mine) {
        found.add(id);
      }
      for (Reference r : addressSpace.getManagedReferences(id)) {
        NodeId target = r.getTargetNodeId().toNodeId(server.getNamespaceTable()).orElse(null);
        if (target == null || visited.contains(target)) {
          continue;
        }
        boolean targetMine = target.getNamespaceIndex().equals(own);
        boolean walk =
            targetMine
                || (!mine
                    && r.isForward()
                    && referenceTypes.isSubtypeOf(
                        r.getReferenceTypeId(), NodeIds.HierarchicalReferences));
        if (walk && addressSpace.getManagedNode(target).isPresent()) {
          visited.add(target);
          queue.add(target);
        }
      }
    }
    if (!includeInstances) {
      found = typesAndDeclarations(server, found);
    }
    List<UaNode> nodes = new ArrayList<>();
    for (NodeId id : found) {
      addressSpace.getManagedNode(id).ifPresent(nodes::add);
    }
    nodes.sort(Comparator.comparing(n -> sortKey(n.getNodeId())));
    return nodes;
  }

  private static Set<NodeId> typesAndDeclarations(OpcUaServer server, Set<NodeId> all) {
    AddressSpaceManager addressSpace = server.getAddressSpaceManager();
    Set<NodeId> result = new LinkedHashSet<>();
    var queue = new ArrayDeque<NodeId>();
    for (NodeId id : all) {
      addressSpace
          .getManagedNode(id)
          .filter(n -> TYPE_CLASSES.contains(n.getNodeClass()))
          .ifPresent(n -> queue.add(id));
    }
    result.addAll(queue);
    var referenceTypes = server.getReferenceTypeTree();
    while (!queue.isEmpty()) {
      NodeId id = queue.poll();
      for (Reference r : addressSpace.getManagedReferences(id)) {
        NodeId target = r.getTargetNodeId().toNodeId(server.getNamespaceTable()).orElse(null);
        boolean below =
            r.isForward()
                && (r.getReferenceTypeId().equals(NodeIds.HasEncoding)
                    || (referenceTypes.isSubtypeOf(
                            r.getReferenceTypeId(), NodeIds.HierarchicalReferences)
                        && !r.getReferenceTypeId().equals(NodeIds.HasSubtype)));
        if (below && target != null && all.contains(target) && result.add(target)) {
          queue.add(target);
        }
      }
    }
    return result;
  }

  private static String sortKey(NodeId id) {
    Object identifier = id.getIdentifier();
    if (identifier instanceof Number n) {
      return String.format("0%020d", n.longValue());
    }
    return id.getType().ordinal() + identifier.toString();
  }
}
