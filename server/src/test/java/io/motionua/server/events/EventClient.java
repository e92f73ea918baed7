package io.motionua.server.events;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseDirection;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseResultMask;
import org.eclipse.milo.opcua.stack.core.types.enumerated.NodeClass;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodResult;
import org.eclipse.milo.opcua.stack.core.types.structured.ContentFilter;
import org.eclipse.milo.opcua.stack.core.types.structured.EventFilter;
import org.eclipse.milo.opcua.stack.core.types.structured.ReferenceDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.SimpleAttributeOperand;

/**
 * A Milo client for event tests: browse by name, call, read, and event subscriptions that record
 * what arrives. Every wait is bounded.
 */
final class EventClient implements AutoCloseable {

  static final String MODEL_URI = "http://motionua.io/UA/";
  static final Duration WAIT = Duration.ofSeconds(10);

  private final OpcUaClient client;
  private final OpcUaSubscription subscription;

  private EventClient(OpcUaClient client, OpcUaSubscription subscription) {
    this.client = client;
    this.subscription = subscription;
  }

  static EventClient connect(String endpointUrl) throws UaException {
    OpcUaClient client = OpcUaClient.create(endpointUrl);
    client.connect();
    OpcUaSubscription subscription = new OpcUaSubscription(client, 50.0);
    subscription.create();
    return new EventClient(client, subscription);
  }

  /** The events received by one monitored item, in arrival order. */
  static final class Recorder {
    private final List<ReceivedEvent> events = new CopyOnWriteArrayList<>();

    List<ReceivedEvent> events() {
      return List.copyOf(events);
    }

    /** Waits for the first event that matches; fails naming what did arrive. */
    ReceivedEvent await(String what, Predicate<ReceivedEvent> match) throws InterruptedException {
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (System.nanoTime() < deadline) {
        for (ReceivedEvent e : events) {
          if (match.test(e)) {
            return e;
          }
        }
        Thread.sleep(20);
      }
      throw new AssertionError("no " + what + " within " + WAIT + "; received " + events);
    }
  }

  /**
   * Subscribes to events of {@code notifier} with select clauses EventId, EventType, SourceName,
   * Message, Severity, AxisFaultEventType's FaultCode, the ConditionId, ActiveState/Id,
   * AckedState/Id and Retain.
   */
  Recorder subscribe(NodeId notifier) throws UaException {
    int ns = client.getNamespaceTable().getIndex(MODEL_URI).intValue();
    NodeId faultType = new NodeId(ns, 1101);
    EventFilter filter =
        new EventFilter(
            new SimpleAttributeOperand[] {
              field(NodeIds.BaseEventType, "EventId"),
              field(NodeIds.BaseEventType, "EventType"),
              field(NodeIds.BaseEventType, "SourceName"),
              field(NodeIds.BaseEventType, "Message"),
              field(NodeIds.BaseEventType, "Severity"),
              new SimpleAttributeOperand(
                  faultType,
                  new QualifiedName[] {new QualifiedName(ns, "FaultCode")},
                  AttributeId.Value.uid(),
                  null),
              new SimpleAttributeOperand(
                  NodeIds.ConditionType, new QualifiedName[0], AttributeId.NodeId.uid(), null),
              field(NodeIds.AlarmConditionType, "ActiveState", "Id"),
              field(NodeIds.AcknowledgeableConditionType, "AckedState", "Id"),
              field(NodeIds.ConditionType, "Retain")
            },
            new ContentFilter(null));
    OpcUaMonitoredItem item = OpcUaMonitoredItem.newEventItem(notifier, filter);
    item.setQueueSize(uint(1000));
    Recorder recorder = new Recorder();
    item.setEventValueListener((i, values) -> recorder.events.add(ReceivedEvent.of(values)));
    subscription.addMonitoredItem(item);
    subscription.synchronizeMonitoredItems();
    return recorder;
  }

  private static SimpleAttributeOperand field(NodeId type, String... path) {
    QualifiedName[] names = new QualifiedName[path.length];
    for (int i = 0; i < path.length; i++) {
      names[i] = new QualifiedName(0, path[i]);
    }
    return new SimpleAttributeOperand(type, names, AttributeId.Value.uid(), null);
  }

  long subscriptionId() {
    return subscription.getSubscriptionId().orElseThrow().longValue();
  }

  int modelNamespace() {
    return client.getNamespaceTable().getIndex(MODEL_URI).intValue();
  }

  /** Follows browse names (hierarchical references, any namespace) from a node. */
  NodeId path(NodeId start, String... names) throws UaException {
    NodeId at = start;
    List<String> walked = new ArrayList<>();
    for (String name : names) {
      walked.add(name);
      NodeId next = null;
      for (ReferenceDescription rd :
          references(at, BrowseDirection.Forward, NodeIds.HierarchicalReferences)) {
        if (rd.getBrowseName().name().equals(name)) {
          next = rd.getNodeId().toNodeId(client.getNamespaceTable()).orElseThrow();
          break;
        }
      }
      if (next == null) {
        throw new AssertionError("no node at " + String.join("/", walked));
      }
      at = next;
    }
    return at;
  }

  List<ReferenceDescription> references(NodeId node, BrowseDirection direction, NodeId type)
      throws UaException {
    ReferenceDescription[] refs =
        client
            .browse(
                new BrowseDescription(
                    node,
                    direction,
                    type,
                    true,
                    uint(
                        NodeClass.Object.getValue()
                            | NodeClass.Variable.getValue()
                            | NodeClass.Method.getValue()),
                    uint(BrowseResultMask.All.getValue())))
            .getReferences();
    return refs == null ? List.of() : List.of(refs);
  }

  /** Reads one attribute of a node. */
  Object attribute(NodeId node, AttributeId attribute) throws UaException {
    return client
        .read(
            0.0,
            TimestampsToReturn.Neither,
            List.of(
                new org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId(
                    node, attribute.uid(), null, QualifiedName.NULL_VALUE)))
        .getResults()[0]
        .value()
        .value();
  }

  DataValue read(NodeId node) throws UaException {
    return client.readValue(0.0, TimestampsToReturn.Both, node);
  }

  CallMethodResult call(NodeId object, NodeId method, Object... args) throws UaException {
    Variant[] variants = new Variant[args.length];
    for (int i = 0; i < args.length; i++) {
      variants[i] = new Variant(args[i]);
    }
    return client.call(List.of(new CallMethodRequest(object, method, variants))).getResults()[0];
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
