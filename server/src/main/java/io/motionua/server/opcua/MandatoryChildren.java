package io.motionua.server.opcua;

import java.util.Optional;
import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.server.AddressSpaceManager;
import org.eclipse.milo.opcua.sdk.server.UaNodeManager;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNodeContext;
import org.eclipse.milo.opcua.sdk.server.nodes.UaObjectNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completes instances against their types in the loaded model: every child that a type (or an
 * instance declaration) marks Mandatory and the instance lacks is added, copied from its
 * declaration (browse name, data type, value rank, default value, type definition), recursively.
 * The hand-built parts of the machine namespace carry the live values; this pass guarantees the
 * rest of the type's shape, so an instance always conforms to its type.
 */
final class MandatoryChildren {

  private static final Logger logger = LoggerFactory.getLogger(MandatoryChildren.class);

  private final UaNodeContext context;
  private final UaNodeManager nodes;
  private final AddressSpaceManager addressSpace;
  private final UShort namespaceIndex;

  MandatoryChildren(UaNodeContext context, UaNodeManager nodes, UShort namespaceIndex) {
    this.context = context;
    this.nodes = nodes;
    this.namespaceIndex = namespaceIndex;
    this.addressSpace = context.getServer().getAddressSpaceManager();
  }

  /**
   * Adds what the type and each of its supertypes require under the instance, the type's own
   * declarations first (a subtype's declaration overrides its supertype's of the same browse name),
   * up to the first UA core type.
   *
   * @return how many children were added
   */
  int completeType(NodeId instance, NodeId type, String path) {
    int added = 0;
    NodeId current = type;
    while (current != null && current.getNamespaceIndex().intValue() != 0) {
      added += complete(instance, current, path);
      current = supertype(current);
    }
    return added;
  }

  private NodeId supertype(NodeId type) {
    return addressSpace.getManagedReferences(type, Reference.SUBTYPE_OF).stream()
        .map(r -> r.getTargetNodeId().toNodeId(context.getNamespaceTable()))
        .flatMap(Optional::stream)
        .findFirst()
        .orElse(null);
  }

  /**
   * Adds what the declaration requires under the instance.
   *
   * @param path the instance's node id string; new children get {@code path/BrowseName}
   * @return how many children were added
   */
  int complete(NodeId instance, NodeId declaration, String path) {
    int added = 0;
    for (Reference r :
        addressSpace.getManagedReferences(
            declaration, Reference.HAS_COMPONENT_PREDICATE.or(Reference.HAS_PROPERTY_PREDICATE))) {
      UaNode decl = addressSpace.getManagedNode(r.getTargetNodeId()).orElse(null);
      if (decl == null || !isMandatory(decl)) {
        continue;
      }
      String childPath = path + "/" + decl.getBrowseName().name();
      Optional<NodeId> existing = child(instance, decl.getBrowseName());
      NodeId child;
      if (existing.isPresent()) {
        child = existing.get();
        describe(child, decl);
      } else if (decl instanceof UaVariableNode v) {
        child = copyVariable(v, childPath);
        added++;
      } else if (decl instanceof UaObjectNode o) {
        child = copyObject(o, childPath);
        added++;
      } else {
        // A mandatory method without our handler would be a lie: leave it out, say so.
        logger.warn("{}: mandatory {} is not implemented", path, decl.getBrowseName().name());
        continue;
      }
      if (existing.isEmpty()) {
        nodes.addReferences(
            new Reference(instance, r.getReferenceTypeId(), child.expanded(), true),
            context.getNamespaceTable());
      }
      added += complete(child, decl.getNodeId(), childPath);
    }
    return added;
  }

  /**
   * The declaration's description; for a declaration without one (some official ones have none),
   * what it is and that the server fills it only as the declaration does.
   */
  private static LocalizedText describedAs(UaNode decl) {
    LocalizedText d = decl.getDescription();
    if (d != null && d.text() != null && !d.text().isEmpty()) {
      return d;
    }
    return LocalizedText.english(
        decl.getBrowseName().name()
            + ": required by the specification's type; this server has no source for it"
            + " (its value says so)");
  }

  /** A hand-built child without a description gets its declaration's. */
  private void describe(NodeId child, UaNode decl) {
    UaNode node = addressSpace.getManagedNode(child).orElse(null);
    if (node != null
        && (node.getDescription() == null || node.getDescription().text() == null)
        && decl.getDescription() != null) {
      node.setDescription(decl.getDescription());
    }
  }

  private boolean isMandatory(UaNode declaration) {
    return addressSpace
        .getManagedReferences(declaration.getNodeId(), Reference.HAS_MODELLING_RULE_PREDICATE)
        .stream()
        .anyMatch(r -> r.getTargetNodeId().equals(NodeIds.ModellingRule_Mandatory.expanded()));
  }

  private Optional<NodeId> child(NodeId instance, QualifiedName browseName) {
    return addressSpace
        .getManagedReferences(
            instance, Reference.HAS_COMPONENT_PREDICATE.or(Reference.HAS_PROPERTY_PREDICATE))
        .stream()
        .map(r -> addressSpace.getManagedNode(r.getTargetNodeId()))
        .flatMap(Optional::stream)
        .filter(n -> n.getBrowseName().equals(browseName))
        .map(UaNode::getNodeId)
        .findFirst();
  }

  private NodeId typeDefinition(UaNode node, NodeId fallback) {
    return addressSpace
        .getManagedReferences(node.getNodeId(), Reference.HAS_TYPE_DEFINITION_PREDICATE)
        .stream()
        .map(r -> r.getTargetNodeId().toNodeId(context.getNamespaceTable()))
        .flatMap(Optional::stream)
        .findFirst()
        .orElse(fallback);
  }

  private NodeId copyVariable(UaVariableNode decl, String path) {
    UaVariableNode node =
        UaVariableNode.builder(context)
            .setNodeId(new NodeId(namespaceIndex, path))
            .setBrowseName(decl.getBrowseName())
            .setDisplayName(decl.getDisplayName())
            .setDescription(describedAs(decl))
            .setDataType(decl.getDataType())
            .setValueRank(decl.getValueRank())
            .setArrayDimensions(decl.getArrayDimensions())
            .setAccessLevel(AccessLevel.READ_ONLY)
            .setUserAccessLevel(AccessLevel.READ_ONLY)
            .setMinimumSamplingInterval(MotionUaLimits.MIN_SAMPLING_INTERVAL_MS)
            .setTypeDefinition(typeDefinition(decl, NodeIds.BaseDataVariableType))
            .setValue(valueOf(decl))
            .build();
    nodes.addNode(node);
    return node.getNodeId();
  }

  /**
   * The declaration's default value; a declaration without one gives Bad_NotSupported: nothing in
   * this server fills the variable, and Good with a null value would hide that.
   */
  private static DataValue valueOf(UaVariableNode decl) {
    DataValue value = decl.getValue();
    if (value == null || value.value() == null || value.value().isNull()) {
      return new DataValue(StatusCode.of(StatusCodes.Bad_NotSupported));
    }
    return value;
  }

  private NodeId copyObject(UaObjectNode decl, String path) {
    UaObjectNode node =
        UaObjectNode.builder(context)
            .setNodeId(new NodeId(namespaceIndex, path))
            .setBrowseName(decl.getBrowseName())
            .setDisplayName(decl.getDisplayName())
            .setDescription(describedAs(decl))
            .setTypeDefinition(typeDefinition(decl, NodeIds.BaseObjectType))
            .build();
    nodes.addNode(node);
    return node.getNodeId();
  }
}
