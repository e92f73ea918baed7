package io.motionua.server.axis;

import io.motionua.server.config.LimitsSpec;
import org.eclipse.milo.opcua.sdk.core.ValueRanks;
import org.eclipse.milo.opcua.sdk.server.methods.InvalidArgumentException;
import org.eclipse.milo.opcua.sdk.server.nodes.UaMethodNode;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.structured.Argument;

/** MC_MoveAbsolute: a profile-position move to an absolute load-side position. */
public final class MoveAbsoluteMethod extends AxisCommandMethod {

  public MoveAbsoluteMethod(UaMethodNode node, AxisController axis) {
    super(node, axis);
  }

  @Override
  public Argument[] getInputArguments() {
    String u = axis.units().unit();
    return new Argument[] {
      argument("Position", "Target position in " + u + ", within the software limits."),
      argument("Velocity", "Cruise velocity in " + u + "/s; 0 uses the axis's velocity limit."),
      argument(
          "Acceleration", "Acceleration in " + u + "/s²; 0 uses the axis's acceleration limit."),
      argument(
          "Deceleration", "Deceleration in " + u + "/s²; 0 uses the axis's deceleration limit.")
    };
  }

  static Argument argument(String name, String description) {
    return new Argument(
        name, NodeIds.Double, ValueRanks.Scalar, null, LocalizedText.english(description));
  }

  @Override
  public Argument[] getOutputArguments() {
    return new Argument[0];
  }

  @Override
  protected void validateInputArgumentValues(Variant[] values) throws InvalidArgumentException {
    LimitsSpec lim = axis.spec().limits();
    checkRanges(
        values,
        new double[][] {
          {lim.min(), lim.max()},
          {0, lim.velocity()},
          {0, lim.acceleration()},
          {0, lim.deceleration()}
        });
  }

  @Override
  protected Variant[] invoke(InvocationContext context, Variant[] values) throws UaException {
    return await(axis.moveAbsolute(arg(values, 0), arg(values, 1), arg(values, 2), arg(values, 3)));
  }
}
