package io.motionua.server.group;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import io.motionua.server.MotionUa;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseDirection;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseResultMask;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.ContentFilter;
import org.eclipse.milo.opcua.stack.core.types.structured.EventFilter;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;
import org.eclipse.milo.opcua.stack.core.types.structured.ReferenceDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.SimpleAttributeOperand;

/**
 * A Milo client with one event subscription on the test cell: one monitored item per notifier
 * subscribed, selecting BaseEventType's fields and GroupFaultEventType's properties.
 *
 * <p>All events of one notification message are recorded together, under one lock. Milo's server
 * puts every event that was queued on any item of the subscription into the next message, so once
 * an event fired later (a marker) has been recorded on one item, every event fired before it has
 * been recorded on every item: a test can then count events, or assert that none came, without
 * sleeping.
 */
final class GroupEventSubscription implements AutoCloseable {

  static final String MODEL_URI = "http://motionua.io/UA/";
  static final Duration WAIT = Duration.ofSeconds(10);

  /** The model's GroupFaultEventType and AxisFaultEventType ids. */
  static final int GROUP_FAULT = 1105;

  static final int AXIS_FAULT = 1101;

  private final OpcUaClient client;
  private final OpcUaSubscription subscription;
  private final Object lock = new Object();
  private final Map<OpcUaMonitoredItem, Recorder> recorders = new IdentityHashMap<>();

  private GroupEventSubscription(OpcUaClient client, OpcUaSubscription subscription) {
    this.client = client;
    this.subscription = subscription;
  }

  static GroupEventSubscription connect(MotionUa cell) throws UaException {
    OpcUaClient client = OpcUaClient.create(GroupTestMachine.endpoint(cell));
    client.connect();
    OpcUaSubscription subscription = new OpcUaSubscription(client, 50.0);
    GroupEventSubscription events = new GroupEventSubscription(client, subscription);
    subscription.setSubscriptionListener(
        new OpcUaSubscription.SubscriptionListener() {
          @Override
          public void onEventReceived(
              OpcUaSubscription s, List<OpcUaMonitoredItem> items, List<Variant[]> values) {
            events.record(items, values, System.nanoTime());
          }
        });
    subscription.create();
    return events;
  }

  /** One event as the client saw it, with when it arrived ({@link System#nanoTime()}). */
  record Event(
      NodeId eventType,
      NodeId sourceNode,
      String sourceName,
      String message,
      int severity,
      NodeId axis,
      String axisName,
      String cause,
      String command,
      String faultReaction,
      long receivedNanos) {

    static Event of(Variant[] v, long receivedNanos) {
      LocalizedText message = (LocalizedText) v[3].value();
      return new Event(
          (NodeId) v[0].value(),
          (NodeId) v[1].value(),
          (String) v[2].value(),
          message == null ? null : message.text(),
          v[4].value() == null ? -1 : ((UShort) v[4].value()).intValue(),
          (NodeId) v[5].value(),
          (String) v[6].value(),
          (String) v[7].value(),
          (String) v[8].value(),
          (String) v[9].value(),
          receivedNanos);
    }
  }

  /** The events of one monitored item, in arrival order. */
  final class Recorder {
    private final List<Event> events = new ArrayList<>();

    List<Event> events() {
      synchronized (lock) {
        return List.copyOf(events);
      }
    }

    List<Event> events(Predicate<Event> match) {
      return events().stream().filter(match).toList();
    }

    /** Waits (bounded) for the first event that matches; fails naming what did arrive. */
    Event await(String what, Predicate<Event> match) throws InterruptedException {
      long deadline = System.nanoTime() + WAIT.toNanos();
      do {
        for (Event e : events()) {
          if (match.test(e)) {
            return e;
          }
        }
        Thread.sleep(5);
      } while (System.nanoTime() < deadline);
      throw new AssertionError("no " + what + " within " + WAIT + "; received " + events());
    }
  }

  private void record(List<OpcUaMonitoredItem> items, List<Variant[]> values, long now) {
    synchronized (lock) {
      for (int i = 0; i < items.size(); i++) {
        Recorder r = recorders.get(items.get(i));
        if (r != null) {
          r.events.add(Event.of(values.get(i), now));
        }
      }
    }
  }

  /** A new event item on {@code notifier} (queue 1000) and its recorder. */
  Recorder subscribe(NodeId notifier) throws UaException {
    int ns = modelNamespace();
    NodeId groupFault = new NodeId(ns, GROUP_FAULT);
    List<SimpleAttributeOperand> select = new ArrayList<>();
    for (String field : List.of("EventType", "SourceNode", "SourceName", "Message", "Severity")) {
      select.add(operand(NodeIds.BaseEventType, new QualifiedName(0, field)));
    }
    for (String property : List.of("Axis", "AxisName", "Cause", "Command", "FaultReaction")) {
      select.add(operand(groupFault, new QualifiedName(ns, property)));
    }
    EventFilter filter =
        new EventFilter(select.toArray(SimpleAttributeOperand[]::new), new ContentFilter(null));
    OpcUaMonitoredItem item = OpcUaMonitoredItem.newEventItem(notifier, filter);
    item.setQueueSize(uint(1000));
    Recorder recorder = new Recorder();
    synchronized (lock) {
      recorders.put(item, recorder);
    }
    subscription.addMonitoredItem(item);
    subscription.synchronizeMonitoredItems();
    return recorder;
  }

  private static SimpleAttributeOperand operand(NodeId type, QualifiedName name) {
    return new SimpleAttributeOperand(
        type, new QualifiedName[] {name}, AttributeId.Value.uid(), null);
  }

  int modelNamespace() {
    return client.getNamespaceTable().getIndex(MODEL_URI).intValue();
  }

  /** A node of the cell's instance namespace by its path, e.g. {@code Cell/Groups/all}. */
  NodeId node(String path) {
    return GroupTestMachine.node(client, path);
  }

  List<ReferenceDescription> references(NodeId node, BrowseDirection direction, NodeId type)
      throws UaException {
    ReferenceDescription[] refs =
        client
            .browse(
                new BrowseDescription(
                    node, direction, type, true, uint(0), uint(BrowseResultMask.All.getValue())))
            .getReferences();
    return refs == null ? List.of() : List.of(refs);
  }

  /** The forward targets of one reference type, as local NodeIds. */
  List<NodeId> targets(NodeId node, NodeId referenceType) throws UaException {
    return references(node, BrowseDirection.Forward, referenceType).stream()
        .map(r -> r.getNodeId().toNodeId(client.getNamespaceTable()).orElseThrow())
        .toList();
  }

  Object attribute(NodeId node, AttributeId attribute) throws UaException {
    return client
        .read(
            0.0,
            TimestampsToReturn.Neither,
            List.of(new ReadValueId(node, attribute.uid(), null, QualifiedName.NULL_VALUE)))
        .getResults()[0]
        .value()
        .value();
  }

  @Override
  public void close() throws UaException {
    try {
      subscription.delete();
    } finally {
      client.disconnect();
    }
  }
}
