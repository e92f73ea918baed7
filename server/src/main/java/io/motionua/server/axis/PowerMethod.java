package io.motionua.server.axis;

import org.eclipse.milo.opcua.sdk.core.ValueRanks;
import org.eclipse.milo.opcua.sdk.server.methods.InvalidArgumentException;
import org.eclipse.milo.opcua.sdk.server.nodes.UaMethodNode;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.structured.Argument;

/** MC_Power: enables the drive through the CiA 402 sequence, or disables it. */
public final class PowerMethod extends AxisCommandMethod {

  public PowerMethod(UaMethodNode node, AxisController axis) {
    super(node, axis);
  }

  @Override
  public Argument[] getInputArguments() {
    return new Argument[] {
      new Argument(
          "Enable",
          NodeIds.Boolean,
          ValueRanks.Scalar,
          null,
          LocalizedText.english("True powers the drive (operation enabled); false removes power."))
    };
  }

  @Override
  public Argument[] getOutputArguments() {
    return new Argument[0];
  }

  @Override
  protected void validateInputArgumentValues(Variant[] values) throws InvalidArgumentException {
    if (!(values[0].value() instanceof Boolean)) {
      throw new InvalidArgumentException(
          new StatusCode[] {new StatusCode(StatusCodes.Bad_InvalidArgument)});
    }
  }

  @Override
  protected Variant[] invoke(InvocationContext context, Variant[] values) throws UaException {
    return await(axis.power((Boolean) values[0].value()));
  }
}
