package io.motionua.nodeset;

import java.util.List;
import java.util.Map;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;

/**
 * What {@link NodeSetLoader#load} added to a server.
 *
 * @param sourceName the name the file was loaded under (used in messages).
 * @param namespaceIndexes server namespace index of each model URI the file defines and of each
 *     namespace it added nodes to.
 * @param nodeIds the NodeIds of the nodes added, in file order.
 */
public record LoadedNodeSet(
    String sourceName, Map<String, UShort> namespaceIndexes, List<NodeId> nodeIds) {

  public LoadedNodeSet {
    namespaceIndexes = Map.copyOf(namespaceIndexes);
    nodeIds = List.copyOf(nodeIds);
  }

  /** Number of nodes the file added. */
  public int nodeCount() {
    return nodeIds.size();
  }

  /**
   * The server's namespace index of a model URI defined by this file (or a namespace it added nodes
   * to).
   *
   * @throws IllegalArgumentException if the file defines no model with that URI.
   */
  public UShort namespaceIndex(String modelUri) {
    UShort index = namespaceIndexes.get(modelUri);
    if (index == null) {
      throw new IllegalArgumentException(
          sourceName
              + " defines no model "
              + modelUri
              + "; it defines "
              + namespaceIndexes.keySet());
    }
    return index;
  }
}
