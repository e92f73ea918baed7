package io.motionua.tools.client;

import java.util.List;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "read",
    header = "Read the value of variables: value, StatusCode and source time.",
    mixinStandardHelpOptions = true,
    description = {
      "Read the value of variables: one line each with value, StatusCode and source time.",
      "Exit 1 when a value is Bad."
    },
    footer = {
      "",
      "Examples:",
      "  motionua client read DemoArm/MotionDevices/Arm/Axes/J1/ParameterSet/ActualPosition",
      "  motionua client read i=2258 --json",
      "  motionua client read --url opc.tcp://cell7:4840 --security sign-encrypt --user olga \\",
      "      DemoArm/MotionDevices/Arm/Axes/J2/ParameterSet/AxisState"
    })
final class ReadCommand extends ClientSubcommand {

  @Parameters(arity = "1..*", paramLabel = "NODE", description = "Paths below Objects or NodeIds.")
  List<String> nodes;

  @Override
  int run(OpcUaClient client, Output out) throws ClientFailure, UaException {
    int exit = 0;
    for (String name : nodes) {
      NodeId node = NodeAddress.resolve(client, name);
      DataValue value = client.readValue(0.0, TimestampsToReturn.Both, node);
      exit = Math.max(exit, print(out, name, value));
    }
    return exit;
  }

  /** One line for a value; 1 when it is Bad. */
  static int print(Output out, String name, DataValue value) {
    String status = ClientFailure.name(value.statusCode());
    Object v = value.value() == null ? null : value.value().value();
    String time =
        value.sourceTime() == null ? null : value.sourceTime().getJavaInstant().toString();
    out.print(
        "%s = %s (%s%s)"
            .formatted(name, ValueText.text(v), status, time == null ? "" : ", " + time),
        "node",
        name,
        "value",
        ValueText.plain(v),
        "status",
        status,
        "sourceTime",
        time);
    return value.statusCode().isBad() ? EXIT_BAD_RESULT : 0;
  }
}
