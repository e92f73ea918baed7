package io.motionua.server.opcua;

import io.motionua.server.axis.AxisSnapshot;
import java.util.function.DoubleUnaryOperator;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;

/** The variables of one axis that follow its drive; updated on the link thread after each poll. */
record AxisNodes(
    DoubleUnaryOperator shown,
    UaVariableNode actualPosition,
    UaVariableNode actualSpeed,
    UaVariableNode commandedPosition,
    UaVariableNode followingError,
    UaVariableNode axisState,
    UaVariableNode homed) {

  void update(AxisSnapshot s) {
    StatusCode status = StatusMapping.of(s.status());
    DateTime source = new DateTime(s.sourceTime());
    DateTime server = DateTime.now();
    // An endless axis shows its positions wrapped into its range (ModuloRange).
    set(actualPosition, shown.applyAsDouble(s.position()), status, source, server);
    set(actualSpeed, s.speed(), status, source, server);
    set(commandedPosition, shown.applyAsDouble(s.commandedPosition()), status, source, server);
    set(followingError, s.followingError(), status, source, server);
    // The state is the server's own judgement, so it is always Good.
    set(axisState, s.state().ordinal(), StatusCode.GOOD, server, server);
    set(homed, s.homed(), StatusCode.GOOD, server, server);
  }

  /**
   * A value that was never read has no value to show, only the status; later bad statuses keep the
   * last value so clients can see what it was.
   */
  static void set(
      UaVariableNode node, Object value, StatusCode status, DateTime source, DateTime server) {
    if (status.getValue()
        == org.eclipse.milo.opcua.stack.core.StatusCodes.Bad_WaitingForInitialData) {
      node.setValue(new DataValue(Variant.NULL_VALUE, status, server, server));
    } else {
      node.setValue(new DataValue(new Variant(value), status, source, server));
    }
  }
}
