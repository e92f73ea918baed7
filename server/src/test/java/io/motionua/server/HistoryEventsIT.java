package io.motionua.server;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ushort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motionua.nodeset.MotionUaModel;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExtensionObject;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UByte;
import org.eclipse.milo.opcua.stack.core.types.enumerated.FilterOperator;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.ContentFilter;
import org.eclipse.milo.opcua.stack.core.types.structured.ContentFilterElement;
import org.eclipse.milo.opcua.stack.core.types.structured.EventFilter;
import org.eclipse.milo.opcua.stack.core.types.structured.HistoryEvent;
import org.eclipse.milo.opcua.stack.core.types.structured.HistoryEventFieldList;
import org.eclipse.milo.opcua.stack.core.types.structured.HistoryReadResult;
import org.eclipse.milo.opcua.stack.core.types.structured.LiteralOperand;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadEventDetails;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;
import org.eclipse.milo.opcua.stack.core.types.structured.SimpleAttributeOperand;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Event history through OPC UA (Milo's client) on the demo arm: J5's drive is silenced and answers
 * again, which fires CommunicationLost and CommunicationRestored and takes the CommunicationLoss
 * alarm through active and back to normal; ReadEventDetails on J5, the machine and the Server
 * object returns them in order, filtered by a where clause, page by page through continuation
 * points, and refuses what it does not support with its StatusCode.
 */
class HistoryEventsIT extends DemoServerTestBase {

  private static final int EVENT_TYPE = 1;
  private static final int SOURCE_NODE = 2;
  private static final int SOURCE_NAME = 3;
  private static final int TIME = 4;
  private static final int MESSAGE = 6;
  private static final int SEVERITY = 7;
  private static final int CONDITION_ID = 8;
  private static final int ACTIVE = 9;
  private static final int ACKED = 10;

  private static final SimpleAttributeOperand[] SELECT = {
    field(NodeIds.BaseEventType, "EventId"),
    field(NodeIds.BaseEventType, "EventType"),
    field(NodeIds.BaseEventType, "SourceNode"),
    field(NodeIds.BaseEventType, "SourceName"),
    field(NodeIds.BaseEventType, "Time"),
    field(NodeIds.BaseEventType, "ReceiveTime"),
    field(NodeIds.BaseEventType, "Message"),
    field(NodeIds.BaseEventType, "Severity"),
    new SimpleAttributeOperand(
        NodeIds.ConditionType, new QualifiedName[0], AttributeId.NodeId.uid(), null),
    field(NodeIds.AlarmConditionType, "ActiveState", "Id"),
    field(NodeIds.AlarmConditionType, "AckedState", "Id"),
  };

  private NodeId j5;
  private NodeId machine;
  private NodeId lossAlarm;
  private DateTime start;

  @BeforeAll
  void silenceJ5AndWaitForTheRecord() throws Exception {
    j5 = client.path(arm, "Axes", "J5");
    machine = client.path(NodeIds.ObjectsFolder, "DemoArm");
    lossAlarm = client.path(j5, "CommunicationLoss");
    await(() -> motionUa.history().writer().store() != null, 60_000, "history store open");
    start = DateTime.now();
    motionUa.simulator("arm-bus").setResponding(5, false);
    try {
      await(() -> active(lossAlarm, true), 20_000, "J5's CommunicationLoss active");
    } finally {
      motionUa.simulator("arm-bus").setResponding(5, true);
    }
    await(() -> active(lossAlarm, false), 20_000, "J5's CommunicationLoss back to normal");
  }

  /** Whether J5's history holds a CommunicationLoss transition to {@code active}. */
  private boolean active(NodeId alarm, boolean state) throws Exception {
    return all(j5, null, 0).stream()
        .anyMatch(e -> alarm.equals(value(e, CONDITION_ID)) && state == (Boolean) value(e, ACTIVE));
  }

  @Test
  void notifiersAdvertiseEventHistory() throws Exception {
    assertEquals(
        true,
        client
            .read(NodeIds.HistoryServerCapabilities_AccessHistoryEventsCapability)
            .value()
            .value());
    for (NodeId n : List.of(NodeIds.Server, machine, j5)) {
      int bits =
          ((UByte)
                  client
                      .milo()
                      .read(
                          0.0,
                          TimestampsToReturn.Neither,
                          List.of(
                              new ReadValueId(
                                  n,
                                  AttributeId.EventNotifier.uid(),
                                  null,
                                  QualifiedName.NULL_VALUE)))
                      .getResults()[0]
                      .value()
                      .value())
              .intValue();
      assertEquals(5, bits, "EventNotifier of " + n + ": SubscribeToEvents and HistoryRead");
    }
  }

  @Test
  void theAxisHistoryHoldsTheCommunicationLossInOrderWithTheSelectedFields() throws Exception {
    List<HistoryEventFieldList> events = all(j5, null, 0);
    long lastTime = Long.MIN_VALUE;
    int lost = -1;
    int restored = -1;
    int raised = -1;
    int cleared = -1;
    for (int i = 0; i < events.size(); i++) {
      HistoryEventFieldList e = events.get(i);
      assertEquals(SELECT.length, e.getEventFields().length);
      assertEquals("J5", value(e, SOURCE_NAME));
      assertEquals(j5, value(e, SOURCE_NODE));
      long t = ((DateTime) value(e, TIME)).getUtcTime();
      assertTrue(t >= lastTime, "Time in order at " + i);
      lastTime = t;
      assertTrue(value(e, 0) instanceof ByteString id && id.length() == 16, "EventId");
      String message = ((LocalizedText) value(e, MESSAGE)).text();
      int severity = ((Number) value(e, SEVERITY)).intValue();
      if (lossAlarm.equals(value(e, CONDITION_ID))) {
        assertEquals(NodeIds.AlarmConditionType, value(e, EVENT_TYPE));
        boolean isActive = (Boolean) value(e, ACTIVE);
        assertEquals(Boolean.FALSE, value(e, ACKED), "not acknowledged: " + message);
        if (isActive && raised < 0) {
          raised = i;
          assertEquals(700, severity);
        } else if (!isActive && raised >= 0) {
          cleared = i;
          assertEquals(200, severity);
        }
      } else if (value(e, CONDITION_ID) == null) {
        assertNull(value(e, ACTIVE), "a plain event has no ActiveState");
        if (severity == 700 && lost < 0) {
          lost = i;
        } else if (severity == 300 && lost >= 0) {
          restored = i;
        }
      }
    }
    String seen = describe(events);
    assertTrue(raised >= 0 && cleared > raised, "alarm raised, then cleared: " + seen);
    assertTrue(lost >= 0 && restored > lost, "lost, then restored: " + seen);
  }

  @Test
  void aWhereClauseKeepsOnlyWhatItSelects() throws Exception {
    List<HistoryEventFieldList> severe =
        all(j5, where(FilterOperator.GreaterThanOrEqual, "Severity", ushort(700)), 0);
    assertFalse(severe.isEmpty(), "severity >= 700");
    for (HistoryEventFieldList e : severe) {
      assertTrue(((Number) value(e, SEVERITY)).intValue() >= 700, describe(List.of(e)));
    }
    List<HistoryEventFieldList> alarms =
        all(
            j5,
            new ContentFilter(
                new ContentFilterElement[] {
                  new ContentFilterElement(
                      FilterOperator.OfType,
                      new ExtensionObject[] {literal(NodeIds.AlarmConditionType)})
                }),
            0);
    assertFalse(alarms.isEmpty(), "OfType AlarmConditionType");
    assertTrue(alarms.stream().allMatch(e -> value(e, CONDITION_ID) != null), describe(alarms));
    assertTrue(alarms.size() < all(j5, null, 0).size(), "the plain events are left out");
    List<HistoryEventFieldList> byType =
        all(j5, where(FilterOperator.Equals, "EventType", NodeIds.AlarmConditionType), 0);
    assertEquals(alarms.size(), byType.size(), "Equals on EventType");
  }

  @Test
  void theEventTypesOwnPropertiesAreRecordedAndFilterable() throws Exception {
    int ns = client.milo().getNamespaceTable().getIndex(MotionUaModel.NAMESPACE_URI).intValue();
    SimpleAttributeOperand[] select = {
      field(NodeIds.BaseEventType, "Severity"),
      new SimpleAttributeOperand(
          NodeIds.BaseEventType,
          new QualifiedName[] {new QualifiedName(ns, "Link")},
          AttributeId.Value.uid(),
          null),
      new SimpleAttributeOperand(
          NodeIds.BaseEventType,
          new QualifiedName[] {new QualifiedName(ns, "Downtime")},
          AttributeId.Value.uid(),
          null),
    };
    List<HistoryEventFieldList> events =
        selected(j5, new EventFilter(select, new ContentFilter(new ContentFilterElement[0])), 0);
    HistoryEventFieldList lost = null;
    HistoryEventFieldList restored = null;
    for (HistoryEventFieldList e : events) {
      int severity = ((Number) value(e, 0)).intValue();
      if (severity == 700 && value(e, 1) != null && lost == null) {
        lost = e;
      } else if (severity == 300 && lost != null) {
        restored = e;
      }
    }
    assertTrue(lost != null && restored != null, "CommunicationLost, then Restored, with a Link");
    assertEquals("arm-bus", value(lost, 1), "CommunicationLost's own Link");
    assertNull(value(lost, 2), "CommunicationLost has no Downtime");
    assertEquals("arm-bus", value(restored, 1));
    assertTrue(
        value(restored, 2) instanceof Double d && d > 0, "Downtime in ms: " + value(restored, 2));
    ContentFilter byLink =
        new ContentFilter(
            new ContentFilterElement[] {
              new ContentFilterElement(
                  FilterOperator.Equals,
                  new ExtensionObject[] {
                    ExtensionObject.encode(client.milo().getStaticEncodingContext(), select[1]),
                    literal("arm-bus")
                  })
            });
    List<HistoryEventFieldList> onLink = selected(j5, new EventFilter(select, byLink), 0);
    assertTrue(onLink.size() >= 2, "where Link = arm-bus: the lost and restored events");
    assertTrue(onLink.size() < events.size(), "the alarms (no Link) are left out");
    assertTrue(onLink.stream().allMatch(e -> "arm-bus".equals(value(e, 1))));
  }

  @Test
  void pagesThroughContinuationPointsGiveTheSameEventsAsOneRead() throws Exception {
    List<HistoryEventFieldList> once = all(machine, null, 0);
    List<HistoryEventFieldList> paged = new ArrayList<>();
    ByteString cp = null;
    int pages = 0;
    do {
      HistoryReadResult r = read(machine, details(null, 2), cp);
      assertTrue(r.getStatusCode().isGood(), r.getStatusCode().toString());
      List<HistoryEventFieldList> page = events(r);
      assertTrue(page.size() <= 2, "page of " + page.size());
      paged.addAll(page);
      cp = r.getContinuationPoint();
      pages++;
    } while (cp != null && cp.isNotNull() && pages < 1000);
    assertTrue(pages > 1, "pages: " + pages);
    assertEquals(ids(once), ids(paged));
    // The Server object covers everything, the machine too; J1 hears nothing of J5.
    assertTrue(ids(all(NodeIds.Server, null, 0)).containsAll(ids(once)));
    assertTrue(
        all(client.path(arm, "Axes", "J1"), null, 0).stream()
            .noneMatch(e -> "J5".equals(value(e, SOURCE_NAME))));
    // Newest first when start is after end.
    HistoryReadResult backwards =
        read(j5, new ReadEventDetails(uint(0), DateTime.now(), start, filter(null)), null);
    List<String> forward = ids(all(j5, null, 0));
    List<String> reversed = new ArrayList<>(ids(events(backwards)));
    java.util.Collections.reverse(reversed);
    assertEquals(forward, reversed);
  }

  @Test
  void whatItDoesNotSupportIsRefusedWithItsStatusCode() throws Exception {
    HistoryReadResult like =
        read(j5, details(where(FilterOperator.Like, "SourceName", "J%"), 0), null);
    assertEquals(StatusCodes.Bad_FilterOperatorUnsupported, like.getStatusCode().getValue());
    HistoryReadResult count =
        read(
            j5,
            details(
                new ContentFilter(
                    new ContentFilterElement[] {
                      new ContentFilterElement(
                          FilterOperator.Equals, new ExtensionObject[] {literal(1)})
                    }),
                0),
            null);
    assertEquals(StatusCodes.Bad_FilterOperandCountMismatch, count.getStatusCode().getValue());
    HistoryReadResult noSelect =
        read(
            j5,
            new ReadEventDetails(
                uint(0),
                start,
                DateTime.now(),
                new EventFilter(
                    new SimpleAttributeOperand[0], new ContentFilter(new ContentFilterElement[0]))),
            null);
    assertEquals(StatusCodes.Bad_EventFilterInvalid, noSelect.getStatusCode().getValue());
    HistoryReadResult noTimes =
        read(
            j5,
            new ReadEventDetails(uint(0), DateTime.NULL_VALUE, DateTime.NULL_VALUE, filter(null)),
            null);
    assertEquals(StatusCodes.Bad_InvalidTimestampArgument, noTimes.getStatusCode().getValue());
    HistoryReadResult forged =
        read(j5, details(null, 0), ByteString.of(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}));
    assertEquals(StatusCodes.Bad_ContinuationPointInvalid, forged.getStatusCode().getValue());
    NodeId position = client.path(j5, "ParameterSet", "ActualPosition");
    HistoryReadResult onAVariable = read(position, details(null, 0), null);
    assertEquals(
        StatusCodes.Bad_HistoryOperationUnsupported, onAVariable.getStatusCode().getValue());
  }

  // --- helpers

  private List<HistoryEventFieldList> all(NodeId notifier, ContentFilter where, int perPage)
      throws Exception {
    return selected(notifier, filter(where), perPage);
  }

  private List<HistoryEventFieldList> selected(NodeId notifier, EventFilter filter, int perPage)
      throws Exception {
    List<HistoryEventFieldList> out = new ArrayList<>();
    ByteString cp = null;
    int pages = 0;
    do {
      HistoryReadResult r = read(notifier, eventDetails(filter, perPage), cp);
      assertTrue(r.getStatusCode().isGood(), () -> notifier + ": " + r.getStatusCode());
      out.addAll(events(r));
      cp = r.getContinuationPoint();
      pages++;
    } while (cp != null && cp.isNotNull() && pages < 1000);
    return out;
  }

  private ReadEventDetails details(ContentFilter where, int perPage) {
    return eventDetails(filter(where), perPage);
  }

  private ReadEventDetails eventDetails(EventFilter filter, int perPage) {
    return new ReadEventDetails(
        uint(perPage), start, new DateTime(DateTime.now().getUtcTime() + 10_000_000L), filter);
  }

  private static EventFilter filter(ContentFilter where) {
    // Milo's client cannot encode a null where clause: no elements means none.
    return new EventFilter(
        SELECT, where == null ? new ContentFilter(new ContentFilterElement[0]) : where);
  }

  private HistoryReadResult read(NodeId node, ReadEventDetails details, ByteString cp)
      throws Exception {
    return client.historyRead(details, node, cp);
  }

  private List<HistoryEventFieldList> events(HistoryReadResult r) {
    HistoryEvent data = client.historyBody(r, HistoryEvent.class);
    return data == null || data.getEvents() == null ? List.of() : List.of(data.getEvents());
  }

  private static Object value(HistoryEventFieldList e, int i) {
    return e.getEventFields()[i].value();
  }

  private static List<String> ids(List<HistoryEventFieldList> events) {
    return events.stream().map(e -> String.valueOf(value(e, 0))).toList();
  }

  private static String describe(List<HistoryEventFieldList> events) {
    StringBuilder b = new StringBuilder();
    for (HistoryEventFieldList e : events) {
      b.append("\n  ")
          .append(value(e, TIME))
          .append(' ')
          .append(value(e, SEVERITY))
          .append(' ')
          .append(value(e, MESSAGE))
          .append(" active=")
          .append(value(e, ACTIVE));
    }
    return b.toString();
  }

  private static SimpleAttributeOperand field(NodeId type, String... path) {
    QualifiedName[] names = new QualifiedName[path.length];
    for (int i = 0; i < path.length; i++) {
      names[i] = new QualifiedName(0, path[i]);
    }
    return new SimpleAttributeOperand(type, names, AttributeId.Value.uid(), null);
  }

  private ContentFilter where(FilterOperator op, String field, Object literal) {
    return new ContentFilter(
        new ContentFilterElement[] {
          new ContentFilterElement(
              op,
              new ExtensionObject[] {
                ExtensionObject.encode(
                    client.milo().getStaticEncodingContext(), field(NodeIds.BaseEventType, field)),
                literal(literal)
              })
        });
  }

  private ExtensionObject literal(Object value) {
    return ExtensionObject.encode(
        client.milo().getStaticEncodingContext(), new LiteralOperand(new Variant(value)));
  }

  interface Check {
    boolean test() throws Exception;
  }

  private static void await(Check check, long ms, String what) throws Exception {
    Waits.until(check::test, ms, what);
  }
}
