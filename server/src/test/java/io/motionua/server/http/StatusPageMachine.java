package io.motionua.server.http;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import io.motionua.server.MotionUa;
import io.motionua.server.config.ConfigLoader;
import io.motionua.server.config.HttpSpec;
import io.motionua.server.config.MachineConfig;
import io.motionua.server.config.UserSpec;
import io.motionua.server.opcua.ListenPorts;
import io.motionua.server.security.PasswordHash;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseDirection;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseResultMask;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.ReferenceDescription;

/**
 * The demo machine with the HTTP server on a free port and two users in its file: {@code vic}
 * (viewer, password {@code view pass}) and {@code olga} (operator, {@code op pass}). Anonymous OPC
 * UA sessions stay operators, as in the demo, so a test client can move an axis.
 */
record StatusPageMachine(MotionUa motionUa, Path dataDir, int httpPort, int opcUaPort)
    implements AutoCloseable {

  static final String VIEWER = "vic";
  static final String VIEWER_PASSWORD = "view pass";
  static final String OPERATOR = "olga";
  static final String OPERATOR_PASSWORD = "op pass";

  static StatusPageMachine start() throws Exception {
    MachineConfig demo = ConfigLoader.demo().withPort(ListenPorts.choose());
    List<UserSpec> users =
        List.of(
            new UserSpec(VIEWER, PasswordHash.hash(VIEWER_PASSWORD.toCharArray()), "viewer"),
            new UserSpec(OPERATOR, PasswordHash.hash(OPERATOR_PASSWORD.toCharArray()), "operator"));
    MachineConfig config =
        demo.withServer(
            demo.server()
                .withAccess(users, demo.server().anonymous(), demo.server().securityNone())
                .withHttp(HttpSpec.onPort(0)));
    Path dataDir = Files.createTempDirectory("motionua-status-page");
    MotionUa motionUa = new MotionUa(config, dataDir);
    motionUa.start();
    return new StatusPageMachine(
        motionUa, dataDir, motionUa.httpPort().orElseThrow(), config.server().port());
  }

  /** Calls MoveAbsolute on an axis of the demo arm through an anonymous OPC UA session. */
  StatusCode moveAbsolute(String axis, double position, double velocity) throws Exception {
    OpcUaClient client = OpcUaClient.create("opc.tcp://127.0.0.1:" + opcUaPort);
    client.connect();
    try {
      NodeId node =
          path(client, NodeIds.ObjectsFolder, "DemoArm", "MotionDevices", "Arm", "Axes", axis);
      NodeId method = path(client, node, "MoveAbsolute");
      Variant[] args = {
        new Variant(position), new Variant(velocity), new Variant(0.0), new Variant(0.0)
      };
      return client
          .call(List.of(new CallMethodRequest(node, method, args)))
          .getResults()[0]
          .getStatusCode();
    } finally {
      client.disconnect();
    }
  }

  private static NodeId path(OpcUaClient client, NodeId start, String... names) throws Exception {
    NodeId at = start;
    for (String name : names) {
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
      NodeId next = null;
      for (ReferenceDescription rd : refs == null ? new ReferenceDescription[0] : refs) {
        if (rd.getBrowseName().name().equals(name)) {
          next = rd.getNodeId().toNodeId(client.getNamespaceTable()).orElseThrow();
        }
      }
      if (next == null) {
        throw new AssertionError("no node " + name + " under " + at);
      }
      at = next;
    }
    return at;
  }

  @Override
  public void close() {
    motionUa.close();
  }
}
