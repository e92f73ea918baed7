package io.motionua.tools.client;

import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.structured.ReferenceDescription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "browse",
    header = "List the children of a node: name, class, NodeId.",
    mixinStandardHelpOptions = true,
    description = "List the children of a node (objects, variables, methods): name, class, NodeId.",
    footer = {
      "",
      "Examples:",
      "  motionua client browse                                   (the Objects folder)",
      "  motionua client browse DemoArm/MotionDevices/Arm/Axes",
      "  motionua client browse i=2253 --json"
    })
final class BrowseCommand extends ClientSubcommand {

  @Parameters(
      arity = "0..1",
      paramLabel = "NODE",
      description = "A path of browse names below Objects, or a NodeId (default: Objects).")
  String node;

  @Override
  int run(OpcUaClient client, Output out) throws ClientFailure {
    NodeId start = NodeAddress.resolve(client, node);
    for (ReferenceDescription rd : NodeAddress.children(client, start)) {
      String name = rd.getBrowseName().name();
      String nodeClass = rd.getNodeClass().name();
      String id =
          rd.getNodeId()
              .toNodeId(client.getNamespaceTable())
              .map(NodeId::toParseableString)
              .orElse(rd.getNodeId().toParseableString());
      out.print(
          "%-28s %-8s %s".formatted(name, nodeClass, id),
          "browseName",
          name,
          "nodeClass",
          nodeClass,
          "nodeId",
          id);
    }
    return 0;
  }
}
