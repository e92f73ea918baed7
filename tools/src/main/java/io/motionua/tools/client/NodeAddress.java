package io.motionua.tools.client;

import java.util.List;
import java.util.Optional;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseDirection;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseResultMask;
import org.eclipse.milo.opcua.stack.core.types.enumerated.NodeClass;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseResult;
import org.eclipse.milo.opcua.stack.core.types.structured.ReferenceDescription;

/**
 * A node as the user names it: a NodeId ({@code ns=2;i=5001}, {@code i=2258}) or a path of browse
 * names below Objects ({@code DemoArm/MotionDevices/Arm/Axes/J1}), matched by name in any namespace
 * along hierarchical references.
 */
final class NodeAddress {

  private NodeAddress() {}

  static NodeId resolve(OpcUaClient client, String text) throws ClientFailure {
    if (text == null || text.isEmpty() || text.equals("/")) {
      return NodeIds.ObjectsFolder;
    }
    if (looksLikeNodeId(text)) {
      NodeId id = NodeId.parseOrNull(text);
      if (id == null) {
        throw new ClientFailure(
            new StatusCode(StatusCodes.Bad_NodeIdInvalid), "'" + text + "' is not a NodeId");
      }
      return id;
    }
    NodeId node = NodeIds.ObjectsFolder;
    StringBuilder walked = new StringBuilder("Objects");
    for (String name : text.replaceFirst("^/", "").replaceFirst("^Objects/", "").split("/")) {
      if (name.isEmpty()) {
        continue;
      }
      Optional<NodeId> next = child(client, node, name);
      if (next.isEmpty()) {
        throw new ClientFailure(
            new StatusCode(StatusCodes.Bad_NoMatch), "no node '" + name + "' under " + walked);
      }
      node = next.get();
      walked.append('/').append(name);
    }
    return node;
  }

  private static boolean looksLikeNodeId(String text) {
    return text.matches("(ns=\\d+;)?[isgb]=.*");
  }

  /** The hierarchical children of a node (objects, variables, methods). */
  static List<ReferenceDescription> children(OpcUaClient client, NodeId node) throws ClientFailure {
    BrowseDescription browse =
        new BrowseDescription(
            node,
            BrowseDirection.Forward,
            NodeIds.HierarchicalReferences,
            true,
            org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint(
                NodeClass.Object.getValue()
                    | NodeClass.Variable.getValue()
                    | NodeClass.Method.getValue()),
            org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint(
                BrowseResultMask.All.getValue()));
    try {
      BrowseResult result = client.browse(browse);
      if (result.getStatusCode().isBad()) {
        throw new ClientFailure(result.getStatusCode(), "browse of " + node.toParseableString());
      }
      ReferenceDescription[] refs = result.getReferences();
      return refs == null ? List.of() : List.of(refs);
    } catch (UaException e) {
      throw ClientFailure.of(e);
    }
  }

  private static Optional<NodeId> child(OpcUaClient client, NodeId node, String name)
      throws ClientFailure {
    for (ReferenceDescription rd : children(client, node)) {
      if (rd.getBrowseName().name().equals(name)) {
        return rd.getNodeId().toNodeId(client.getNamespaceTable());
      }
    }
    return Optional.empty();
  }
}
