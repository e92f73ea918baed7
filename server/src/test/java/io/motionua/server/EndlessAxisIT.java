package io.motionua.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motionua.server.axis.AxisController;
import io.motionua.server.axis.AxisState;
import io.motionua.server.group.AxisGroup;
import io.motionua.server.group.GroupState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExtensionObject;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.structured.Range;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The demo's J6 is endless (rotary-endless, range [-180, 180)): through OPC UA its position wraps
 * while it turns, absolute moves go the shortest way or the way ModuloDirection asks, and what does
 * not apply to an endless axis is refused. The drive counts on without wrapping; the test reads
 * that continuous position from the axis controller to see which way a move went.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndlessAxisIT extends DemoServerTestBase {

  private static final long WAIT_NANOS = 10_000_000_000L;

  private NodeId j6;
  private NodeId position;
  private AxisController controller;

  @BeforeAll
  void findJ6() throws Exception {
    j6 = client.path(arm, "Axes", "J6");
    position = client.path(j6, "ParameterSet", "ActualPosition");
    controller = motionUa.axes().get("J6");
  }

  private long call(String method, Object... args) throws Exception {
    Variant[] variants = new Variant[args.length];
    for (int i = 0; i < args.length; i++) {
      variants[i] = new Variant(args[i]);
    }
    return client.call(j6, client.path(j6, method), variants).getStatusCode().getValue();
  }

  private long write(NodeId node, Object value) throws Exception {
    StatusCode s =
        client.milo().writeValues(List.of(node), List.of(new DataValue(new Variant(value)))).get(0);
    return s.getValue();
  }

  private void awaitStandstill() throws Exception {
    long deadline = System.nanoTime() + WAIT_NANOS;
    while (controller.snapshot().state() != AxisState.Standstill
        || !controller.snapshot().isStanding()) {
      assertTrue(System.nanoTime() < deadline, "J6 stands: " + controller.snapshot());
      Thread.sleep(10);
    }
  }

  private double shown() throws Exception {
    return (Double) client.read(position).value().value();
  }

  /** Moves to a position in the range and waits until J6 stands there; returns the travel. */
  private double moveTo(double target) throws Exception {
    awaitStandstill();
    double before = controller.snapshot().position();
    assertEquals(StatusCodes.Good, call("MoveAbsolute", target, 0.0, 0.0, 0.0));
    long deadline = System.nanoTime() + WAIT_NANOS;
    while (!(controller.snapshot().isStanding()
        && controller.snapshot().state() == AxisState.Standstill
        && Math.abs(shown() - target) < 0.01)) {
      assertTrue(System.nanoTime() < deadline, "J6 reaches " + target + ": " + shown());
      Thread.sleep(10);
    }
    return controller.snapshot().position() - before;
  }

  @Test
  @Order(1)
  void positionRangeIsOneTurnAndJ6HasModuloDirectionWhereJ1HasNone() throws Exception {
    Object value = client.read(client.path(position, "EURange")).value().value();
    Range range =
        (Range) ((ExtensionObject) value).decode(client.milo().getStaticEncodingContext());
    assertEquals(-180.0, range.getLow());
    assertEquals(180.0, range.getHigh());
    NodeId direction = client.path(j6, "ParameterSet", "ModuloDirection");
    assertEquals(0, client.read(direction).value().value());
    assertFalse(
        client
            .child(client.path(arm, "Axes", "J1", "ParameterSet"), "ModuloDirection")
            .isPresent());
  }

  @Test
  @Order(2)
  void turningOnWrapsThePositionIntoTheRange() throws Exception {
    awaitStandstill();
    double start = controller.snapshot().position();
    assertEquals(StatusCodes.Good, call("MoveVelocity", 360.0, 0.0, 0.0));
    List<Double> seen = new ArrayList<>();
    long deadline = System.nanoTime() + WAIT_NANOS;
    while (controller.snapshot().position() - start < 560) {
      assertTrue(System.nanoTime() < deadline, "J6 turns: " + controller.snapshot());
      seen.add(shown());
      Thread.sleep(20);
    }
    assertEquals(StatusCodes.Good, call("Halt", 0.0));
    awaitStandstill();
    assertTrue(seen.stream().allMatch(p -> p >= -180 && p < 180), "all in range: " + seen);
    boolean wrapped = false;
    for (int i = 1; i < seen.size(); i++) {
      wrapped |= seen.get(i) < seen.get(i - 1) - 180;
    }
    assertTrue(wrapped, "a wrap from near 180 to near -180 among " + seen);
    assertTrue(controller.snapshot().position() - start > 560, "the drive counted on");
  }

  @Test
  @Order(3)
  void absoluteMovesGoTheShortestWayAcrossTheSeam() throws Exception {
    moveTo(-170.0);
    assertEquals(-20.0, moveTo(170.0), 0.05, "from -170 to 170 backwards through the seam");
    assertEquals(20.0, moveTo(-170.0), 0.05, "and forwards back");
    assertEquals(90.0, moveTo(-80.0), 0.05);
  }

  @Test
  @Order(4)
  void moduloDirectionMakesMovesGoTheAskedWayRound() throws Exception {
    NodeId direction = client.path(j6, "ParameterSet", "ModuloDirection");
    moveTo(0.0);
    assertEquals(StatusCodes.Good, write(direction, 1));
    assertEquals(350.0, moveTo(-10.0), 0.05, "positive: the long way forwards");
    assertEquals(StatusCodes.Good, write(direction, 2));
    assertEquals(-340.0, moveTo(10.0), 0.05, "negative: the long way backwards");
    assertEquals(StatusCodes.Bad_OutOfRange, write(direction, 7));
    assertEquals(StatusCodes.Good, write(direction, 0));
    assertEquals(-10.0, moveTo(0.0), 0.05, "shortest again");
  }

  @Test
  @Order(5)
  void whatAnEndlessAxisDoesNotHaveIsRefused() throws Exception {
    awaitStandstill();
    assertEquals(
        StatusCodes.Bad_InvalidArgument, call("MoveAbsolute", 200.0, 0.0, 0.0, 0.0), "outside");
    // (Through OPC UA the demo's anonymous operator may not write limits at all.)
    UaException noLimits =
        assertThrows(UaException.class, () -> controller.setSoftwareLimit(true, 90.0));
    assertEquals(StatusCodes.Bad_NotSupported, noLimits.getStatusCode().getValue());
    // A relative move has no travel limits: two turns and a bit, shown where it ends.
    double before = shown();
    assertEquals(StatusCodes.Good, call("MoveRelative", 725.0, 0.0, 0.0, 0.0));
    long deadline = System.nanoTime() + WAIT_NANOS;
    double expected = before + 5 >= 180 ? before + 5 - 360 : before + 5;
    while (!(controller.snapshot().isStanding()
        && controller.snapshot().state() == AxisState.Standstill
        && Math.abs(shown() - expected) < 0.01)) {
      assertTrue(System.nanoTime() < deadline, "J6 ends at " + expected + ": " + shown());
      Thread.sleep(10);
    }
  }

  @Test
  @Order(6)
  void aGroupMoveTakesTheEndlessMemberTheShortestWayAcrossTheSeam() throws Exception {
    moveTo(170.0);
    AxisGroup group = motionUa.groups().get("arm");
    group.enable().get(5, TimeUnit.SECONDS);
    long deadline = System.nanoTime() + WAIT_NANOS;
    while (group.state() != GroupState.GroupStandby) {
      assertTrue(System.nanoTime() < deadline, "arm in GroupStandby: " + group.state());
      Thread.sleep(10);
    }
    double[] targets = new double[group.members().size()];
    for (int i = 0; i < targets.length; i++) {
      AxisController member = group.members().get(i);
      targets[i] = member.shownPosition(member.snapshot().position());
    }
    int j6 = group.members().indexOf(controller);
    targets[j6] = -170.0;
    double before = controller.snapshot().position();
    group.moveSynchronized(targets, 1.0).get(5, TimeUnit.SECONDS);
    while (!(group.state() == GroupState.GroupStandby && Math.abs(shown() - -170.0) < 0.01)) {
      assertTrue(System.nanoTime() < deadline, "J6 at -170 after the group move: " + shown());
      Thread.sleep(10);
    }
    assertEquals(20.0, controller.snapshot().position() - before, 0.05, "forwards through 180");
    targets[j6] = 181.0;
    ExecutionException outside =
        assertThrows(
            ExecutionException.class,
            () -> group.moveSynchronized(targets, 1.0).get(5, TimeUnit.SECONDS));
    assertTrue(outside.getCause().getMessage().contains("outside its range"), outside::toString);
  }
}
