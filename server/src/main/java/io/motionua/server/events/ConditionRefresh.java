package io.motionua.server.events;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ushort;

import java.util.List;
import java.util.UUID;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.Session;
import org.eclipse.milo.opcua.sdk.server.items.BaseMonitoredItem;
import org.eclipse.milo.opcua.sdk.server.items.EventItem;
import org.eclipse.milo.opcua.sdk.server.methods.AbstractMethodInvocationHandler.InvocationContext;
import org.eclipse.milo.opcua.sdk.server.model.objects.BaseEventTypeNode;
import org.eclipse.milo.opcua.sdk.server.model.objects.ConditionType;
import org.eclipse.milo.opcua.sdk.server.nodes.UaMethodNode;
import org.eclipse.milo.opcua.sdk.server.subscriptions.Subscription;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;

/**
 * ConditionRefresh and ConditionRefresh2 (called with ObjectId ConditionType, i=2782, as Part 9
 * says). Milo's own handler only fires RefreshStart and RefreshEnd, and to every subscription; this
 * one sends, to the event items of the calling client's subscription only, RefreshStartEvent, then
 * each retained alarm that the item's notifier covers, then RefreshEndEvent.
 */
public final class ConditionRefresh {

  private final OpcUaServer server;
  private final EventScopes scopes;
  private final List<AlarmCondition> alarms;

  public ConditionRefresh(OpcUaServer server, EventScopes scopes, List<AlarmCondition> alarms) {
    this.server = server;
    this.scopes = scopes;
    this.alarms = List.copyOf(alarms);
  }

  /** Replaces Milo's handlers on ConditionType's ConditionRefresh and ConditionRefresh2. */
  public void install() {
    method(NodeIds.ConditionType_ConditionRefresh)
        .ifPresent(m -> m.setInvocationHandler(new Refresh(m)));
    method(NodeIds.ConditionType_ConditionRefresh2)
        .ifPresent(m -> m.setInvocationHandler(new Refresh2(m)));
  }

  private java.util.Optional<UaMethodNode> method(NodeId id) {
    return server
        .getAddressSpaceManager()
        .getManagedNode(id)
        .filter(UaMethodNode.class::isInstance)
        .map(UaMethodNode.class::cast);
  }

  private Subscription subscription(InvocationContext context, UInteger subscriptionId)
      throws UaException {
    Session session =
        context.getSession().orElseThrow(() -> new UaException(StatusCodes.Bad_SessionIdInvalid));
    Subscription subscription = session.getSubscriptionManager().getSubscription(subscriptionId);
    if (subscription == null) {
      throw new UaException(
          StatusCodes.Bad_SubscriptionIdInvalid,
          "subscription " + subscriptionId + " is not one of this session's");
    }
    return subscription;
  }

  private void refresh(List<EventItem> items) throws UaException {
    BaseEventTypeNode start = marker(NodeIds.RefreshStartEventType, "RefreshStart");
    BaseEventTypeNode end = marker(NodeIds.RefreshEndEventType, "RefreshEnd");
    try {
      for (EventItem item : items) {
        NodeId notifier = item.getReadValueId().getNodeId();
        if (!item.isSamplingEnabled() || !scopes.isNotifier(notifier)) {
          continue;
        }
        item.onEvent(start);
        for (AlarmCondition alarm : alarms) {
          if (scopes.covers(notifier, alarm.sourceNode())) {
            alarm.replayTo(item);
          }
        }
        item.onEvent(end);
      }
    } finally {
      start.delete();
      end.delete();
    }
  }

  private BaseEventTypeNode marker(NodeId type, String name) throws UaException {
    BaseEventTypeNode node =
        server.getEventFactory().createEvent(new NodeId(0, UUID.randomUUID()), type);
    node.setBrowseName(new QualifiedName(0, name));
    node.setDisplayName(LocalizedText.english(name));
    node.setEventId(AxisEventPublisher.eventId());
    node.setEventType(type);
    node.setSourceNode(NodeIds.Server);
    node.setSourceName("Server");
    node.setTime(DateTime.now());
    node.setReceiveTime(DateTime.NULL_VALUE);
    node.setMessage(LocalizedText.english(name));
    node.setSeverity(ushort(1));
    return node;
  }

  private static List<EventItem> eventItems(Subscription subscription) {
    return subscription.getMonitoredItems().values().stream()
        .filter(EventItem.class::isInstance)
        .map(EventItem.class::cast)
        .toList();
  }

  private final class Refresh extends ConditionType.ConditionRefreshMethod {
    Refresh(UaMethodNode node) {
      super(node);
    }

    @Override
    protected void invoke(InvocationContext context, UInteger subscriptionId) throws UaException {
      refresh(eventItems(subscription(context, subscriptionId)));
    }
  }

  private final class Refresh2 extends ConditionType.ConditionRefresh2Method {
    Refresh2(UaMethodNode node) {
      super(node);
    }

    @Override
    protected void invoke(
        InvocationContext context, UInteger subscriptionId, UInteger monitoredItemId)
        throws UaException {
      BaseMonitoredItem<?> item =
          subscription(context, subscriptionId).getMonitoredItems().get(monitoredItemId);
      if (!(item instanceof EventItem eventItem)) {
        throw new UaException(
            StatusCodes.Bad_MonitoredItemIdInvalid,
            "monitored item " + monitoredItemId + " is not an event item of the subscription");
      }
      refresh(List.of(eventItem));
    }
  }
}
