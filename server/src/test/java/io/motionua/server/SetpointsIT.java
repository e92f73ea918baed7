package io.motionua.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motionua.drivers.sim.SimulatedDrive;
import io.motionua.server.axis.AxisState;
import java.nio.file.Files;
import java.util.List;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.structured.WriteValue;
import org.junit.jupiter.api.Test;

/**
 * Setpoints as a client writes them on the demo arm (anonymous is operator in the demo): the drive
 * register changes before the write returns Good; bad values, types and roles are refused with
 * their own StatusCodes; a write to a dead drive fails and is not applied later.
 */
class SetpointsIT extends DemoServerTestBase {

  /** Simulator register of target velocity (int32, high word first), docs/drive-registers.md. */
  private static final int TARGET_VELOCITY_REGISTER = 12;

  private static final int PROFILE_VELOCITY_REGISTER = 6;

  private long write(NodeId node, Object value) throws Exception {
    return client
        .milo()
        .write(
            List.of(
                new WriteValue(
                    node, AttributeId.Value.uid(), null, DataValue.valueOnly(new Variant(value)))))
        .getResults()[0]
        .getValue();
  }

  private SimulatedDrive drive(int unit) {
    return motionUa.simulator("arm-bus").drive(unit);
  }

  private static long int32(SimulatedDrive drive, int address) throws Exception {
    int[] words = drive.readRegisters(address, 2);
    return (int) ((words[0] << 16) | (words[1] & 0xFFFF));
  }

  private void awaitGood(String axis) throws Exception {
    NodeId position = client.path(arm, "Axes", axis, "ParameterSet", "ActualPosition");
    long deadline = System.nanoTime() + 12_000_000_000L;
    while (!client.read(position).statusCode().isGood() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  /** Until the axis is enabled (the demo enables its axes at start) and stands still. */
  private void awaitStandstill(String axis) throws Exception {
    NodeId node = client.path(arm, "Axes", axis, "ParameterSet", "AxisState");
    long deadline = System.nanoTime() + 12_000_000_000L;
    Object state = null;
    while (System.nanoTime() < deadline) {
      state = client.read(node).value().value();
      if (Integer.valueOf(AxisState.Standstill.ordinal()).equals(state)) {
        return;
      }
      Thread.sleep(20);
    }
    assertEquals(AxisState.Standstill.ordinal(), state, "AxisState of " + axis);
  }

  @Test
  void targetVelocityReachesTheDriveRegisterBeforeTheWriteReturnsGood() throws Exception {
    awaitGood("J1");
    NodeId node = client.path(arm, "Axes", "J1", "ParameterSet", "TargetVelocity");
    assertEquals(StatusCodes.Good, write(node, 10.0));
    // J1: 131072 increments per motor revolution, ratio 100: 36408.9 increments per degree.
    assertEquals(Math.round(10.0 * 131072 * 100 / 360), int32(drive(1), TARGET_VELOCITY_REGISTER));
    assertEquals(10.0, (Double) client.read(node).value().value(), 1e-9);
    java.nio.file.Path log = dataDir.resolve("audit.log");
    long deadline = System.nanoTime() + 3_000_000_000L;
    List<String> lines = List.of();
    while (lines.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
      lines =
          Files.readAllLines(log).stream()
              .filter(l -> l.contains("J1/ParameterSet/TargetVelocity"))
              .toList();
    }
    assertEquals(1, lines.size(), "audit: " + lines);
    assertTrue(
        lines.get(0).contains("\"action\":\"write\"")
            && lines.get(0).contains("\"old\":0.0")
            && lines.get(0).contains("\"new\":10.0")
            && lines.get(0).contains("\"result\":\"Good\""),
        lines.get(0));
  }

  @Test
  void outOfRangeAndWrongTypeAreRefusedAndLeaveTheRegister() throws Exception {
    awaitGood("J2");
    NodeId node = client.path(arm, "Axes", "J2", "ParameterSet", "TargetVelocity");
    long before = int32(drive(2), TARGET_VELOCITY_REGISTER);
    assertEquals(StatusCodes.Bad_OutOfRange, write(node, 1000.0));
    assertEquals(StatusCodes.Bad_TypeMismatch, write(node, "fast"));
    assertEquals(before, int32(drive(2), TARGET_VELOCITY_REGISTER));
  }

  @Test
  void softwareLimitsNeedAnEngineer() throws Exception {
    NodeId node = client.path(arm, "Axes", "J3", "ParameterSet", "SoftwareLimitPositive");
    assertEquals(StatusCodes.Bad_UserAccessDenied, write(node, 100.0));
    assertEquals(150.0, (Double) client.read(node).value().value(), 1e-9);
  }

  @Test
  void speedOverrideScalesTheVelocityOfTheNextMove() throws Exception {
    awaitStandstill("J4");
    NodeId override = client.path(arm, "ParameterSet", "SpeedOverride");
    assertEquals(StatusCodes.Good, write(override, 50.0));
    try {
      assertEquals(StatusCodes.Bad_OutOfRange, write(override, 150.0));
      NodeId axis = client.path(arm, "Axes", "J4");
      var result =
          client.call(
              axis,
              client.path(axis, "MoveAbsolute"),
              new Variant(5.0),
              new Variant(60.0),
              new Variant(0.0),
              new Variant(0.0));
      assertTrue(result.getStatusCode().isGood(), result.getStatusCode().toString());
      // J4: ratio 60, so 60 deg/s at 50 % is 30 deg/s = 30 * 131072 * 60 / 360 increments/s.
      assertEquals(
          Math.round(30.0 * 131072 * 60 / 360), int32(drive(4), PROFILE_VELOCITY_REGISTER));
    } finally {
      write(override, 100.0);
    }
  }

  @Test
  void aWriteToADeadDriveFailsAndIsNotAppliedWhenItReturns() throws Exception {
    awaitGood("J5");
    NodeId node = client.path(arm, "Axes", "J5", "ParameterSet", "TargetVelocity");
    long before = int32(drive(5), TARGET_VELOCITY_REGISTER);
    motionUa.simulator("arm-bus").setResponding(5, false);
    long t0 = System.nanoTime();
    long status;
    try {
      status = write(node, 20.0);
    } finally {
      motionUa.simulator("arm-bus").setResponding(5, true);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertTrue(
        status == StatusCodes.Bad_Timeout || status == StatusCodes.Bad_NoCommunication,
        "status 0x%08X".formatted(status));
    assertTrue(seconds < 3.5, "failed within the write deadline: " + seconds + " s");
    awaitGood("J5");
    Thread.sleep(300); // a replayed write would have gone out by now
    assertEquals(before, int32(drive(5), TARGET_VELOCITY_REGISTER));
  }
}
