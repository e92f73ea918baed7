package io.motionua.server.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.util.function.Function;
import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.core.ValueRanks;
import org.eclipse.milo.opcua.sdk.server.UaNodeManager;
import org.eclipse.milo.opcua.sdk.server.methods.AbstractMethodInvocationHandler;
import org.eclipse.milo.opcua.sdk.server.nodes.UaMethodNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNodeContext;
import org.eclipse.milo.opcua.sdk.server.nodes.UaObjectNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;
import org.eclipse.milo.opcua.stack.core.types.structured.EUInformation;
import org.eclipse.milo.opcua.stack.core.types.structured.Range;

/**
 * Adds instance nodes to the machine namespace. Node ids are strings made of the path from the
 * machine object ({@code DemoArm/MotionDevices/Arm/Axes/J1/ParameterSet/ActualPosition}), so they
 * are stable across restarts and readable in UaExpert. Children that a type declares get browse
 * names in the types namespace; instance objects named in the config get the instance namespace.
 */
final class InstanceBuilder {

  private final UaNodeContext context;
  private final UaNodeManager nodes;
  private final UShort instanceNs;
  private final UShort typesNs;
  private final ModelNames names;
  private final java.util.List<NodeId[]> typed = new java.util.ArrayList<>();

  InstanceBuilder(UaNodeContext context, UaNodeManager nodes, UShort instanceNs, UShort typesNs) {
    this.context = context;
    this.nodes = nodes;
    this.instanceNs = instanceNs;
    this.typesNs = typesNs;
    this.names = new ModelNames(context.getNamespaceTable(), typesNs);
  }

  /** A node of DI (OPC 10000-100) by its numeric id in the official file. */
  NodeId di(long id) {
    return new NodeId(names.di(), uint(id));
  }

  /** A node of Robotics (OPC 40010-1) by its numeric id in the official file. */
  NodeId robotics(long id) {
    return new NodeId(names.robotics(), uint(id));
  }

  /** A node of Machinery (OPC 40001-1) by its numeric id in the official file. */
  NodeId machinery(long id) {
    return new NodeId(names.machinery(), uint(id));
  }

  /** The browse name of a child a type declares (official namespace where the specs have it). */
  QualifiedName declared(String name) {
    return names.of(name);
  }

  NodeId id(String path) {
    return new NodeId(instanceNs, path);
  }

  /** A node this builder made, by its path. */
  UaNode node(String path) {
    return nodes.getNode(id(path)).orElseThrow();
  }

  NodeId type(long id) {
    return new NodeId(typesNs, uint(id));
  }

  /** An object named in the config (instance namespace browse name). */
  UaObjectNode namedObject(
      NodeId parent, NodeId referenceType, String path, String name, NodeId typeDefinition) {
    return object(parent, referenceType, path, new QualifiedName(instanceNs, name), typeDefinition);
  }

  /** An object a type declares (types namespace browse name). */
  UaObjectNode declaredObject(NodeId parent, String path, String name, NodeId typeDefinition) {
    return object(parent, NodeIds.HasComponent, path, names.of(name), typeDefinition);
  }

  UaObjectNode folder(NodeId parent, String path, String name) {
    return object(parent, NodeIds.HasComponent, path, names.of(name), NodeIds.FolderType);
  }

  private UaObjectNode object(
      NodeId parent, NodeId referenceType, String path, QualifiedName browseName, NodeId type) {
    UaObjectNode node =
        UaObjectNode.builder(context)
            .setNodeId(id(path))
            .setBrowseName(browseName)
            .setDisplayName(LocalizedText.english(browseName.name()))
            .setTypeDefinition(type)
            .build();
    nodes.addNode(node);
    link(parent, referenceType, node);
    if (type.getNamespaceIndex().equals(typesNs)) {
      typed.add(new NodeId[] {node.getNodeId(), type});
    }
    return node;
  }

  /**
   * Adds every Mandatory child that the instances' types declare and the hand-built parts lack (see
   * {@link MandatoryChildren}). Call once, after everything else is built.
   *
   * @return how many nodes were added
   */
  int completeFromTypes() {
    MandatoryChildren mandatory = new MandatoryChildren(context, nodes, instanceNs);
    int added = 0;
    for (NodeId[] instanceAndType : typed) {
      added +=
          mandatory.completeType(
              instanceAndType[0],
              instanceAndType[1],
              instanceAndType[0].getIdentifier().toString());
    }
    return added;
  }

