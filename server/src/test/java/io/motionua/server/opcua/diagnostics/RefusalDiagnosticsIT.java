package io.motionua.server.opcua.diagnostics;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motionua.server.MotionUa;
import io.motionua.server.Waits;
import io.motionua.server.axis.AxisState;
import io.motionua.server.config.ConfigLoader;
import io.motionua.server.config.MachineConfig;
import io.motionua.server.opcua.ListenPorts;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DiagnosticInfo;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseDirection;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseResultMask;
import org.eclipse.milo.opcua.stack.core.types.enumerated.NodeClass;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.CallRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.CallResponse;
import org.eclipse.milo.opcua.stack.core.types.structured.ReferenceDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.RequestHeader;
import org.eclipse.milo.opcua.stack.core.types.structured.ResponseHeader;
import org.eclipse.milo.opcua.stack.core.types.structured.WriteRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.WriteResponse;
import org.eclipse.milo.opcua.stack.core.types.structured.WriteValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A Milo client asks, through RequestHeader.returnDiagnostics, why its writes and calls were
 * refused, on a one-axis simulated machine: the StatusCode stays the specific one, and the
 * operation's DiagnosticInfo points into the response's stringTable at the StatusCode's name and at
 * the reason our code gave (the axis in ErrorStop with its fault, the value's range).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefusalDiagnosticsIT {

  private static final int ALL_OPERATION_DIAGNOSTICS = 0x20 | 0x40 | 0x80;

  private static final String YAML =
      """
      server:
        applicationName: MotionUA diagnostics test
        port: 0
        bindAddress: 127.0.0.1
        hostnames: [127.0.0.1]
        anonymous: operator
        securityNone: true
      machine:
        name: Cell
        motionDevice: Arm
        manufacturer: MotionUA
        model: Diagnostics test
        serialNumber: DG-0001
      links:
        - { name: bus, type: tcp, host: 127.0.0.1, port: 0, simulated: true,
            timeoutMs: 500, retries: 2, pollMs: 20, staleAfterMs: 2000 }
      drives:
        - { name: J1-drive, link: bus, unitId: 1, profile: motionua-sim }
      motors:
        - { name: J1-motor, drive: J1-drive }
      reducers:
        - { name: gear, ratio: 100 }
      axes:
        - { name: J1, motor: J1-motor, reducer: gear, motionProfile: rotary, enableOnStart: true,
            limits: { min: -170, max: 170, velocity: 180, acceleration: 360, deceleration: 360 } }
      """;

  private MotionUa motionUa;
  private OpcUaClient client;
  private NodeId axis;

  @BeforeAll
  void start() throws Exception {
    MachineConfig config =
        ConfigLoader.parse("cell.yaml", YAML, null).withPort(ListenPorts.choose());
    motionUa = new MotionUa(config, Files.createTempDirectory("motionua-diagnostics-it"));
    motionUa.start();
    client = OpcUaClient.create("opc.tcp://127.0.0.1:" + config.server().port());
    client.connect();
    axis = path(NodeIds.ObjectsFolder, "Cell", "MotionDevices", "Arm", "Axes", "J1");
  }

  @AfterAll
  void stop() throws Exception {
    if (client != null) {
      client.disconnect();
    }
    if (motionUa != null) {
      motionUa.close();
    }
  }

  @Test
  void aMoveRefusedInErrorStopSaysWhyWhenAsked() throws Exception {
    awaitState(AxisState.Standstill);
    motionUa.simulator("bus").drive(1).injectFault(0x7500);
    awaitState(AxisState.ErrorStop);

    CallResponse refused = call(moveAbsolute(10.0), ALL_OPERATION_DIAGNOSTICS);
    assertEquals(StatusCodes.Bad_InvalidState, refused.getResults()[0].getStatusCode().getValue());
    Explained why = explain(refused.getResponseHeader(), refused.getDiagnosticInfos(), 0);
    assertEquals("Bad_InvalidState", why.symbolicId());
    assertEquals(OperationDiagnostics.UA_NAMESPACE, why.namespaceUri());
    assertTrue(why.text().contains("axis J1 is ErrorStop"), why.text());
    assertTrue(why.text().contains("0x7500"), why.text());
    assertTrue(why.text().contains("Reset first"), why.text());
    assertTrue(why.additionalInfo().contains("J1/MoveAbsolute"), why.additionalInfo());

    // Not asked: Milo's plain response, no DiagnosticInfos, no string table.
    CallResponse plain = call(moveAbsolute(10.0), 0);
    assertEquals(StatusCodes.Bad_InvalidState, plain.getResults()[0].getStatusCode().getValue());
    assertEquals(0, length(plain.getDiagnosticInfos()));
    assertEquals(0, length(plain.getResponseHeader().getStringTable()));

    CallResponse reset = call(new CallMethodRequest(axis, path(axis, "Reset"), new Variant[0]), 0);
    assertEquals(StatusCodes.Good, reset.getResults()[0].getStatusCode().getValue());
  }

  @Test
  void aMoveOutsideTheSoftwareLimitsNamesTheArgumentAndItsRange() throws Exception {
    CallResponse refused = call(moveAbsolute(500.0), ALL_OPERATION_DIAGNOSTICS);
    assertEquals(
        StatusCodes.Bad_InvalidArgument, refused.getResults()[0].getStatusCode().getValue());
    assertEquals(
        StatusCodes.Bad_OutOfRange,
        refused.getResults()[0].getInputArgumentResults()[0].getValue());
    Explained why = explain(refused.getResponseHeader(), refused.getDiagnosticInfos(), 0);
    assertEquals("Bad_InvalidArgument", why.symbolicId());
    assertEquals("MoveAbsolute: Position 500.0 is outside [-170.0, 170.0]", why.text());
  }

  @Test
  void aWriteOutOfRangeSaysWhyOnlyForTheRefusedOperation() throws Exception {
    NodeId override = path(NodeIds.ObjectsFolder, "Cell", "MotionDevices", "Arm");
    override = path(override, "ParameterSet", "SpeedOverride");
    WriteResponse response = write(List.of(override, override), List.of(150.0, 50.0));
    assertEquals(StatusCodes.Bad_OutOfRange, response.getResults()[0].getValue());
    assertEquals(StatusCodes.Good, response.getResults()[1].getValue());
    assertEquals(2, response.getDiagnosticInfos().length);
    Explained why = explain(response.getResponseHeader(), response.getDiagnosticInfos(), 0);
    assertEquals("Bad_OutOfRange", why.symbolicId());
    assertEquals("SpeedOverride 150.0 is out of range [0, 100] %", why.text());
    // A Good operation's DiagnosticInfo is empty (Milo decodes an empty one as null).
    DiagnosticInfo good = response.getDiagnosticInfos()[1];
    assertTrue(good == null || good.equals(DiagnosticInfo.NULL_VALUE), String.valueOf(good));
    write(List.of(override), List.of(100.0));
  }

  /** A DiagnosticInfo with its string-table indexes resolved. */
  private record Explained(
      String symbolicId, String namespaceUri, String text, String additionalInfo) {}

  private static Explained explain(ResponseHeader header, DiagnosticInfo[] infos, int i) {
    assertNotNull(infos, "DiagnosticInfos");
    assertTrue(infos.length > i, "DiagnosticInfo " + i + " of " + infos.length);
    String[] table = header.getStringTable();
    assertNotNull(table, "stringTable");
    DiagnosticInfo d = infos[i];
    return new Explained(
        at(table, d.symbolicId()),
        at(table, d.namespaceUri()),
        at(table, d.localizedText()),
        d.additionalInfo());
  }

  private static String at(String[] table, int index) {
    assertTrue(index >= 0 && index < table.length, "index " + index + " in " + List.of(table));
    return table[index];
  }

  private static int length(Object[] array) {
    return array == null ? 0 : array.length;
  }

  private CallMethodRequest moveAbsolute(double position) throws Exception {
    return new CallMethodRequest(
        axis,
        path(axis, "MoveAbsolute"),
        new Variant[] {
          new Variant(position), new Variant(10.0), new Variant(0.0), new Variant(0.0)
        });
  }

  private CallResponse call(CallMethodRequest method, int returnDiagnostics) throws Exception {
    return (CallResponse)
        client.sendRequest(
            new CallRequest(header(returnDiagnostics), new CallMethodRequest[] {method}));
  }

  private WriteResponse write(List<NodeId> nodes, List<Double> values) throws Exception {
    WriteValue[] writes = new WriteValue[nodes.size()];
    for (int i = 0; i < writes.length; i++) {
      writes[i] =
          new WriteValue(
              nodes.get(i),
              AttributeId.Value.uid(),
              null,
              DataValue.valueOnly(new Variant(values.get(i))));
    }
    return (WriteResponse)
        client.sendRequest(new WriteRequest(header(ALL_OPERATION_DIAGNOSTICS), writes));
  }

  private RequestHeader header(int returnDiagnostics) throws Exception {
    RequestHeader h = client.newRequestHeader(client.getSession().getAuthenticationToken());
    return new RequestHeader(
        h.getAuthenticationToken(),
        h.getTimestamp(),
        h.getRequestHandle(),
        uint(returnDiagnostics),
        h.getAuditEntryId(),
        h.getTimeoutHint(),
        h.getAdditionalHeader());
  }

  /** Waits, at most 10 s, for J1 to reach a state. */
  private void awaitState(AxisState expected) throws Exception {
    Waits.axisState(motionUa, "J1", expected, Duration.ofSeconds(10));
  }

  private NodeId path(NodeId start, String... names) throws Exception {
    NodeId at = start;
    for (String name : names) {
      NodeId next = null;
      var result =
          client.browse(
              new BrowseDescription(
                  at,
                  BrowseDirection.Forward,
                  NodeIds.HierarchicalReferences,
                  true,
                  uint(
                      NodeClass.Object.getValue()
                          | NodeClass.Variable.getValue()
                          | NodeClass.Method.getValue()),
                  uint(BrowseResultMask.All.getValue())));
      for (ReferenceDescription rd : result.getReferences()) {
        if (rd.getBrowseName().name().equals(name)) {
          next = rd.getNodeId().toNodeId(client.getNamespaceTable()).orElseThrow();
        }
      }
      assertNotNull(next, "no " + name + " below " + at);
      at = next;
    }
    return at;
  }
}
