package io.motionua.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motionua.server.axis.AxisState;
import java.nio.file.Files;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PLCopen commands through OPC UA on the simulated demo arm: each command where the state allows
 * it, and refused with Bad_InvalidState where it does not. Each test uses its own axis.
 */
class AxisCommandsIT extends DemoServerTestBase {

  private NodeId axes;

  @BeforeAll
  void findAxes() throws Exception {
    axes = client.path(arm, "Axes");
  }

  private long call(String axis, String method, Object... args) throws Exception {
    NodeId axisId = client.path(axes, axis);
    Variant[] variants = new Variant[args.length];
    for (int i = 0; i < args.length; i++) {
      variants[i] = new Variant(args[i]);
    }
    CallMethodResult r = client.call(axisId, client.path(axisId, method), variants);
    return r.getStatusCode().getValue();
  }

  private AxisState awaitState(String axis, AxisState expected) throws Exception {
    NodeId node = client.path(axes, axis, "ParameterSet", "AxisState");
    long deadline = System.nanoTime() + 5_000_000_000L;
    AxisState state = null;
    while (System.nanoTime() < deadline) {
      state = AxisState.values()[(Integer) client.read(node).value().value()];
      if (state == expected) {
        break;
      }
      Thread.sleep(10);
    }
    assertEquals(expected, state, "AxisState of " + axis);
    return state;
  }

  private double position(String axis) throws Exception {
    return (Double)
        client.read(client.path(axes, axis, "ParameterSet", "ActualPosition")).value().value();
  }

  @Test
  void everyCallIsRecordedInTheAuditLogWithWhoWhatAndResult() throws Exception {
    awaitState("J1", AxisState.Standstill);
    assertEquals(StatusCodes.Good, call("J1", "MoveRelative", 1.5, 0.0, 0.0, 0.0));
    assertEquals(StatusCodes.Bad_InvalidArgument, call("J1", "MoveAbsolute", 999.0, 0.0, 0.0, 0.0));
    java.nio.file.Path log = dataDir.resolve("audit.log");
    long deadline = System.nanoTime() + 3_000_000_000L;
    java.util.List<String> lines = java.util.List.of();
    while (System.nanoTime() < deadline) {
      lines =
          Files.exists(log)
              ? Files.readAllLines(log).stream().filter(l -> l.contains("Axes/J1\"")).toList()
              : java.util.List.of();
      if (lines.size() >= 2) {
        break;
      }
      Thread.sleep(20);
    }
    assertEquals(2, lines.size(), "audit lines for J1: " + lines);
    assertTrue(
        lines.get(0).contains("\"user\":\"anonymous\"")
            && lines.get(0).contains("\"method\":\"MoveRelative\"")
            && lines.get(0).contains("\"arguments\":[1.5,0.0,0.0,0.0]")
            && lines.get(0).contains("\"result\":\"Good\""),
        lines.get(0));
    assertTrue(
        lines.get(1).contains("\"method\":\"MoveAbsolute\"")
            && lines.get(1).contains("\"result\":\"Bad_InvalidArgument\""),
        lines.get(1));
  }

  @Test
  void powerOffDisablesAndRefusesMotionUntilPoweredAgain() throws Exception {
    awaitState("J2", AxisState.Standstill);
    assertEquals(StatusCodes.Good, call("J2", "Power", false));
    awaitState("J2", AxisState.Disabled);
    assertEquals(StatusCodes.Bad_InvalidState, call("J2", "MoveAbsolute", 10.0, 0.0, 0.0, 0.0));
    assertEquals(StatusCodes.Bad_InvalidState, call("J2", "Home"));
    assertEquals(StatusCodes.Good, call("J2", "Power", true));
    awaitState("J2", AxisState.Standstill);
    assertEquals(StatusCodes.Good, call("J2", "MoveAbsolute", 10.0, 0.0, 0.0, 0.0));
    awaitState("J2", AxisState.DiscreteMotion);
    awaitState("J2", AxisState.Standstill);
    assertEquals(10.0, position("J2"), 0.01);
  }

