package io.motionua.server.axis;

import io.motionua.server.config.LimitsSpec;
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
import org.eclipse.milo.opcua.stack.core.types.structured.Argument;

/**
 * The PLCopen commands of one axis as OPC UA methods: names, documented arguments (in the axis's
 * units), per-argument range checks against the axis limits, and the controller call.
 */
public final class AxisMethods {

  /** One method: browse name, description, and how to build its handler for a node. */
  public record Spec(
      String name, String description, Function<UaMethodNode, CommandMethod> handler) {}

  private AxisMethods() {}

  public static List<Spec> of(AxisController axis) {
    String u = axis.units().unit();
    LimitsSpec lim = axis.spec().limits();
    Argument velocity = arg("Velocity", "Cruise velocity in " + u + "/s; 0: the axis's limit.");
    Argument acceleration = arg("Acceleration", "In " + u + "/s²; 0: the axis's limit.");
    Argument deceleration = arg("Deceleration", "In " + u + "/s²; 0: the axis's limit.");
    double[] v = {0, lim.velocity()};
    double[] a = {0, lim.acceleration()};
    double[] d = {0, lim.deceleration()};
    // An endless axis may go round any number of times; one with ends at most end to end.
    double span = axis.spec().isEndless() ? Double.MAX_VALUE : lim.max() - lim.min();
    return List.of(
        new Spec(
            "Power",
            "MC_Power: true enables the drive (CiA 402 power-up), false removes power.",
            n ->
                new CommandMethod(
                    n,
                    new Argument[] {
                      new Argument(
                          "Enable",
                          NodeIds.Boolean,
                          ValueRanks.Scalar,
                          null,
                          LocalizedText.english("True: power on; false: power off."))
                    },
                    AxisMethods::requireBoolean,
                    values -> axis.power((Boolean) values[0].value()))),
        new Spec(
            "Home",
            "MC_Home: homes the axis; the current position becomes zero (CiA 402 method 35).",
            n -> new CommandMethod(n, new Argument[0], values -> {}, values -> axis.home())),
        new Spec(
            "MoveAbsolute",
            "MC_MoveAbsolute: moves to an absolute position; returns once the drive accepted"
                + " the set-point.",
            n ->
                new CommandMethod(
                    n,
                    new Argument[] {
                      arg("Position", "Target in " + u + ", within the software limits."),
                      velocity,
                      acceleration,
                      deceleration
                    },
                    values ->
                        CommandMethod.checkRanges(
                            values,
                            new double[][] {{axis.limits().min(), axis.limits().max()}, v, a, d}),
                    values ->
                        axis.moveAbsolute(
                            CommandMethod.arg(values, 0),
                            CommandMethod.arg(values, 1),
                            CommandMethod.arg(values, 2),
                            CommandMethod.arg(values, 3)))),
        new Spec(
            "MoveRelative",
            "MC_MoveRelative: moves by a distance from the actual position.",
            n ->
                new CommandMethod(
                    n,
                    new Argument[] {
                      arg("Distance", "Distance in " + u + "; the end must lie within the limits."),
                      velocity,
                      acceleration,
                      deceleration
                    },
                    values ->
                        CommandMethod.checkRanges(values, new double[][] {{-span, span}, v, a, d}),
                    values ->
                        axis.moveRelative(
                            CommandMethod.arg(values, 0),
                            CommandMethod.arg(values, 1),
                            CommandMethod.arg(values, 2),
                            CommandMethod.arg(values, 3)))),
        new Spec(
            "MoveVelocity",
            "MC_MoveVelocity: runs at a velocity (negative: backwards) until Stop or Halt.",
            n ->
                new CommandMethod(
                    n,
                    new Argument[] {
                      arg("Velocity", "Velocity in " + u + "/s, negative for backwards."),
                      acceleration,
                      deceleration
                    },
                    values ->
                        CommandMethod.checkRanges(
                            values, new double[][] {{-lim.velocity(), lim.velocity()}, a, d}),
                    values ->
                        axis.moveVelocity(
                            CommandMethod.arg(values, 0),
                            CommandMethod.arg(values, 1),
                            CommandMethod.arg(values, 2)))),
        new Spec(
            "Stop",
            "MC_Stop: decelerates to standstill; motion commands are refused until it stands.",
            n ->
                new CommandMethod(
                    n,
                    new Argument[] {deceleration},
                    values -> CommandMethod.checkRanges(values, new double[][] {d}),
                    values -> axis.stop(CommandMethod.arg(values, 0)))),
        new Spec(
            "Halt",
            "MC_Halt: decelerates to standstill; a new move may interrupt it.",
            n ->
                new CommandMethod(
                    n,
                    new Argument[] {deceleration},
                    values -> CommandMethod.checkRanges(values, new double[][] {d}),
                    values -> axis.halt(CommandMethod.arg(values, 0)))),
        new Spec(
            "SetPosition",
            "MC_SetPosition: the actual position becomes Position, without motion (CiA 402:"
                + " homing method 35 with the home offset; trigger drives: their preset write).",
            n ->
                new CommandMethod(
                    n,
                    new Argument[] {arg("Position", "New actual position in " + u + ".")},
                    values ->
                        CommandMethod.checkRanges(
                            values, new double[][] {{axis.limits().min(), axis.limits().max()}}),
                    values -> axis.setPosition(CommandMethod.arg(values, 0)))),
        new Spec(
            "Reset",
            "MC_Reset: leaves ErrorStop (drive fault reset); does nothing in other states.",
            n -> new CommandMethod(n, new Argument[0], values -> {}, values -> axis.reset())));
  }

  private static Argument arg(String name, String description) {
    return new Argument(
        name, NodeIds.Double, ValueRanks.Scalar, null, LocalizedText.english(description));
  }

  private static void requireBoolean(Variant[] values) throws InvalidArgumentException {
    if (!(values[0].value() instanceof Boolean)) {
      throw new InvalidArgumentException(
          new StatusCode[] {new StatusCode(StatusCodes.Bad_InvalidArgument)});
    }
  }
}
