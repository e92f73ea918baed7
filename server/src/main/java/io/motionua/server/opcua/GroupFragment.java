package io.motionua.server.opcua;

import io.motionua.nodeset.MotionUaModel;
import io.motionua.server.group.AxisGroup;
import io.motionua.server.group.GroupMethods;
import java.util.function.Consumer;
import org.eclipse.milo.opcua.sdk.server.nodes.UaObjectNode;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;

/**
 * An axis group (AxisGroupType, PLCopen Part 4): GroupState (GroupStateEnumeration), LastError (the
 * axis and cause of the last GroupErrorStop), Members (the axes' NodeIds, in Positions order) and
 * the Part 4 methods. The caller makes the group an event notifier under the machine.
 */
final class GroupFragment {

  private GroupFragment() {}

  /**
   * @param axesPath the node id path of the Axes folder, ending in '/'
   * @return the group object
   */
  static UaObjectNode build(
      InstanceBuilder b, NodeId folder, String path, String axesPath, AxisGroup group) {
    UaObjectNode groupObject =
        b.namedObject(
            folder, NodeIds.Organizes, path, group.name(), b.type(MotionUaModel.AXIS_GROUP_TYPE));
    groupObject.setDescription(
        LocalizedText.english(
            "Axis group %s (PLCopen Part 4) of %s"
                .formatted(
                    group.name(),
                    String.join(", ", group.members().stream().map(a -> a.name()).toList()))));
    NodeId node = groupObject.getNodeId();
    b.declaredProperty(
        node, path + "/Members", "Members", NodeIds.NodeId, members(b, axesPath, group));
    var state =
        b.dataVariable(
            node,
            path + "/GroupState",
            "GroupState",
            b.type(MotionUaModel.GROUP_STATE_ENUMERATION),
            NodeIds.BaseDataVariableType);
    var lastError =
        b.dataVariable(
            node, path + "/LastError", "LastError", NodeIds.String, NodeIds.BaseDataVariableType);
    Consumer<AxisGroup> update =
        g -> {
          DateTime now = DateTime.now();
          state.setValue(
              new DataValue(new Variant(g.state().ordinal()), StatusCode.GOOD, now, now));
          lastError.setValue(new DataValue(new Variant(g.lastError()), StatusCode.GOOD, now, now));
        };
    update.accept(group);
    group.addListener(update);
    for (GroupMethods.Spec method : GroupMethods.of(group)) {
      b.method(
          node, path + "/" + method.name(), method.name(), method.description(), method.handler());
    }
    return groupObject;
  }

  /** The member axes' NodeIds, in the order of the group's Positions arguments. */
  static NodeId[] members(InstanceBuilder b, String axesPath, AxisGroup group) {
    return group.members().stream().map(a -> b.id(axesPath + a.name())).toArray(NodeId[]::new);
  }
}
