package io.motionua.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motionua.server.MotionUa;
import io.motionua.server.Waits;
import io.motionua.server.axis.AxisState;
import io.motionua.server.config.ConfigLoader;
import io.motionua.server.config.MachineConfig;
import io.motionua.server.config.UserSpec;
import io.motionua.server.opcua.ListenPorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.eclipse.milo.opcua.sdk.client.DiscoveryClient;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.identity.AnonymousProvider;
import org.eclipse.milo.opcua.sdk.client.identity.UsernameProvider;
import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.server.nodes.UaMethodNode;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UByte;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.enumerated.UserTokenType;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;
import org.eclipse.milo.opcua.stack.core.types.structured.UserTokenPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The demo arm with users and without anonymous access or the None endpoint, reached by Milo's
 * client over Basic256Sha256 SignAndEncrypt: who may call, read and write what.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecureSessionIT {

  private static final String OPERATOR_PASSWORD = "turn the crank";
  private static final String VIEWER_PASSWORD = "look, do not touch";
  private static final String ENGINEER_PASSWORD = "tune it";

  private MotionUa motionUa;
  private int port;
  private SecureTestClient app;
  private SetpointTestNamespace setpoints;

  private Path data;

  @BeforeAll
  void start() throws Exception {
    data = Files.createTempDirectory("motionua-secure-it");
    app = SecureTestClient.create("session");
    app.trustIn(data);
    port = ListenPorts.choose();
    MachineConfig demo = ConfigLoader.demo().withPort(port);
    List<UserSpec> users =
        List.of(
            new UserSpec("olga", PasswordHash.hash(OPERATOR_PASSWORD.toCharArray()), "operator"),
            new UserSpec("victor", PasswordHash.hash(VIEWER_PASSWORD.toCharArray()), "viewer"),
            new UserSpec("erin", PasswordHash.hash(ENGINEER_PASSWORD.toCharArray()), "engineer"));
    motionUa = new MotionUa(demo.withServer(demo.server().withAccess(users, "off", false)), data);
    motionUa.start();
    setpoints = new SetpointTestNamespace(motionUa.server());
    setpoints.startup();
    AccessFilters.install(setpoints.getNodeManager());
    setpoints.hideRoleChecksFromMilo();
  }

  @AfterAll
  void stop() {
    if (setpoints != null) {
      setpoints.shutdown();
    }
    if (motionUa != null) {
      motionUa.close();
    }
  }

  private OpcUaClient login(String user, String password) throws UaException {
    return app.connect(port, new UsernameProvider(user, password));
  }

  private static NodeId axis(OpcUaClient client, String name) throws UaException {
    return Browse.path(
        client, NodeIds.ObjectsFolder, "DemoArm", "MotionDevices", "Arm", "Axes", name);
  }

  private static Object attribute(OpcUaClient client, NodeId node, AttributeId attribute)
      throws UaException {
    DataValue dv =
        client.read(
                0.0,
                TimestampsToReturn.Neither,
                List.of(new ReadValueId(node, attribute.uid(), null, null)))
            .getResults()[0];
    assertTrue(dv.statusCode().isGood(), "read " + attribute + ": " + dv.statusCode());
    return dv.value().value();
  }

  private static void awaitStandstill(OpcUaClient client, NodeId axis) throws Exception {
    NodeId state = Browse.path(client, axis, "ParameterSet", "AxisState");
    Callable<Object> read =
        () -> client.readValue(0.0, TimestampsToReturn.Neither, state).value().value();
    Waits.until(
        () -> Integer.valueOf(AxisState.Standstill.ordinal()).equals(read.call()),
        Duration.ofSeconds(10),
        () -> "axis in Standstill: AxisState " + read.call());
  }

  private static StatusCode moveAbsolute(OpcUaClient client, NodeId axis, double position)
      throws UaException {
    NodeId method = Browse.path(client, axis, "MoveAbsolute");
    Variant[] args = {new Variant(position), new Variant(0.0), new Variant(0.0), new Variant(0.0)};
    return client
        .call(List.of(new CallMethodRequest(axis, method, args)))
        .getResults()[0]
        .getStatusCode();
  }

  @Test
  void anOperatorMovesAnAxisOverSignAndEncrypt() throws Exception {
    OpcUaClient client = login("olga", OPERATOR_PASSWORD);
    try {
      assertEquals(
          SecurityPolicy.Basic256Sha256.getUri(),
          client.getConfig().getEndpoint().getSecurityPolicyUri());
      NodeId j1 = axis(client, "J1");
      awaitStandstill(client, j1);
      assertEquals(StatusCode.GOOD, moveAbsolute(client, j1, 5.0));
      assertEquals(
          Boolean.TRUE,
          attribute(client, Browse.path(client, j1, "MoveAbsolute"), AttributeId.UserExecutable));
    } finally {
      client.disconnect();
    }
  }

  @Test
  void aViewerReadsButIsRefusedMotionAndSeesTheMethodNotExecutable() throws Exception {
    OpcUaClient client = login("victor", VIEWER_PASSWORD);
    try {
      NodeId j6 = axis(client, "J6");
      NodeId position = Browse.path(client, j6, "ParameterSet", "ActualPosition");
      DataValue before = client.readValue(0.0, TimestampsToReturn.Both, position);
      assertTrue(before.statusCode().isGood(), "viewer reads ActualPosition: " + before);

      assertEquals(
          new StatusCode(StatusCodes.Bad_UserAccessDenied), moveAbsolute(client, j6, 40.0));
      // refused before the arguments are looked at
      NodeId method = Browse.path(client, j6, "MoveAbsolute");
      StatusCode noArgs =
          client
              .call(List.of(new CallMethodRequest(j6, method, new Variant[0])))
              .getResults()[0]
              .getStatusCode();
      assertEquals(new StatusCode(StatusCodes.Bad_UserAccessDenied), noArgs);

      assertEquals(Boolean.TRUE, attribute(client, method, AttributeId.Executable));
      assertEquals(Boolean.FALSE, attribute(client, method, AttributeId.UserExecutable));
      Thread.sleep(300);
      assertEquals(
          (Double) before.value().value(),
          (Double) client.readValue(0.0, TimestampsToReturn.Both, position).value().value(),
          1e-6,
          "J6 did not move");
    } finally {
      client.disconnect();
    }
  }

  @Test
  void aWrongPasswordIsRefusedWithUserAccessDenied() {
    UaException e = assertThrows(UaException.class, () -> login("olga", "not the password"));
    assertEquals(StatusCodes.Bad_UserAccessDenied, e.getStatusCode().getValue(), e.toString());
  }

  @Test
  void anUnknownUserIsRefusedWithUserAccessDenied() {
    UaException e = assertThrows(UaException.class, () -> login("mallory", OPERATOR_PASSWORD));
    assertEquals(StatusCodes.Bad_UserAccessDenied, e.getStatusCode().getValue(), e.toString());
  }

  @Test
  void withAnonymousOffNoEndpointOffersItAndAnAnonymousTokenIsRefused() throws Exception {
    List<EndpointDescription> endpoints =
        DiscoveryClient.getEndpoints("opc.tcp://127.0.0.1:" + port).get();
    assertFalse(endpoints.isEmpty());
    for (EndpointDescription e : endpoints) {
      assertFalse(
          Stream.of(e.getUserIdentityTokens())
              .anyMatch(p -> p.getTokenType() == UserTokenType.Anonymous),
          "anonymous offered on " + e.getSecurityPolicyUri());
      assertFalse(
          SecurityPolicy.None.getUri().equals(e.getSecurityPolicyUri()),
          "security None offered although securityNone is false");
    }
    UaException e =
        assertThrows(
            UaException.class,
            () ->
                app.connect(
                    port,
                    new AnonymousProvider(),
                    endpoint ->
                        new EndpointDescription(
                            endpoint.getEndpointUrl(),
                            endpoint.getServer(),
                            endpoint.getServerCertificate(),
                            endpoint.getSecurityMode(),
                            endpoint.getSecurityPolicyUri(),
                            new UserTokenPolicy[] {
                              new UserTokenPolicy(
                                  "anonymous", UserTokenType.Anonymous, null, null, null)
                            },
                            endpoint.getTransportProfileUri(),
                            endpoint.getSecurityLevel())));
    assertEquals(StatusCodes.Bad_IdentityTokenInvalid, e.getStatusCode().getValue(), e.toString());
  }

  @Test
  void aViewerCannotWriteAndSeesNoCurrentWriteInUserAccessLevel() throws Exception {
    OpcUaClient client = login("victor", VIEWER_PASSWORD);
    try {
      NodeId speed = setpoints.nodeId("SpeedOverride");
      Object before = client.readValue(0.0, TimestampsToReturn.Neither, speed).value().value();
      assertEquals(
          List.of(new StatusCode(StatusCodes.Bad_UserAccessDenied)),
          client.writeValues(List.of(speed), List.of(new DataValue(new Variant(50.0)))));
      assertEquals(
          before, client.readValue(0.0, TimestampsToReturn.Neither, speed).value().value());
      UByte level = (UByte) attribute(client, speed, AttributeId.AccessLevel);
      UByte userLevel = (UByte) attribute(client, speed, AttributeId.UserAccessLevel);
      assertTrue(AccessLevel.fromValue(level).contains(AccessLevel.CurrentWrite));
      assertFalse(AccessLevel.fromValue(userLevel).contains(AccessLevel.CurrentWrite));
      assertTrue(AccessLevel.fromValue(userLevel).contains(AccessLevel.CurrentRead));
    } finally {
      client.disconnect();
    }
  }

  @Test
  void anOperatorWritesSetpointsButNotTuningValuesWhichNeedAnEngineer() throws Exception {
    NodeId speed = setpoints.nodeId("SpeedOverride");
    NodeId gain = setpoints.nodeId("TuningGain");
    OpcUaClient operator = login("olga", OPERATOR_PASSWORD);
    try {
      assertEquals(
          List.of(StatusCode.GOOD, new StatusCode(StatusCodes.Bad_UserAccessDenied)),
          operator.writeValues(
              List.of(speed, gain),
              List.of(new DataValue(new Variant(80.0)), new DataValue(new Variant(2.0)))));
      assertEquals(
          80.0, operator.readValue(0.0, TimestampsToReturn.Neither, speed).value().value());
      UByte userLevel = (UByte) attribute(operator, gain, AttributeId.UserAccessLevel);
      assertFalse(AccessLevel.fromValue(userLevel).contains(AccessLevel.CurrentWrite));
    } finally {
      operator.disconnect();
    }
    OpcUaClient engineer = login("erin", ENGINEER_PASSWORD);
    try {
      assertEquals(
          List.of(StatusCode.GOOD),
          engineer.writeValues(List.of(gain), List.of(new DataValue(new Variant(2.0)))));
      assertEquals(2.0, engineer.readValue(0.0, TimestampsToReturn.Neither, gain).value().value());
    } finally {
      engineer.disconnect();
    }
  }

  @Test
  void anEngineerCorrectsTheMachinesLocationAndTheAuditLogRecordsEveryWriteOnce() throws Exception {
    OpcUaClient operator = login("olga", OPERATOR_PASSWORD);
    NodeId location;
    NodeId manufacturer;
    try {
      location =
          Browse.path(operator, NodeIds.ObjectsFolder, "DemoArm", "Identification", "Location");
      manufacturer =
          Browse.path(operator, NodeIds.ObjectsFolder, "DemoArm", "Identification", "Manufacturer");
      assertEquals(
          List.of(new StatusCode(StatusCodes.Bad_UserAccessDenied)),
          operator.writeValues(List.of(location), List.of(new DataValue(new Variant("Hall 9")))));
    } finally {
      operator.disconnect();
    }
    OpcUaClient engineer = login("erin", ENGINEER_PASSWORD);
    List<StatusCode> readOnly;
    try {
      assertEquals(
          List.of(
              StatusCode.GOOD,
              new StatusCode(StatusCodes.Bad_OutOfRange),
              new StatusCode(StatusCodes.Bad_TypeMismatch)),
          engineer.writeValues(
              List.of(location, location, location),
              List.of(
                  new DataValue(new Variant("Hall 3, cell 2")),
                  new DataValue(new Variant("x".repeat(256))),
                  new DataValue(new Variant(42)))));
      assertEquals(
          "Hall 3, cell 2",
          engineer.readValue(0.0, TimestampsToReturn.Neither, location).value().value());
      readOnly =
          engineer.writeValues(
              List.of(manufacturer), List.of(new DataValue(new Variant("Someone else"))));
      assertTrue(readOnly.get(0).isBad(), "Manufacturer is read-only: " + readOnly);
    } finally {
      engineer.disconnect();
    }
    Path log = data.resolve("audit.log");
    // The audit log appends on its own thread: wait, bounded, for the five lines.
    List<String> lines = List.of();
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (lines.size() < 5 && System.nanoTime() < deadline) {
      Thread.sleep(20);
      lines =
          Files.readAllLines(log).stream()
              .filter(l -> l.contains("\"action\":\"write\""))
              .filter(l -> l.contains("DemoArm/Identification/"))
              .toList();
    }
    List<String> found = lines;
    java.util.function.BiFunction<String, String, Long> count =
        (user, result) ->
            found.stream()
                .filter(l -> l.contains("'" + user + "'"))
                .filter(l -> l.contains("\"result\":\"" + result + "\""))
                .count();
    // The operator's write is refused by Milo (UserAccessLevel without CurrentWrite) before any
    // filter of ours runs; StackWriteRefusals records it. Each write exactly once.
    assertEquals(1, count.apply("olga", "Bad_UserAccessDenied"), lines.toString());
    assertEquals(1, count.apply("erin", "Good"), lines.toString());
    assertEquals(1, count.apply("erin", "Bad_OutOfRange"), lines.toString());
    assertEquals(1, count.apply("erin", "Bad_TypeMismatch"), lines.toString());
    String readOnlyResult = StatusCodes.lookup(readOnly.get(0).getValue()).orElseThrow()[0];
    assertEquals(1, count.apply("erin", readOnlyResult), lines.toString());
    assertEquals(5, lines.size(), lines.toString());
  }

  @Test
  void ourWriteCheckRefusesAViewerEvenWhenMiloWouldLetTheWriteThrough() throws Exception {
    NodeId gain = setpoints.nodeId("ForcedGain");
    OpcUaClient viewer = login("victor", VIEWER_PASSWORD);
    try {
      UByte userLevel = (UByte) attribute(viewer, gain, AttributeId.UserAccessLevel);
      assertTrue(
          AccessLevel.fromValue(userLevel).contains(AccessLevel.CurrentWrite),
          "Milo is told the viewer may write");
      assertEquals(
          List.of(new StatusCode(StatusCodes.Bad_UserAccessDenied)),
          viewer.writeValues(List.of(gain), List.of(new DataValue(new Variant(9.0)))));
      assertEquals(1.0, viewer.readValue(0.0, TimestampsToReturn.Neither, gain).value().value());
    } finally {
      viewer.disconnect();
    }
  }

  @Test
  void ourCallCheckRefusesAViewerEvenWhenMiloWouldLetTheCallThrough() throws Exception {
    NodeId jog = setpoints.nodeId("ForcedJog");
    CallMethodRequest request = new CallMethodRequest(NodeIds.ObjectsFolder, jog, new Variant[0]);
    OpcUaClient viewer = login("victor", VIEWER_PASSWORD);
    try {
      assertEquals(Boolean.TRUE, attribute(viewer, jog, AttributeId.UserExecutable));
      assertEquals(
          new StatusCode(StatusCodes.Bad_UserAccessDenied),
          viewer.call(List.of(request)).getResults()[0].getStatusCode());
      assertEquals(0, setpoints.jogs.get(), "the handler did not run");
    } finally {
      viewer.disconnect();
    }
    OpcUaClient operator = login("olga", OPERATOR_PASSWORD);
    try {
      assertEquals(
          StatusCode.GOOD, operator.call(List.of(request)).getResults()[0].getStatusCode());
      assertEquals(1, setpoints.jogs.get());
    } finally {
      operator.disconnect();
    }
  }

  @Test
  void theAxisCommandItselfRefusesAViewerWhenTheNamespaceChecksAreTakenAway() throws Exception {
    OpcUaClient viewer = login("victor", VIEWER_PASSWORD);
    try {
      NodeId j5 = axis(viewer, "J5");
      NodeId methodId = Browse.path(viewer, j5, "MoveAbsolute");
      UaMethodNode method =
          (UaMethodNode)
              motionUa.server().getAddressSpaceManager().getManagedNode(methodId).orElseThrow();
      method.setInvocationHandler(((RoleCheckedMethod) method.getInvocationHandler()).handler());
      method.getFilterChain().addFirst(SetpointTestNamespace.claimsEveryoneAllowed());
      assertEquals(Boolean.TRUE, attribute(viewer, methodId, AttributeId.UserExecutable));

      NodeId position = Browse.path(viewer, j5, "ParameterSet", "ActualPosition");
      Object before = viewer.readValue(0.0, TimestampsToReturn.Neither, position).value().value();
      assertEquals(
          new StatusCode(StatusCodes.Bad_UserAccessDenied), moveAbsolute(viewer, j5, 30.0));
      Thread.sleep(300);
      assertEquals(
          before,
          viewer.readValue(0.0, TimestampsToReturn.Neither, position).value().value(),
          "J5 did not move");
    } finally {
      viewer.disconnect();
    }
  }
}
