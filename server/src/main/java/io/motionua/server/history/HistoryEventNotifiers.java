package io.motionua.server.history;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ubyte;

import io.motionua.server.events.EventScopes;
import java.util.HashSet;
import java.util.Set;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.nodes.UaObjectNode;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;

/**
 * The objects whose event history can be read: the Server object (every recorded event) and the
 * machine's notifiers (the machine, its groups, axes and motors: the events of the sources each
 * covers, as for subscriptions, docs/events.md). Each gets the HistoryRead bit of EventNotifier.
 */
final class HistoryEventNotifiers {

  /** EventNotifier bit HistoryRead (Part 3 5.4). */
  static final int HISTORY_READ = 4;

  private final OpcUaServer server;
  private final EventScopes scopes;
  private final Set<NodeId> notifiers;

  HistoryEventNotifiers(OpcUaServer server, EventScopes scopes) {
    this.server = server;
    this.scopes = scopes;
    Set<NodeId> all = new HashSet<>(scopes == null ? Set.of() : scopes.notifiers());
    all.add(NodeIds.Server);
    this.notifiers = Set.copyOf(all);
  }

  boolean isNotifier(NodeId node) {
    return notifiers.contains(node);
  }

  /** The store keys of the sources {@code notifier} covers; null for all (the Server object). */
  Set<String> sourceKeys(NodeId notifier) {
    if (NodeIds.Server.equals(notifier) || scopes == null) {
      return null;
    }
    Set<String> keys = new HashSet<>();
    for (NodeId source : scopes.sources(notifier)) {
      keys.add(EventRecorder.key(source, server.getNamespaceTable()));
    }
    return keys;
  }

  /** Sets the HistoryRead bit of EventNotifier on every notifier. */
  void mark() {
    for (NodeId id : notifiers) {
      server
          .getAddressSpaceManager()
          .getManagedNode(id)
          .filter(UaObjectNode.class::isInstance)
          .map(UaObjectNode.class::cast)
          .ifPresent(
              n -> {
                int bits = n.getEventNotifier() == null ? 0 : n.getEventNotifier().intValue();
                n.setEventNotifier(ubyte(bits | HISTORY_READ));
              });
    }
  }

  Set<NodeId> all() {
    return notifiers;
  }
}
