package io.motionua.server;

import io.motionua.server.axis.AxisState;
import java.time.Duration;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;

/** What the machine-file ITs ask of a running server through OPC UA, with bounded waits. */
final class AxisProbe {

  static final Duration WAIT = Duration.ofSeconds(20);

  private AxisProbe() {}

  static UaTestClient connect(MotionUa motionUa) throws Exception {
    return UaTestClient.connect("opc.tcp://127.0.0.1:" + motionUa.config().server().port());
  }

  static boolean near(double value, double target) {
    return Math.abs(value - target) < 0.05;
  }

  /** A Double variable's value, NaN when it is not one (yet). */
  static double value(UaTestClient client, NodeId node) {
    try {
      DataValue v = client.read(node);
      return v.value().value() instanceof Double d ? d : Double.NaN;
    } catch (Exception e) {
      return Double.NaN;
    }
  }

  /** The axis's state; null before its first poll (the value is Bad_WaitingForInitialData). */
  static AxisState state(UaTestClient client, NodeId axes, String axis) throws Exception {
    NodeId node = client.path(axes, axis, "ParameterSet", "AxisState");
    Object value = client.read(node).value().value();
    return value instanceof Integer i ? AxisState.values()[i] : null;
  }

  static void awaitState(UaTestClient client, NodeId axes, String axis, AxisState expected)
      throws Exception {
    until(
        () -> state(client, axes, axis) == expected,
        () -> axis + " " + expected + ", is " + state(client, axes, axis));
  }

  /** Calls a method of an axis (by browse name) and returns its StatusCode value. */
  static long call(UaTestClient client, NodeId axes, String axis, String method, Object... args)
      throws Exception {
    NodeId a = client.path(axes, axis);
    Variant[] variants = new Variant[args.length];
    for (int i = 0; i < args.length; i++) {
      variants[i] = new Variant(args[i]);
    }
    return client.call(a, client.path(a, method), variants).getStatusCode().getValue();
  }

  interface Check {
    boolean ok() throws Exception;
  }

  interface Describe {
    String text() throws Exception;
  }

  static void until(Check condition, Describe what) throws Exception {
    Waits.until(condition::ok, WAIT, what::text);
  }
}
