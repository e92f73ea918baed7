package io.motionua.server.group;

import io.motionua.server.opcua.CommandMethod;
import java.util.List;
import java.util.function.Function;
import org.eclipse.milo.opcua.sdk.core.ValueRanks;
import org.eclipse.milo.opcua.sdk.server.methods.InvalidArgumentException;
import org.eclipse.milo.opcua.sdk.server.nodes.UaMethodNode;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.structured.Argument;

/**
 * The PLCopen Part 4 commands of one group as OPC UA methods, with the arguments the model
 * declares. A Positions array of the wrong length, or a scale, velocity or acceleration that is not
 * positive, is Bad_InvalidArgument (Bad_OutOfRange on that argument); a target outside an axis's
 * software limits is refused by the planner with Bad_OutOfRange, naming the axis and the limit.
 */
public final class GroupMethods {

  /** One method: browse name, description, and how to build its handler for a node. */
  public record Spec(
      String name, String description, Function<UaMethodNode, CommandMethod> handler) {}

  private GroupMethods() {}

  public static List<Spec> of(AxisGroup group) {
    int n = group.members().size();
    Argument positions =
        new Argument(
            "Positions",
            NodeIds.Double,
            ValueRanks.OneDimension,
            new UInteger[] {UInteger.valueOf(n)},
            LocalizedText.english("Target position per member axis, in Members order."));
    return List.of(
        simple("GroupEnable", "MC_GroupEnable: powers all member axes.", group::enable),
        simple(
            "GroupDisable", "MC_GroupDisable: removes power from all member axes.", group::disable),
        simple(
            "GroupHome",
            "MC_GroupHome: homes all member axes at once (GroupStandby -> GroupHoming ->"
                + " GroupStandby).",
            group::home),
        new Spec(
            "MoveSynchronized",
            "Point-to-point move in which all axes start and finish together; the slowest axis sets"
                + " the duration.",
            node ->
                new CommandMethod(
                    node,
                    new Argument[] {
                      positions,
                      arg("VelocityScale", "Fraction (0..1] of each axis' maximum speed.")
                    },
                    values -> check(values, n, 1.0),
                    values -> group.moveSynchronized(doubles(values[0]), number(values[1])))),
        new Spec(
            "MoveLinear",
            "MC_MoveLinearAbsolute: straight-line move in the group's axis space.",
            node ->
                new CommandMethod(
                    node,
                    new Argument[] {
                      positions,
                      arg("Velocity", "Path speed in units per second (> 0)."),
                      arg("Acceleration", "Path acceleration in units per second squared (> 0).")
                    },
                    values -> check(values, n, Double.POSITIVE_INFINITY),
                    values ->
                        group.moveLinear(
                            doubles(values[0]), number(values[1]), number(values[2])))),
        simple("GroupStop", "MC_GroupStop: stops all member axes.", () -> group.stop(false)),
        simple(
            "GroupHalt",
            "MC_GroupHalt: stops all member axes; a new move may follow.",
            () -> group.stop(true)),
        simple(
            "GroupReset",
            "MC_GroupReset: clears GroupErrorStop and the axes' faults.",
            group::reset));
  }

  private static Spec simple(
      String name,
      String description,
      java.util.function.Supplier<java.util.concurrent.CompletableFuture<Void>> command) {
    return new Spec(
        name,
        description,
        node -> new CommandMethod(node, new Argument[0], values -> {}, values -> command.get()));
  }

  private static Argument arg(String name, String description) {
    return new Argument(
        name, NodeIds.Double, ValueRanks.Scalar, null, LocalizedText.english(description));
  }

  /**
   * Positions: one finite number per axis; the scalars after it positive and at most {@code max}.
   */
  private static void check(Variant[] values, int axes, double max)
      throws InvalidArgumentException {
    StatusCode[] results = new StatusCode[values.length];
    boolean bad = false;
    double[] p = values[0].value() instanceof Double[] ? doubles(values[0]) : null;
    if (p == null || p.length != axes) {
      results[0] = new StatusCode(StatusCodes.Bad_InvalidArgument);
      bad = true;
    } else {
      results[0] = StatusCode.GOOD;
    }
    for (int i = 1; i < values.length; i++) {
      Object v = values[i].value();
      if (!(v instanceof Number number)) {
        results[i] = new StatusCode(StatusCodes.Bad_InvalidArgument);
        bad = true;
      } else if (!(number.doubleValue() > 0 && number.doubleValue() <= max)) {
        results[i] = new StatusCode(StatusCodes.Bad_OutOfRange);
        bad = true;
      } else {
        results[i] = StatusCode.GOOD;
      }
    }
    if (bad) {
      throw new InvalidArgumentException(results);
    }
  }

  private static double[] doubles(Variant value) {
    Double[] boxed = (Double[]) value.value();
    double[] out = new double[boxed.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = boxed[i] == null ? Double.NaN : boxed[i];
    }
    return out;
  }

  private static double number(Variant value) {
    return ((Number) value.value()).doubleValue();
  }
}
