package io.motionua.server.security;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.server.ManagedNamespaceWithLifecycle;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.items.DataItem;
import org.eclipse.milo.opcua.sdk.server.items.MonitoredItem;
import org.eclipse.milo.opcua.sdk.server.methods.AbstractMethodInvocationHandler;
import org.eclipse.milo.opcua.sdk.server.nodes.UaMethodNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.sdk.server.nodes.filters.AttributeFilter;
import org.eclipse.milo.opcua.sdk.server.nodes.filters.AttributeFilterContext;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.structured.Argument;

/**
 * Writable test variables, since the machine has none yet: {@code SpeedOverride} (a setpoint,
 * operator) and {@code TuningGain} (a tuning value, engineer), both under Objects. Also {@code
 * ForcedGain} and the method {@code ForcedJog}, on which {@link #hideRoleChecksFromMilo()} makes
 * UserAccessLevel and UserExecutable claim that everyone may write and call, so that Milo's own
 * checks let every request through and only our handler and filter checks stand in the way.
 */
final class SetpointTestNamespace extends ManagedNamespaceWithLifecycle {

  static final String URI = "urn:motionua:test:setpoints";

  SetpointTestNamespace(OpcUaServer server) {
    super(server, URI);
    getLifecycleManager().addStartupTask(() -> add("SpeedOverride", 100.0));
    getLifecycleManager().addStartupTask(() -> add("TuningGain", 1.0));
    getLifecycleManager().addStartupTask(() -> add("ForcedGain", 1.0));
    getLifecycleManager().addStartupTask(this::addJog);
  }

  /** How often ForcedJog's handler ran. */
  final AtomicInteger jogs = new AtomicInteger();

  private void addJog() {
    UaMethodNode method =
        UaMethodNode.builder(getNodeContext())
            .setNodeId(newNodeId("ForcedJog"))
            .setBrowseName(newQualifiedName("ForcedJog"))
            .setDisplayName(LocalizedText.english("ForcedJog"))
            .setExecutable(true)
            .setUserExecutable(true)
            .build();
    method.setInvocationHandler(
        new AbstractMethodInvocationHandler(method) {
          @Override
          public Argument[] getInputArguments() {
            return new Argument[0];
          }

          @Override
          public Argument[] getOutputArguments() {
            return new Argument[0];
          }

          @Override
          protected Variant[] invoke(InvocationContext context, Variant[] inputValues) {
            jogs.incrementAndGet();
            return new Variant[0];
          }
        });
    getNodeManager().addNode(method);
    method.addReference(
        new Reference(
            method.getNodeId(), NodeIds.HasComponent, NodeIds.ObjectsFolder.expanded(), false));
  }

  /** Puts a filter in front of the Forced nodes that claims everyone may write and call them. */
  void hideRoleChecksFromMilo() {
    for (String name : List.of("ForcedGain", "ForcedJog")) {
      getNodeManager()
          .getNode(newNodeId(name))
          .orElseThrow()
          .getFilterChain()
          .addFirst(claimsEveryoneAllowed());
    }
  }

  /**
   * A filter that tells Milo everyone may write and call the node (UserAccessLevel read-write,
   * UserExecutable true) and passes writes on, so that only checks behind it decide.
   */
  static AttributeFilter claimsEveryoneAllowed() {
    return new AttributeFilter() {
      @Override
      public Object getAttribute(AttributeFilterContext ctx, AttributeId attributeId) {
        return switch (attributeId) {
          case UserAccessLevel -> AccessLevel.toValue(AccessLevel.READ_WRITE);
          case UserExecutable -> Boolean.TRUE;
          default -> ctx.getAttribute(attributeId);
        };
      }

      @Override
      public void writeAttribute(AttributeFilterContext ctx, AttributeId attributeId, Object value)
          throws UaException {
        ctx.writeAttribute(attributeId, value);
      }
    };
  }

  NodeId nodeId(String name) {
    return newNodeId(name);
  }

  private void add(String name, double value) {
    UaVariableNode node =
        new UaVariableNode.UaVariableNodeBuilder(getNodeContext())
            .setNodeId(newNodeId(name))
            .setBrowseName(newQualifiedName(name))
            .setDisplayName(LocalizedText.english(name))
            .setDataType(NodeIds.Double)
            .setTypeDefinition(NodeIds.BaseDataVariableType)
            .setAccessLevel(AccessLevel.READ_WRITE)
            .setUserAccessLevel(AccessLevel.READ_WRITE)
            .build();
    node.setValue(new DataValue(new Variant(value)));
    getNodeManager().addNode(node);
    node.addReference(
        new Reference(
            node.getNodeId(), NodeIds.Organizes, NodeIds.ObjectsFolder.expanded(), false));
  }

  @Override
  public void onDataItemsCreated(List<DataItem> dataItems) {}

  @Override
  public void onDataItemsModified(List<DataItem> dataItems) {}

  @Override
  public void onDataItemsDeleted(List<DataItem> dataItems) {}

  @Override
  public void onMonitoringModeChanged(List<MonitoredItem> monitoredItems) {}
}
