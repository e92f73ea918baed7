package io.motionua.tools.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.nodes.UaMethodNode;
import org.eclipse.milo.opcua.sdk.client.nodes.UaNode;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.structured.Argument;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "call",
    header = "Call a method of an object with arguments converted to its declared types.",
    mixinStandardHelpOptions = true,
    description = {
      "Call a method of an object. Each argument is converted to the type the method declares",
      "(its InputArguments); arrays as [1, 2, 3]. Prints the StatusCode and the outputs; a",
      "refused call prints the StatusCode of each refused argument too, and exits 1."
    },
    footer = {
      "",
      "Examples:",
      "  motionua client call DemoArm/MotionDevices/Arm/Axes/J1 MoveAbsolute 45 90 360 360",
      "  motionua client call DemoArm/MotionDevices/Arm/Axes/J1 Power true",
      "  motionua client call DemoArm/Groups/arm MoveSynchronized '[10,20,30,0,0,0]' 1"
    })
final class CallCommand extends ClientSubcommand {

  @Parameters(index = "0", paramLabel = "OBJECT", description = "Path below Objects or NodeId.")
  String object;

  @Parameters(
      index = "1",
      paramLabel = "METHOD",
      description = "The method's browse name (a child of OBJECT) or NodeId.")
  String method;

  @Parameters(index = "2..*", paramLabel = "ARG", description = "The input arguments, as text.")
  List<String> args = new ArrayList<>();

  @Override
  int run(OpcUaClient client, Output out) throws ClientFailure, UaException {
    NodeId objectId = NodeAddress.resolve(client, object);
    String methodPath = method.contains("=") ? method : object + "/" + method;
    NodeId methodId = NodeAddress.resolve(client, methodPath);
    Argument[] declared = inputArguments(client, methodId);
    if (declared.length != args.size()) {
      throw new ClientFailure(
          new StatusCode(StatusCodes.Bad_ArgumentsMissing),
          "%s takes %d argument(s)%s, %d given"
              .formatted(method, declared.length, names(declared), args.size()));
    }
    Variant[] inputs = new Variant[declared.length];
    for (int i = 0; i < declared.length; i++) {
      Argument a = declared[i];
      inputs[i] = ValueText.parse(args.get(i), a.getDataType(), a.getValueRank() >= 1, a.getName());
    }
    CallMethodResult result =
        client.call(List.of(new CallMethodRequest(objectId, methodId, inputs))).getResults()[0];
    String status = ClientFailure.name(result.getStatusCode());
    List<Object> outputs = new ArrayList<>();
    if (result.getOutputArguments() != null) {
      for (Variant v : result.getOutputArguments()) {
        outputs.add(ValueText.plain(v.value()));
      }
    }
    List<String> refused = new ArrayList<>();
    StatusCode[] argumentResults = result.getInputArgumentResults();
    for (int i = 0; argumentResults != null && i < argumentResults.length; i++) {
      if (argumentResults[i].isBad()) {
        refused.add(declared[i].getName() + ": " + ClientFailure.name(argumentResults[i]));
      }
    }
    out.print(
        method
            + ": "
            + status
            + (refused.isEmpty() ? "" : " " + refused)
            + (outputs.isEmpty() ? "" : " -> " + outputs),
        "method",
        method,
        "status",
        status,
        "refusedArguments",
        refused,
        "outputs",
        outputs);
    return result.getStatusCode().isBad() ? EXIT_BAD_RESULT : 0;
  }

  private static Argument[] inputArguments(OpcUaClient client, NodeId methodId)
      throws ClientFailure, UaException {
    UaNode node = client.getAddressSpace().getNode(methodId);
    if (!(node instanceof UaMethodNode methodNode)) {
      throw new ClientFailure(
          new StatusCode(StatusCodes.Bad_MethodInvalid),
          methodId.toParseableString() + " is not a method");
    }
    try {
      Argument[] declared = methodNode.readInputArgumentsAsync().get(10, TimeUnit.SECONDS);
      return declared == null ? new Argument[0] : declared;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UaException ua
          && ua.getStatusCode().getValue() == StatusCodes.Bad_NoMatch) {
        return new Argument[0]; // a method without InputArguments takes none
      }
      throw e.getCause() instanceof UaException ua ? ua : new UaException(e.getCause());
    } catch (TimeoutException e) {
      throw new UaException(StatusCodes.Bad_Timeout, "reading the method's InputArguments");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UaException(StatusCodes.Bad_Shutdown, "interrupted");
    }
  }

  private static String names(Argument[] declared) {
    List<String> names = new ArrayList<>();
    for (Argument a : declared) {
      names.add(a.getName());
    }
    return names.isEmpty() ? "" : " " + names;
  }
}
