package io.motionua.nodeset;

import java.util.Collection;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.nodes.UaObjectNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;

/**
 * Gives loaded object and variable types the Milo node class of their nearest supertype that has
 * one. Milo's NodeFactory (and its EventFactory) builds an instance with the class registered for
 * its exact type, else a plain UaObjectNode: without this an event of a loaded event type would not
 * be a BaseEventTypeNode and EventFactory.createEvent would fail.
 */
final class NodeClassInheritance {

  private NodeClassInheritance() {}

  static void register(OpcUaServer server, Collection<NodeElement> nodes) {
    var objectTypes = server.getObjectTypeManager();
    var variableTypes = server.getVariableTypeManager();
    for (NodeElement node : nodes) {
      NodeId type = node.nodeId();
      if (node.elementName().equals("UAObjectType")
          && objectTypes.getNodeConstructor(type).isEmpty()) {
        nearest(server, type, objectTypes::getNodeConstructor)
            .ifPresent(c -> objectTypes.registerObjectType(type, UaObjectNode.class, c));
      } else if (node.elementName().equals("UAVariableType")
          && variableTypes.getNodeConstructor(type).isEmpty()) {
        nearest(server, type, variableTypes::getNodeConstructor)
            .ifPresent(c -> variableTypes.registerVariableType(type, UaVariableNode.class, c));
      }
    }
  }

  private static <C> Optional<C> nearest(
      OpcUaServer server, NodeId type, Function<NodeId, Optional<C>> constructors) {
    NodeId current = type;
    // Bounded: a type hierarchy deeper than this is a loop in a broken file.
    for (int depth = 0; depth < 64 && current != null; depth++) {
      Optional<C> constructor = constructors.apply(current);
      if (constructor.isPresent()) {
        return constructor;
      }
      if (current.equals(NodeIds.BaseObjectType) || current.equals(NodeIds.BaseVariableType)) {
        return Optional.empty();
      }
      current = supertype(server, current);
    }
    return Optional.empty();
  }

  private static NodeId supertype(OpcUaServer server, NodeId type) {
    return server
        .getAddressSpaceManager()
        .getManagedReferences(
            type, r -> r.isInverse() && r.getReferenceTypeId().equals(NodeIds.HasSubtype))
        .stream()
        .map(Reference::getTargetNodeId)
        .map(t -> t.toNodeId(server.getNamespaceTable()).orElse(null))
        .findFirst()
        .orElse(null);
  }
}
