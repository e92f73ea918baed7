package io.motionua.server.opcua;

import io.motionua.server.axis.AxisController;
import io.motionua.server.axis.AxisSnapshot;
import io.motionua.server.config.AxisSpec;
import io.motionua.server.config.MachineConfig;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;

/**
 * Machinery's state machines on the machine (OPC 40001-1): {@code MachineryItemState}
 * (MachineryItemState_StateMachineType) and {@code MachineryOperationMode}
 * (MachineryOperationModeStateMachineType), each with its CurrentState (the state's name) and
 * CurrentState/Id (the state object of the Machinery type), fed from the axes by {@link
 * MachineStateFeed} (mapping in docs/model.md).
 */
final class MachineryStateFragment {

  /** Machinery: the two state machine types. */
  static final long ITEM_STATE_TYPE = 1002;

  static final long OPERATION_MODE_TYPE = 1008;

  /** Machinery's state objects, by the feed's value: NotAvailable, OutOfService, ... */
  private static final List<Long> ITEM_STATES = List.of(5005L, 5004L, 5007L, 5006L);

  private static final List<String> ITEM_STATE_NAMES =
      List.of("NotAvailable", "OutOfService", "NotExecuting", "Executing");

  /** None, Maintenance, Setup, Processing. */
  private static final List<Long> MODES = List.of(5024L, 5025L, 5027L, 5026L);

  private static final List<String> MODE_NAMES =
      List.of("None", "Maintenance", "Setup", "Processing");

  private MachineryStateFragment() {}

  static void build(
      InstanceBuilder b,
      NodeId machine,
      String root,
      MachineConfig config,
      Map<String, AxisController> axes) {
    stateMachine(
        b,
        machine,
        root + "/MachineryItemState",
        "MachineryItemState",
        ITEM_STATE_TYPE,
        ITEM_STATES,
        ITEM_STATE_NAMES,
        MachineStateFeed::of,
        config,
        axes);
    stateMachine(
        b,
        machine,
        root + "/MachineryOperationMode",
        "MachineryOperationMode",
        OPERATION_MODE_TYPE,
        MODES,
        MODE_NAMES,
        MachineStateFeed::operationMode,
        config,
        axes);
  }

  private static void stateMachine(
      InstanceBuilder b,
      NodeId machine,
      String path,
      String name,
      long type,
      List<Long> states,
      List<String> names,
      ToIntFunction<Collection<AxisSnapshot>> mapping,
      MachineConfig config,
      Map<String, AxisController> axes) {
    var stateMachine = b.declaredObject(machine, path, name, b.machinery(type));
    stateMachine.setDescription(
        LocalizedText.english(name + " of the machine (OPC 40001-1), from its axes' states"));
    NodeId node = stateMachine.getNodeId();
    UaVariableNode current =
        b.variable(
            node,
            path + "/CurrentState",
            new QualifiedName(0, "CurrentState"),
            NodeIds.LocalizedText,
            NodeIds.FiniteStateVariableType);
    current.setDescription(LocalizedText.english("The name of the current state"));
    UaVariableNode id =
        b.property(
            current.getNodeId(),
            path + "/CurrentState/Id",
            new QualifiedName(0, "Id"),
            NodeIds.NodeId,
            null);
    id.setDescription(LocalizedText.english("The current state's object in the Machinery type"));
    MachineStateFeed feed =
        new MachineStateFeed(
            config.axes().size(),
            mapping,
            state -> {
              DateTime now = DateTime.now();
              current.setValue(
                  new DataValue(
                      new Variant(LocalizedText.english(names.get(state))),
                      StatusCode.GOOD,
                      now,
                      now));
              id.setValue(
                  new DataValue(
                      new Variant(b.machinery(states.get(state))), StatusCode.GOOD, now, now));
            });
    for (AxisSpec axis : config.axes()) {
      axes.get(axis.name()).addObserver(s -> feed.update(axis.name(), s));
    }
  }
}
