package io.motionua.server.security;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseDirection;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseResultMask;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.ReferenceDescription;

/** Follows browse names from a node, for tests. */
final class Browse {

  private Browse() {}

  static NodeId path(OpcUaClient client, NodeId start, String... names) throws UaException {
    NodeId at = start;
    StringBuilder walked = new StringBuilder();
    for (String name : names) {
      walked.append('/').append(name);
      NodeId next = null;
      ReferenceDescription[] refs =
          client
              .browse(
                  new BrowseDescription(
                      at,
                      BrowseDirection.Forward,
                      NodeIds.HierarchicalReferences,
                      true,
                      uint(0),
                      uint(BrowseResultMask.All.getValue())))
              .getReferences();
      for (ReferenceDescription rd : refs == null ? new ReferenceDescription[0] : refs) {
        if (rd.getBrowseName().name().equals(name)) {
          next = rd.getNodeId().toNodeId(client.getNamespaceTable()).orElseThrow();
          break;
        }
      }
      if (next == null) {
        throw new AssertionError("no node at " + walked);
      }
      at = next;
    }
    return at;
  }
}
