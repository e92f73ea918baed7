package io.motionua.server;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motionua.server.axis.AxisState;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UByte;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseDirection;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.HistoryData;
import org.eclipse.milo.opcua.stack.core.types.structured.HistoryReadResult;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadRawModifiedDetails;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HistoryRead through OPC UA (Milo's client) on the demo arm: recorded variables are marked, raw
 * reads page with continuation points, a silent drive is recorded as Bad, bad requests get their
 * specific StatusCode.
 */
class HistoryReadIT extends DemoServerTestBase {

  private static final org.eclipse.milo.opcua.stack.core.types.structured.AggregateConfiguration
      DEFAULTS =
          new org.eclipse.milo.opcua.stack.core.types.structured.AggregateConfiguration(
              true, true, UByte.valueOf(100), UByte.valueOf(100), false);

  private NodeId position;
  private volatile String seen = "";
  private NodeId axis;

  @BeforeAll
  void awaitStore() throws Exception {
    axis = client.path(arm, "Axes", "J3");
    position = client.path(axis, "ParameterSet", "ActualPosition");
    await(() -> motionUa.history().writer().store() != null, 60_000, "history store open");
  }

  @Test
  void recordedVariablesAreHistorizingAndAdvertised() throws Exception {
    DataValue historizing =
        client.milo().readValues(0.0, TimestampsToReturn.Neither, List.of(position)).get(0);
    assertNotNull(historizing);
    var attrs =
        client
            .milo()
            .read(
                0.0,
                TimestampsToReturn.Neither,
                List.of(
                    new org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId(
                        position, AttributeId.Historizing.uid(), null, QualifiedName.NULL_VALUE),
                    new org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId(
                        position,
                        AttributeId.UserAccessLevel.uid(),
                        null,
                        QualifiedName.NULL_VALUE)))
            .getResults();
    assertEquals(Boolean.TRUE, attrs[0].value().value());
    int level = ((UByte) attrs[1].value().value()).intValue();
    assertTrue((level & AccessLevel.HistoryRead.getValue()) != 0, "UserAccessLevel " + level);
    NodeId config = client.path(position, "HA Configuration");
    assertEquals(true, client.read(client.path(config, "Stepped")).value().value());
    for (var child : client.children(config)) {
      var description =
          client
              .milo()
              .readValues(0.0, TimestampsToReturn.Neither, List.of(client.toNodeId(child)))
              .get(0);
      assertNotNull(description);
      var text =
          client
              .milo()
              .read(
                  0.0,
                  TimestampsToReturn.Neither,
                  List.of(
                      new org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId(
                          client.toNodeId(child),
                          AttributeId.Description.uid(),
                          null,
                          QualifiedName.NULL_VALUE)))
              .getResults()[0]
              .value()
              .value();
      assertTrue(
          text instanceof org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText lt
              && lt.text() != null
              && !lt.text().isEmpty(),
          () -> child.getBrowseName().name() + " has no Description");
    }
    assertEquals(
        true,
        client.read(NodeIds.HistoryServerCapabilities_AccessHistoryDataCapability).value().value());
    // The aggregates ReadProcessedDetails computes, listed by both AggregateFunctions folders.
    Set<NodeId> aggregates =
        Set.of(
            NodeIds.AggregateFunction_Average,
            NodeIds.AggregateFunction_Minimum,
            NodeIds.AggregateFunction_Maximum,
            NodeIds.AggregateFunction_Count,
            NodeIds.AggregateFunction_Start,
            NodeIds.AggregateFunction_End,
            NodeIds.AggregateFunction_Interpolative,
            NodeIds.AggregateFunction_TimeAverage,
            NodeIds.AggregateFunction_DurationGood);
    assertEquals(aggregates, organized(client.path(config, "AggregateFunctions")));
    assertEquals(aggregates, organized(NodeIds.HistoryServerCapabilities_AggregateFunctions));
  }

  /** The nodes a folder organizes (forward Organizes references). */
  private Set<NodeId> organized(NodeId folder) throws Exception {
    Set<NodeId> out = new java.util.HashSet<>();
    for (var rd : client.references(folder, BrowseDirection.Forward, NodeIds.Organizes)) {
      out.add(client.toNodeId(rd));
    }
    return out;
  }

  @Test
  void aMoveIsReadBackPageByPageInTimeOrder() throws Exception {
    awaitState(AxisState.Standstill);
    DateTime start = DateTime.now();
    assertEquals(StatusCodes.Good, call("MoveAbsolute", 20.0, 0.0, 0.0, 0.0));
    awaitState(AxisState.DiscreteMotion);
    awaitState(AxisState.Standstill);
    // Commits come at least once a second: wait for the last position to be readable.
    await(() -> lastValue(start) != null && Math.abs(lastValue(start) - 20.0) < 0.01, 60_000, "20");
    DateTime end = DateTime.now();
    List<DataValue> all = new ArrayList<>();
    ByteString cp = null;
    int pages = 0;
    do {
      HistoryReadResult r = read(new ReadRawModifiedDetails(false, start, end, uint(5), false), cp);
      assertTrue(r.getStatusCode().isGood(), r.getStatusCode().toString());
      all.addAll(values(r));
      cp = r.getContinuationPoint();
      pages++;
    } while (cp != null && cp.isNotNull());
    assertTrue(pages > 1, "pages: " + pages);
    assertTrue(all.size() > 5, "values: " + all.size());
    for (int i = 1; i < all.size(); i++) {
      assertTrue(
          all.get(i).sourceTime().getUtcTime() >= all.get(i - 1).sourceTime().getUtcTime(),
          "source times in order at " + i);
    }
    double first = (Double) all.get(0).value().value();
    double last = (Double) all.get(all.size() - 1).value().value();
    assertTrue(first < 1.0, "first " + first);
    assertEquals(20.0, last, 0.01);
    // Aggregates over the whole range against the same figures computed here from the raw values.
    List<Double> good =
        all.stream()
            .filter(d -> d.statusCode().isGood())
            .map(d -> (Double) d.value().value())
            .toList();
    assertEquals(
        good.size(), ((Number) processed(start, end, NodeIds.AggregateFunction_Count)).intValue());
    assertEquals(
        good.stream().mapToDouble(Double::doubleValue).average().orElseThrow(),
        (Double) processed(start, end, NodeIds.AggregateFunction_Average),
        1e-9);
    assertEquals(
        good.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
        (Double) processed(start, end, NodeIds.AggregateFunction_Minimum),
        1e-9);
    assertEquals(
        good.stream().mapToDouble(Double::doubleValue).max().orElseThrow(),
        (Double) processed(start, end, NodeIds.AggregateFunction_Maximum),
        1e-9);
    assertEquals(
        good.get(0), (Double) processed(start, end, NodeIds.AggregateFunction_Start), 1e-9);
    assertEquals(
        good.get(good.size() - 1),
        (Double) processed(start, end, NodeIds.AggregateFunction_End),
        1e-9);
    HistoryReadResult total =
        client.historyRead(
            new org.eclipse.milo.opcua.stack.core.types.structured.ReadProcessedDetails(
                start, end, 0.0, new NodeId[] {NodeIds.AggregateFunction_Total}, DEFAULTS),
            position,
            null);
    assertEquals(StatusCodes.Bad_AggregateNotSupported, total.getStatusCode().getValue());
    // Start after end: the same values newest first.
    HistoryReadResult backward =
        read(new ReadRawModifiedDetails(false, end, start, uint(0), false), null);
    List<DataValue> reversed = values(backward);
    assertEquals(all.size(), reversed.size());
    assertEquals(last, (Double) reversed.get(0).value().value(), 1e-9);
  }

  @Test
  void aSilentDriveIsRecordedAsBadNotAsAGap() throws Exception {
    NodeId j4 = client.path(arm, "Axes", "J4", "ParameterSet", "ActualPosition");
    DateTime start = DateTime.now();
    motionUa.simulator("arm-bus").setResponding(4, false);
    try {
      await(() -> client.read(j4).statusCode().isBad(), 10_000, "J4 goes Bad");
    } finally {
      motionUa.simulator("arm-bus").setResponding(4, true);
    }
    await(() -> client.read(j4).statusCode().isGood(), 10_000, "J4 Good again");
    await(
        () -> {
          List<DataValue> v =
              values(
                  read(
                      new ReadRawModifiedDetails(false, start, DateTime.now(), uint(0), false),
                      null,
                      j4));
          seen = v.toString();
          return v.stream().anyMatch(d -> d.statusCode().isBad())
              && v.get(v.size() - 1).statusCode().isGood();
        },
        5000,
        () -> "a Bad value then a Good one in J4's history: " + seen);
  }

  @Test
  void badRequestsGetTheirOwnStatusCode() throws Exception {
    HistoryReadResult noTimes =
        read(
            new ReadRawModifiedDetails(
                false, DateTime.NULL_VALUE, DateTime.NULL_VALUE, uint(0), false),
            null);
    assertEquals(StatusCodes.Bad_InvalidTimestampArgument, noTimes.getStatusCode().getValue());
    HistoryReadResult forged =
        read(
            new ReadRawModifiedDetails(false, DateTime.now(), DateTime.now(), uint(0), false),
            ByteString.of(new byte[] {1, 2, 3, 4}));
    assertEquals(StatusCodes.Bad_ContinuationPointInvalid, forged.getStatusCode().getValue());
    HistoryReadResult modified =
        read(
            new ReadRawModifiedDetails(true, DateTime.now(), DateTime.now(), uint(0), false), null);
    assertEquals(StatusCodes.Bad_HistoryOperationUnsupported, modified.getStatusCode().getValue());
  }

  @Test
  void boundsComeBeforeAndAfterTheRange() throws Exception {
    awaitSomethingRecorded();
    DateTime future = new DateTime(DateTime.now().getUtcTime() + 36_000_000_000L);
    DateTime later = new DateTime(future.getUtcTime() + 10_000_000);
    List<DataValue> v =
        values(read(new ReadRawModifiedDetails(false, future, later, uint(0), true), null));
    assertEquals(2, v.size(), v.toString());
    assertTrue(v.get(0).statusCode().isGood(), "start bound is the last value before the range");
    assertEquals(StatusCodes.Bad_BoundNotFound, v.get(1).statusCode().getValue());
  }

  @Test
  void atTimeGivesTheValueHeldThenOrNoData() throws Exception {
    awaitSomethingRecorded();
    DateTime longAgo = new DateTime(java.time.Instant.parse("2000-01-01T00:00:00Z"));
    DateTime now = DateTime.now();
    HistoryReadResult r =
        client.historyRead(
            new org.eclipse.milo.opcua.stack.core.types.structured.ReadAtTimeDetails(
                new DateTime[] {longAgo, now}, false),
            position,
            null);
    assertTrue(r.getStatusCode().isGood(), r.getStatusCode().toString());
    List<DataValue> v = values(r);
    assertEquals(2, v.size());
    assertEquals(StatusCodes.Bad_NoData, v.get(0).statusCode().getValue());
    assertTrue(v.get(1).statusCode().isGood(), v.get(1).toString());
    assertEquals(now.getUtcTime(), v.get(1).sourceTime().getUtcTime(), "at the time asked");
    assertEquals(
        (Double) client.read(position).value().value(),
        (Double) v.get(1).value().value(),
        0.01,
        "the value held now");
  }

  @Test
  void processedReadsPageThroughContinuationPointsAndRefuseEndBeforeStart() throws Exception {
    // A session of its own: the continuation points it leaves do not count against the others'.
    try (UaTestClient own = AxisProbe.connect(motionUa)) {
      processedPages(own);
    }
  }

  private void processedPages(UaTestClient own) throws Exception {
    // Whole milliseconds: the store keeps microseconds, DateTime has 100 ns ticks.
    DateTime end = new DateTime(DateTime.now().getUtcTime() / 10_000 * 10_000);
    DateTime start = new DateTime(end.getUtcTime() - 25_000L * 10_000); // 25 s, in 100 ns ticks
    // 1 ms intervals: 25,000 results, in pages of at most 10,000.
    List<DataValue> all = new ArrayList<>();
    ByteString cp = null;
    int pages = 0;
    do {
      HistoryReadResult r = countsPerMs(own, start, end, cp);
      assertTrue(r.getStatusCode().isGood(), r.getStatusCode().toString());
      List<DataValue> page = values(r);
      assertTrue(page.size() <= 10_000, "page of " + page.size());
      all.addAll(page);
      cp = r.getContinuationPoint();
      pages++;
    } while (cp != null && cp.isNotNull() && pages < 10);
    assertEquals(3, pages);
    assertEquals(25_000, all.size());
    for (int i = 0; i < all.size(); i++) {
      assertEquals(
          start.getUtcTime() + i * 10_000L,
          all.get(i).sourceTime().getUtcTime(),
          "interval " + i + " starts 1 ms after the one before");
    }
    long counted = all.stream().mapToLong(d -> ((Number) d.value().value()).longValue()).sum();
    assertEquals(
        ((Number) processed(start, end, NodeIds.AggregateFunction_Count)).longValue(),
        counted,
        "the pages count what one interval over the range counts");
    // A continuation point is used once.
    ByteString point = countsPerMs(own, start, end, null).getContinuationPoint();
    assertTrue(countsPerMs(own, start, end, point).getStatusCode().isGood());
    assertEquals(
        StatusCodes.Bad_ContinuationPointInvalid,
        countsPerMs(own, start, end, point).getStatusCode().getValue());
    // End before start: not served (docs/history.md).
    assertEquals(
        StatusCodes.Bad_InvalidTimestampArgument,
        own.historyRead(
                new org.eclipse.milo.opcua.stack.core.types.structured.ReadProcessedDetails(
                    end, start, 1000.0, new NodeId[] {NodeIds.AggregateFunction_Average}, DEFAULTS),
                position,
                null)
            .getStatusCode()
            .getValue());
  }

  /** A page of Counts per millisecond over [start, end). */
  private HistoryReadResult countsPerMs(
      UaTestClient own, DateTime start, DateTime end, ByteString cp) throws Exception {
    return own.historyRead(
        new org.eclipse.milo.opcua.stack.core.types.structured.ReadProcessedDetails(
            start, end, 1.0, new NodeId[] {NodeIds.AggregateFunction_Count}, DEFAULTS),
        position,
        cp);
  }

  /** One aggregate over [start, end) as one interval; its value. */
  private Object processed(DateTime start, DateTime end, NodeId aggregate) throws Exception {
    HistoryReadResult r =
        client.historyRead(
            new org.eclipse.milo.opcua.stack.core.types.structured.ReadProcessedDetails(
                start, end, 0.0, new NodeId[] {aggregate}, DEFAULTS),
            position,
            null);
    assertTrue(r.getStatusCode().isGood(), r.getStatusCode().toString());
    List<DataValue> v = values(r);
    assertEquals(1, v.size(), v.toString());
    assertTrue(v.get(0).statusCode().isGood(), v.get(0).toString());
    return v.get(0).value().value();
  }

  private Double lastValue(DateTime start) throws Exception {
    List<DataValue> v =
        values(
            read(new ReadRawModifiedDetails(false, DateTime.now(), start, uint(1), false), null));
    return v.isEmpty() ? null : (Double) v.get(0).value().value();
  }

  private HistoryReadResult read(ReadRawModifiedDetails details, ByteString cp) throws Exception {
    return read(details, cp, position);
  }

  private HistoryReadResult read(ReadRawModifiedDetails details, ByteString cp, NodeId node)
      throws Exception {
    return client.historyRead(details, node, cp);
  }

  private List<DataValue> values(HistoryReadResult r) {
    HistoryData data = client.historyBody(r, HistoryData.class);
    return data == null || data.getDataValues() == null ? List.of() : List.of(data.getDataValues());
  }

  private long call(String method, Object... args) throws Exception {
    Variant[] variants = new Variant[args.length];
    for (int i = 0; i < args.length; i++) {
      variants[i] = new Variant(args[i]);
    }
    return client.call(axis, client.path(axis, method), variants).getStatusCode().getValue();
  }

  /** The store opens in the background (seconds on a busy machine): wait for a first value. */
  private void awaitSomethingRecorded() throws Exception {
    DateTime longAgo = new DateTime(java.time.Instant.parse("2000-01-01T00:00:00Z"));
    await(() -> lastValue(longAgo) != null, 60_000, "a recorded position");
  }

  private void awaitState(AxisState expected) throws Exception {
    NodeId node = client.path(axis, "ParameterSet", "AxisState");
    await(
        () -> AxisState.values()[(Integer) client.read(node).value().value()] == expected,
        10_000,
        "J3 " + expected);
  }

  interface Check {
    boolean test() throws Exception;
  }

  private static void await(Check check, long ms, String what) throws Exception {
    await(check, ms, () -> what);
  }

  private static void await(Check check, long ms, java.util.function.Supplier<String> what)
      throws Exception {
    Waits.until(check::test, java.time.Duration.ofMillis(ms), what::get);
  }
}
