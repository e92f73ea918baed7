package io.motionua.tools.client;

import java.util.List;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "write",
    header = "Write the value of a variable, converted to its data type.",
    mixinStandardHelpOptions = true,
    description = {
      "Write the value of a variable. The text is converted to the variable's data type (read",
      "from the server first); arrays as [1, 2, 3]. Prints the StatusCode; exit 1 when Bad."
    },
    footer = {
      "",
      "Examples:",
      "  motionua client write DemoArm/MotionDevices/Arm/ParameterSet/SpeedOverride 50",
      "  motionua client write --user erin --security sign-encrypt \\",
      "      DemoArm/MotionDevices/Arm/Axes/J1/ParameterSet/SoftwareLimitPositive 90"
    })
final class WriteCommand extends ClientSubcommand {

  @Parameters(index = "0", paramLabel = "NODE", description = "Path below Objects or NodeId.")
  String node;

  @Parameters(index = "1", paramLabel = "VALUE", description = "The value, as text.")
  String value;

  @Override
  int run(OpcUaClient client, Output out) throws ClientFailure, UaException {
    NodeId id = NodeAddress.resolve(client, node);
    DataValue[] attributes =
        client
            .read(
                0.0,
                TimestampsToReturn.Neither,
                List.of(
                    new ReadValueId(id, AttributeId.DataType.uid(), null, null),
                    new ReadValueId(id, AttributeId.ValueRank.uid(), null, null)))
            .getResults();
    DataValue dataType = attributes[0];
    if (dataType.statusCode().isBad()) {
      throw new ClientFailure(dataType.statusCode(), node + " is not a variable");
    }
    Object rank = attributes[1].value().value();
    boolean array = rank instanceof Integer r && r >= 1;
    Variant typed = ValueText.parse(value, (NodeId) dataType.value().value(), array, node);
    StatusCode result = client.writeValues(List.of(id), List.of(DataValue.valueOnly(typed))).get(0);
    String name = ClientFailure.name(result);
    out.print(node + ": " + name, "node", node, "status", name);
    return result.isBad() ? EXIT_BAD_RESULT : 0;
  }
}