  /** A read-only property with a fixed value. */
  UaVariableNode property(
      NodeId parent, String path, QualifiedName name, NodeId dataType, Object value) {
    UaVariableNode node =
        UaVariableNode.builder(context)
            .setNodeId(id(path))
            .setBrowseName(name)
            .setDisplayName(LocalizedText.english(name.name()))
            .setDataType(dataType)
            .setValueRank(
                value != null && value.getClass().isArray()
                    ? ValueRanks.OneDimension
                    : ValueRanks.Scalar)
            .setTypeDefinition(NodeIds.PropertyType)
            .setAccessLevel(AccessLevel.READ_ONLY)
            .setUserAccessLevel(AccessLevel.READ_ONLY)
            .setValue(new DataValue(new Variant(value)))
            .build();
    nodes.addNode(node);
    link(parent, NodeIds.HasProperty, node);
    return node;
  }

  UaVariableNode declaredProperty(
      NodeId parent, String path, String name, NodeId dataType, Object value) {
    return property(parent, path, names.of(name), dataType, value);
  }

  /**
   * A variable whose value the driver pushes; it starts as Bad_WaitingForInitialData. Clients may
   * sample it no faster than the poll rate gives new values.
   */
  UaVariableNode dataVariable(
      NodeId parent, String path, String name, NodeId dataType, NodeId typeDefinition) {
    return variable(parent, path, names.of(name), dataType, typeDefinition);
  }

  /** {@link #dataVariable} with a browse name given in full (e.g. a UA core child). */
  UaVariableNode variable(
      NodeId parent, String path, QualifiedName name, NodeId dataType, NodeId typeDefinition) {
    UaVariableNode node =
        UaVariableNode.builder(context)
            .setNodeId(id(path))
            .setBrowseName(name)
            .setDisplayName(LocalizedText.english(name.name()))
            .setDataType(dataType)
            .setValueRank(ValueRanks.Scalar)
            .setTypeDefinition(typeDefinition)
            .setAccessLevel(AccessLevel.READ_ONLY)
            .setUserAccessLevel(AccessLevel.READ_ONLY)
            .setMinimumSamplingInterval(MotionUaLimits.MIN_SAMPLING_INTERVAL_MS)
            .setValue(
                new DataValue(
                    StatusCode.of(
                        org.eclipse.milo.opcua.stack.core.StatusCodes.Bad_WaitingForInitialData)))
            .build();
    nodes.addNode(node);
    link(parent, NodeIds.HasComponent, node);
    return node;
  }

  /** An AnalogUnitType variable with EngineeringUnits and EURange properties. */
  UaVariableNode analog(NodeId parent, String path, String name, EUInformation units, Range range) {
    UaVariableNode node = dataVariable(parent, path, name, NodeIds.Double, NodeIds.AnalogUnitType);
    property(
            node.getNodeId(),
            path + "/EngineeringUnits",
            new QualifiedName(0, "EngineeringUnits"),
            NodeIds.EUInformation,
            units)
        .setDescription(LocalizedText.english("The engineering units of " + name + "."));
    property(
            node.getNodeId(),
            path + "/EURange",
            new QualifiedName(0, "EURange"),
            NodeIds.Range,
            range)
        .setDescription(LocalizedText.english("The range " + name + " normally lies in."));
    return node;
  }

  /** A method with its arguments and handler (handlers belong to each instance's method node). */
  UaMethodNode method(
      NodeId parent,
      String path,
      String name,
      String description,
      Function<UaMethodNode, ? extends AbstractMethodInvocationHandler> handler) {
    UaMethodNode node =
        UaMethodNode.builder(context)
            .setNodeId(id(path))
            .setBrowseName(names.of(name))
            .setDisplayName(LocalizedText.english(name))
            .setDescription(LocalizedText.english(description))
            .build();
    AbstractMethodInvocationHandler h = handler.apply(node);
    node.setInputArguments(h.getInputArguments());
    node.setOutputArguments(h.getOutputArguments());
    node.setInvocationHandler(h);
    nodes.addNode(node);
    link(parent, NodeIds.HasComponent, node);
    return node;
  }

  void reference(NodeId source, NodeId referenceType, NodeId target) {
    nodes.addReferences(
        new Reference(source, referenceType, target.expanded(), true), context.getNamespaceTable());
  }

  private void link(NodeId parent, NodeId referenceType, UaNode child) {
    reference(parent, referenceType, child.getNodeId());
  }
}
