package io.motionua.server.events;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.milo.opcua.sdk.server.EventListener;
import org.eclipse.milo.opcua.sdk.server.EventNotifier;
import org.eclipse.milo.opcua.sdk.server.items.EventItem;
import org.eclipse.milo.opcua.sdk.server.model.objects.BaseEventTypeNode;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;

/**
 * Which event sources each notifier of the machine covers (the machine: every axis and motor; an
 * axis: itself and its motor; a motor: itself), and the event items subscribed to those notifiers.
 *
 * <p>Milo's notifier hands every event to every registered item, so each item of our namespace is
 * registered behind a listener that passes on only events whose SourceNode its notifier covers: a
 * subscription on axis J1 does not hear J2. Items on the Server object are Milo's own and hear
 * everything, as the Server object covers the whole server.
 */
public final class EventScopes {

  private final EventNotifier notifier;
  private final Map<NodeId, Set<NodeId>> sourcesByNotifier = new ConcurrentHashMap<>();
  private final Map<EventItem, EventListener> listeners = new ConcurrentHashMap<>();

  public EventScopes(EventNotifier notifier) {
    this.notifier = notifier;
  }

  /** Makes {@code notifier} cover events whose SourceNode is {@code source}; and itself. */
  public void cover(NodeId notifierNode, NodeId source) {
    Set<NodeId> sources =
        sourcesByNotifier.computeIfAbsent(notifierNode, n -> ConcurrentHashMap.newKeySet());
    sources.add(notifierNode);
    sources.add(source);
  }

  /** True when an event item on {@code notifierNode} should receive events of {@code source}. */
  public boolean covers(NodeId notifierNode, NodeId source) {
    if (NodeIds.Server.equals(notifierNode)) {
      return true;
    }
    Set<NodeId> sources = sourcesByNotifier.get(notifierNode);
    return sources != null && sources.contains(source);
  }

  /** The notifiers of this machine (not the Server object, which covers everything). */
  public Set<NodeId> notifiers() {
    return Set.copyOf(sourcesByNotifier.keySet());
  }

  /** The sources {@code notifierNode} covers (itself included); empty for an unknown node. */
  public Set<NodeId> sources(NodeId notifierNode) {
    Set<NodeId> sources = sourcesByNotifier.get(notifierNode);
    return sources == null ? Set.of() : Set.copyOf(sources);
  }

  /** True for the Server object and the notifiers of this machine. */
  public boolean isNotifier(NodeId node) {
    return NodeIds.Server.equals(node) || sourcesByNotifier.containsKey(node);
  }

  public void onEventItemsCreated(List<EventItem> items) {
    for (EventItem item : items) {
      if (item.isSamplingEnabled()) {
        register(item);
      }
    }
  }

  public void onEventItemsModified(List<EventItem> items) {
    for (EventItem item : items) {
      if (item.isSamplingEnabled()) {
        register(item);
      } else {
        unregister(item);
      }
    }
  }

  public void onEventItemsDeleted(List<EventItem> items) {
    items.forEach(this::unregister);
  }

  private void register(EventItem item) {
    NodeId node = item.getReadValueId().getNodeId();
    if (!sourcesByNotifier.containsKey(node)) {
      return; // not a notifier: such an item hears nothing
    }
    listeners.computeIfAbsent(
        item,
        i -> {
          EventListener filtered = new SourceFilter(i, node);
          notifier.register(filtered);
          return filtered;
        });
  }

  private void unregister(EventItem item) {
    EventListener filtered = listeners.remove(item);
    if (filtered != null) {
      notifier.unregister(filtered);
    }
  }

  /** Passes an event to the item only when the item's notifier covers the event's source. */
  private final class SourceFilter implements EventListener {
    private final EventItem item;
    private final NodeId notifierNode;

    SourceFilter(EventItem item, NodeId notifierNode) {
      this.item = item;
      this.notifierNode = notifierNode;
    }

    @Override
    public void onEvent(BaseEventTypeNode event) {
      NodeId source = event.getSourceNode();
      if (source != null && covers(notifierNode, source)) {
        item.onEvent(event);
      }
    }
  }
}