  @Test
  void moveVelocityRunsUntilStopAndStoppingRefusesMotion() throws Exception {
    awaitState("J3", AxisState.Standstill);
    assertEquals(StatusCodes.Good, call("J3", "MoveVelocity", 20.0, 0.0, 0.0));
    awaitState("J3", AxisState.ContinuousMotion);
    assertEquals(StatusCodes.Bad_InvalidState, call("J3", "Home"));
    assertEquals(StatusCodes.Good, call("J3", "Stop", 20.0)); // 1 s to stand still
    assertEquals(AxisState.Stopping, awaitState("J3", AxisState.Stopping));
    assertEquals(StatusCodes.Bad_InvalidState, call("J3", "MoveAbsolute", 0.0, 0.0, 0.0, 0.0));
    awaitState("J3", AxisState.Standstill);
    double stoppedAt = position("J3");
    Thread.sleep(200);
    assertEquals(stoppedAt, position("J3"), 1e-6, "stands still after Stop");
  }

  @Test
  void moveRelativeMovesByTheDistanceAndHaltEndsAMove() throws Exception {
    awaitState("J4", AxisState.Standstill);
    double start = position("J4");
    assertEquals(StatusCodes.Good, call("J4", "MoveRelative", 30.0, 0.0, 0.0, 0.0));
    awaitState("J4", AxisState.Standstill);
    assertEquals(start + 30.0, position("J4"), 0.01);
    assertEquals(StatusCodes.Good, call("J4", "MoveAbsolute", 150.0, 60.0, 0.0, 0.0));
    awaitState("J4", AxisState.DiscreteMotion);
    assertEquals(StatusCodes.Good, call("J4", "Halt", 0.0));
    awaitState("J4", AxisState.Standstill);
    assertTrue(position("J4") < 149.0, "halted before the target: " + position("J4"));
    assertEquals(
        StatusCodes.Bad_InvalidArgument, call("J4", "MoveRelative", 1000.0, 0.0, 0.0, 0.0));
  }

  @Test
  void homeMakesTheCurrentPositionZero() throws Exception {
    awaitState("J5", AxisState.Standstill);
    assertEquals(StatusCodes.Good, call("J5", "MoveAbsolute", 20.0, 0.0, 0.0, 0.0));
    awaitState("J5", AxisState.DiscreteMotion);
    awaitState("J5", AxisState.Standstill);
    assertEquals(StatusCodes.Good, call("J5", "Home"));
    awaitState("J5", AxisState.Standstill);
    assertEquals(
        Boolean.TRUE,
        client.read(client.path(axes, "J5", "ParameterSet", "Homed")).value().value());
    assertEquals(0.0, position("J5"), 0.01);
  }

  @Test
  void driveFaultPutsTheAxisInErrorStopUntilReset() throws Exception {
    awaitState("J6", AxisState.Standstill);
    motionUa.simulator("arm-bus").drive(6).injectFault(0x7500);
    awaitState("J6", AxisState.ErrorStop);
    assertEquals(StatusCodes.Bad_InvalidState, call("J6", "MoveAbsolute", 5.0, 0.0, 0.0, 0.0));
    assertEquals(StatusCodes.Bad_InvalidState, call("J6", "Power", true));
    assertEquals(
        0x7500,
        ((Number)
                client
                    .read(
                        client.path(
                            client.path(NodeIds.ObjectsFolder, "DemoArm", "MotionDevices", "Arm"),
                            "PowerTrains",
                            "J6-PowerTrain",
                            "Drive",
                            "ErrorCode"))
                    .value()
                    .value())
            .intValue());
    assertEquals(StatusCodes.Good, call("J6", "Reset"));
    awaitState("J6", AxisState.Disabled);
    assertEquals(StatusCodes.Good, call("J6", "Power", true));
    awaitState("J6", AxisState.Standstill);
  }
}
