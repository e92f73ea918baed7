package io.motionua.nodeset;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseDirection;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseResultMask;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;
import org.eclipse.milo.opcua.stack.core.types.structured.ReferenceDescription;

/** Browse and read helpers over a connected Milo client, for the ITs. */
record ClientBrowser(OpcUaClient client) {

  List<ReferenceDescription> browse(NodeId node, NodeId referenceType, BrowseDirection direction)
      throws UaException {
    var description =
        new BrowseDescription(
            node, direction, referenceType, true, uint(0), uint(BrowseResultMask.All.getValue()));
    ReferenceDescription[] refs = client.browse(description).getReferences();
    return refs == null ? List.of() : Arrays.asList(refs);
  }

  NodeId local(ReferenceDescription r) {
    return r.getNodeId().toNodeId(client.getNamespaceTable()).orElseThrow();
  }

  /** The hierarchical child with this BrowseName name (any namespace). */
  NodeId child(NodeId parent, String name) throws UaException {
    return browse(parent, NodeIds.HierarchicalReferences, BrowseDirection.Forward).stream()
        .filter(r -> r.getBrowseName().getName().equals(name))
        .map(this::local)
        .findFirst()
        .orElseThrow(() -> new AssertionError(parent + " has no child " + name));
  }

  /** The one forward target of a reference type. */
  NodeId target(NodeId node, NodeId referenceType) throws UaException {
    List<ReferenceDescription> refs = browse(node, referenceType, BrowseDirection.Forward);
    assertEquals(1, refs.size(), node + " should have one " + referenceType + ": " + refs);
    return local(refs.get(0));
  }

  /** The one supertype of a type. */
  NodeId supertype(NodeId type) throws UaException {
    List<ReferenceDescription> refs = browse(type, NodeIds.HasSubtype, BrowseDirection.Inverse);
    assertEquals(1, refs.size(), type + " should have one supertype: " + refs);
    return local(refs.get(0));
  }

  Object value(NodeId node) throws UaException {
    return client.readValue(0, TimestampsToReturn.Neither, node).value().value();
  }

  Object attribute(NodeId node, AttributeId attribute) throws UaException {
    DataValue dv =
        client.read(
                0,
                TimestampsToReturn.Neither,
                List.of(new ReadValueId(node, attribute.uid(), null, QualifiedName.NULL_VALUE)))
            .getResults()[0];
    return dv.value().value();
  }
}
