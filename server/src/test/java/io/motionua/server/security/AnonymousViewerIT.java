package io.motionua.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motionua.server.MotionUa;
import io.motionua.server.config.ConfigLoader;
import io.motionua.server.config.MachineConfig;
import io.motionua.server.opcua.ListenPorts;
import java.nio.file.Files;
import java.util.List;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;
import org.junit.jupiter.api.Test;

/** {@code anonymous: viewer} over the None endpoint: anonymous clients look, but do not move. */
class AnonymousViewerIT {

  @Test
  void anAnonymousViewerReadsButMayNotMoveAnAxis() throws Exception {
    MachineConfig demo = ConfigLoader.demo().withPort(ListenPorts.choose());
    MachineConfig config = demo.withServer(demo.server().withAccess(List.of(), "viewer", true));
    try (MotionUa motionUa = new MotionUa(config, Files.createTempDirectory("motionua-anon-it"))) {
      motionUa.start();
      // Milo's default client: security None, anonymous
      OpcUaClient client = OpcUaClient.create("opc.tcp://127.0.0.1:" + config.server().port());
      client.connect();
      try {
        NodeId j3 =
            Browse.path(
                client, NodeIds.ObjectsFolder, "DemoArm", "MotionDevices", "Arm", "Axes", "J3");
        NodeId position = Browse.path(client, j3, "ParameterSet", "ActualPosition");
        DataValue read = client.readValue(0.0, TimestampsToReturn.Both, position);
        assertTrue(read.statusCode().isGood() || read.statusCode().isUncertain(), read.toString());

        NodeId method = Browse.path(client, j3, "MoveAbsolute");
        DataValue userExecutable =
            client.read(
                    0.0,
                    TimestampsToReturn.Neither,
                    List.of(new ReadValueId(method, AttributeId.UserExecutable.uid(), null, null)))
                .getResults()[0];
        assertEquals(Boolean.FALSE, userExecutable.value().value());
        Variant[] args = {new Variant(10.0), new Variant(0.0), new Variant(0.0), new Variant(0.0)};
        assertEquals(
            new StatusCode(StatusCodes.Bad_UserAccessDenied),
            client
                .call(List.of(new CallMethodRequest(j3, method, args)))
                .getResults()[0]
                .getStatusCode());
      } finally {
        client.disconnect();
      }
    }
  }
}
