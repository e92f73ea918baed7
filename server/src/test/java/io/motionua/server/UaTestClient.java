package io.motionua.server;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseDirection;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseResultMask;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseResult;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodResult;
import org.eclipse.milo.opcua.stack.core.types.structured.HistoryReadDetails;
import org.eclipse.milo.opcua.stack.core.types.structured.HistoryReadResult;
import org.eclipse.milo.opcua.stack.core.types.structured.HistoryReadValueId;
import org.eclipse.milo.opcua.stack.core.types.structured.ReferenceDescription;

/** A small Milo client for tests: anonymous, security None, browse by browse name. */
final class UaTestClient implements AutoCloseable {

  private final OpcUaClient client;

  private UaTestClient(OpcUaClient client) {
    this.client = client;
  }

  static UaTestClient connect(String endpointUrl) throws UaException {
    OpcUaClient client = OpcUaClient.create(endpointUrl);
    client.connect();
    return new UaTestClient(client);
  }

  /** Forward hierarchical references of a node (objects, variables and methods). */
  List<ReferenceDescription> children(NodeId node) throws UaException {
    return references(node, BrowseDirection.Forward, NodeIds.HierarchicalReferences);
  }

  List<ReferenceDescription> references(NodeId node, BrowseDirection direction, NodeId type)
      throws UaException {
    BrowseResult result =
        client.browse(
            new BrowseDescription(
                node,
                direction,
                type,
                true,
                uint(0), // every node class: type definitions and modelling rules too
                uint(BrowseResultMask.All.getValue())));
    ReferenceDescription[] refs = result.getReferences();
    return refs == null ? List.of() : List.of(refs);
  }

  Optional<NodeId> child(NodeId node, String browseName) throws UaException {
    for (ReferenceDescription rd : children(node)) {
      if (rd.getBrowseName().name().equals(browseName)) {
        return rd.getNodeId().toNodeId(client.getNamespaceTable());
      }
    }
    return Optional.empty();
  }

  /** Follows a path of browse names from a node; fails naming the first missing step. */
  NodeId path(NodeId start, String... names) throws UaException {
    NodeId at = start;
    List<String> walked = new ArrayList<>();
    for (String name : names) {
      walked.add(name);
      at =
          child(at, name)
              .orElseThrow(() -> new AssertionError("no node at " + String.join("/", walked)));
    }
    return at;
  }

  NodeId toNodeId(ReferenceDescription rd) {
    return rd.getNodeId().toNodeId(client.getNamespaceTable()).orElseThrow();
  }

  DataValue read(NodeId node) throws UaException {
    return client.readValue(0.0, TimestampsToReturn.Both, node);
  }

  CallMethodResult call(NodeId object, NodeId method, Variant... args) throws UaException {
    return client.call(List.of(new CallMethodRequest(object, method, args))).getResults()[0];
  }

  /** One node's HistoryRead (both timestamps, continuation point {@code cp} or null). */
  HistoryReadResult historyRead(HistoryReadDetails details, NodeId node, ByteString cp)
      throws UaException {
    return client.historyRead(
            details,
            TimestampsToReturn.Both,
            false,
            List.of(new HistoryReadValueId(node, null, QualifiedName.NULL_VALUE, cp)))
        .getResults()[0];
  }

  /** A HistoryRead result's HistoryData or HistoryEvent body; null when it has none. */
  <T> T historyBody(HistoryReadResult r, Class<T> type) {
    if (r.getHistoryData() == null || r.getHistoryData().getBody() == null) {
      return null;
    }
    return type.cast(r.getHistoryData().decode(client.getStaticEncodingContext()));
  }

  OpcUaClient milo() {
    return client;
  }

  @Override
  public void close() throws UaException {
    client.disconnect();
  }
}
