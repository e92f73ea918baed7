package io.motionua.server.history;

import io.motionua.server.opcua.StatusMapping;
import io.motionua.server.opcua.StatusMapping.HistoryOutcome;
import io.motionua.server.security.Role;
import io.motionua.server.security.SessionRoles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.milo.opcua.sdk.server.AddressSpaceFilter;
import org.eclipse.milo.opcua.sdk.server.AddressSpaceFragment;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.Session;
import org.eclipse.milo.opcua.sdk.server.SimpleAddressSpaceFilter;
import org.eclipse.milo.opcua.sdk.server.items.DataItem;
import org.eclipse.milo.opcua.sdk.server.items.MonitoredItem;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExtensionObject;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.HistoryData;
import org.eclipse.milo.opcua.stack.core.types.structured.HistoryEvent;
import org.eclipse.milo.opcua.stack.core.types.structured.HistoryEventFieldList;
import org.eclipse.milo.opcua.stack.core.types.structured.HistoryReadDetails;
import org.eclipse.milo.opcua.stack.core.types.structured.HistoryReadResult;
import org.eclipse.milo.opcua.stack.core.types.structured.HistoryReadValueId;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadAtTimeDetails;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadEventDetails;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadProcessedDetails;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadRawModifiedDetails;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;
import org.eclipse.milo.opcua.stack.core.types.structured.ViewDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.WriteValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves HistoryRead for the recorded variables and the event notifiers (events); registered first,
 * it takes only history reads of those nodes, everything else stays with their namespaces. Runs on
 * Milo's pool: a read is one bounded query of the store (at most {@link HistoryRawRead#MAX_PAGE}
 * values per node), never a device. Refusals carry the StatusCode {@link StatusMapping} decides.
 */
final class HistoryAddressSpace implements AddressSpaceFragment {

  private static final Logger logger = LoggerFactory.getLogger(HistoryAddressSpace.class);

  private final OpcUaServer server;
  private final Map<NodeId, RecordedVariable> recorded;
  private final HistoryWriter writer;
  private final HistoryContinuations continuations =
      new HistoryContinuations(System::currentTimeMillis);
  private final HistoryEventNotifiers notifiers;
  private final AddressSpaceFilter filter;

  HistoryAddressSpace(
      OpcUaServer server,
      Map<NodeId, RecordedVariable> recorded,
      HistoryEventNotifiers notifiers,
      HistoryWriter writer) {
    this.server = server;
    this.recorded = Map.copyOf(recorded);
    this.notifiers = notifiers;
    this.writer = writer;
    this.filter =
        new SimpleAddressSpaceFilter() {
          @Override
          protected boolean filterNode(NodeId nodeId) {
            return false;
          }

          @Override
          protected boolean filterMonitoredItem(NodeId nodeId) {
            return false;
          }

          @Override
          public boolean filterHistoryRead(OpcUaServer s, HistoryReadValueId id) {
            return HistoryAddressSpace.this.recorded.containsKey(id.getNodeId())
                || notifiers.isNotifier(id.getNodeId());
          }
        };
  }

  @Override
  public AddressSpaceFilter getFilter() {
    return filter;
  }

  @Override
  public List<HistoryReadResult> historyRead(
      HistoryReadContext context,
      HistoryReadDetails details,
      TimestampsToReturn timestamps,
      List<HistoryReadValueId> ids) {
    Optional<Session> session = context.getSession();
    NodeId sessionId = session.map(Session::getSessionId).orElse(NodeId.NULL_VALUE);
    boolean events = details instanceof ReadEventDetails;
    HistoryOutcome refusal = null;
    if (!SessionRoles.allows(session, Role.VIEWER)) {
      refusal = HistoryOutcome.ACCESS_DENIED;
    } else if (!events
        && !(details instanceof ReadAtTimeDetails)
        && !(details instanceof ReadProcessedDetails)
        && (!(details instanceof ReadRawModifiedDetails raw)
            || Boolean.TRUE.equals(raw.getIsReadModified()))) {
      refusal = HistoryOutcome.UNSUPPORTED;
    } else if (!events && timestamps == TimestampsToReturn.Neither) {
      // Event fields carry their own times: TimestampsToReturn does not apply to them.
      refusal = HistoryOutcome.BAD_TIMESTAMPS_TO_RETURN;
    } else if (writer.store() == null) {
      refusal = HistoryOutcome.STORE_UNAVAILABLE;
    }
    List<HistoryReadResult> results = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      HistoryReadValueId id = ids.get(i);
      boolean variable = recorded.containsKey(id.getNodeId());
      results.add(
          refusal != null
              ? refused(refusal)
              : events
                  ? notifiers.isNotifier(id.getNodeId())
                      ? readEvents(sessionId, (ReadEventDetails) details, id)
                      : refused(HistoryOutcome.UNSUPPORTED)
                  : !variable
                      ? refused(HistoryOutcome.UNSUPPORTED)
                      : details instanceof ReadProcessedDetails processed
                          ? readProcessed(sessionId, processed, i, timestamps, id)
                          : details instanceof ReadAtTimeDetails atTime
                              ? readAtTime(atTime, timestamps, id)
                              : read(sessionId, (ReadRawModifiedDetails) details, timestamps, id));
    }
    return results;
  }

  /**
   * A page's result: a continuation point when more follow (Bad_NoContinuationPoints when none is
   * free), Good_NoData when the page is empty and nothing follows.
   */
  private HistoryReadResult pageResult(
      Optional<? extends HistoryContinuations.Held> more,
      boolean empty,
      org.eclipse.milo.opcua.stack.core.types.UaStructuredType body) {
    ByteString next = null;
    if (more.isPresent()) {
      Optional<ByteString> added = continuations.add(more.get());
      if (added.isEmpty()) {
        return refused(HistoryOutcome.NO_CONTINUATION_POINTS);
      }
      next = added.get();
    }
    StatusCode status =
        empty && next == null
            ? new StatusCode(StatusMapping.code(HistoryOutcome.NO_DATA))
            : StatusCode.GOOD;
    return new HistoryReadResult(
        status, next, ExtensionObject.encode(server.getStaticEncodingContext(), body));
  }

  /** ReadEventDetails on a notifier: a page of the events it covers, per the filter. */
  private HistoryReadResult readEvents(
      NodeId session, ReadEventDetails details, HistoryReadValueId id) {
    EventFields fields = new EventFields(server);
    var encoding = server.getStaticEncodingContext();
    try {
      HistoryEventRead.Position position;
      ByteString cp = id.getContinuationPoint();
      if (HistoryContinuations.given(cp)) {
        Optional<HistoryEventRead.Position> at =
            continuations.resume(
                session,
                cp,
                HistoryEventRead.Position.class,
                p -> p.notifier().equals(id.getNodeId()));
        if (at.isEmpty()) {
          return refused(HistoryOutcome.BAD_CONTINUATION_POINT);
        }
        position = at.get();
      } else {
        position =
            HistoryEventRead.start(
                session, id.getNodeId(), details, encoding, fields, System.currentTimeMillis());
      }
      HistoryEventRead.Page page =
          HistoryEventRead.read(
              writer.store(), notifiers.sourceKeys(id.getNodeId()), position, encoding, fields);
      return pageResult(
          page.next(),
          page.events().isEmpty(),
          new HistoryEvent(page.events().toArray(HistoryEventFieldList[]::new)));
    } catch (HistoryRawRead.Refusal r) {
      return refused(r.outcome);
    } catch (Exception e) {
      logger.warn("event history read of {} failed: {}", id.getNodeId(), e.toString());
      return refused(HistoryOutcome.STORE_FAILED);
    }
  }

  private HistoryReadResult read(
      NodeId session,
      ReadRawModifiedDetails details,
      TimestampsToReturn timestamps,
      HistoryReadValueId id) {
    RecordedVariable v = recorded.get(id.getNodeId());
    HistoryStore store = writer.store();
    try {
      HistoryRawRead.Page page;
      ByteString cp = id.getContinuationPoint();
      if (HistoryContinuations.given(cp)) {
        Optional<HistoryContinuations.Position> at =
            continuations.resume(
                session, cp, HistoryContinuations.Position.class, p -> p.node().equals(v.key()));
        if (at.isEmpty()) {
          return refused(HistoryOutcome.BAD_CONTINUATION_POINT);
        }
        page = HistoryRawRead.next(store, v, at.get());
      } else {
        page = HistoryRawRead.first(store, session, v, details, System.currentTimeMillis());
      }
      DataValue[] values =
          page.values().stream()
              .map(dv -> HistoryRawRead.withTimestamps(dv, timestamps))
              .toArray(DataValue[]::new);
      return pageResult(page.next(), values.length == 0, new HistoryData(values));
    } catch (HistoryRawRead.Refusal r) {
      return refused(r.outcome);
    } catch (Exception e) {
      return failed("history read", v, e);
    }
  }

  /**
   * The aggregate of the i-th node of this group: Milo hands this address space only its own nodes
   * of the request, so a request mixing nodes of other address spaces must name one aggregate for
   * all (docs/history.md). A continuation point carries the aggregate and the intervals left.
   */
  private HistoryReadResult readProcessed(
      NodeId session,
      ReadProcessedDetails details,
      int i,
      TimestampsToReturn timestamps,
      HistoryReadValueId id) {
    RecordedVariable v = recorded.get(id.getNodeId());
    try {
      HistoryProcessedRead.Page page;
      ByteString cp = id.getContinuationPoint();
      if (HistoryContinuations.given(cp)) {
        Optional<HistoryProcessedRead.Position> at =
            continuations.resume(
                session, cp, HistoryProcessedRead.Position.class, p -> p.node().equals(v.key()));
        if (at.isEmpty()) {
          return refused(HistoryOutcome.BAD_CONTINUATION_POINT);
        }
        page = HistoryProcessedRead.next(writer.store(), v, at.get());
      } else {
        NodeId[] types = details.getAggregateType();
        if (types == null || types.length == 0) {
          return refused(HistoryOutcome.AGGREGATE_NOT_SUPPORTED);
        }
        NodeId type = types.length == 1 ? types[0] : types[Math.min(i, types.length - 1)];
        page =
            HistoryProcessedRead.first(
                writer.store(), session, v, details, type, System.currentTimeMillis());
      }
      DataValue[] values =
          page.values().stream()
              .map(dv -> HistoryRawRead.withTimestamps(dv, timestamps))
              .toArray(DataValue[]::new);
      return pageResult(page.next(), values.length == 0, new HistoryData(values));
    } catch (HistoryRawRead.Refusal r) {
      return refused(r.outcome);
    } catch (Exception e) {
      return failed("processed history read", v, e);
    }
  }

  /**
   * The answer to a read of {@code v}'s values that failed: Bad_DataLost when a block of them is
   * damaged on disk (logged as an error, naming the block: the rest of the store still answers),
   * Bad_InternalError for anything else.
   */
  private HistoryReadResult failed(String what, RecordedVariable v, Exception e) {
    if (e instanceof CorruptBlockException) {
      logger.error("{} of {}: values lost, {}", what, v.key(), e.getMessage());
      return refused(HistoryOutcome.DATA_LOST);
    }
    logger.warn("{} of {} failed: {}", what, v.key(), e.toString());
    return refused(HistoryOutcome.STORE_FAILED);
  }

  private HistoryReadResult readAtTime(
      ReadAtTimeDetails details, TimestampsToReturn timestamps, HistoryReadValueId id) {
    RecordedVariable v = recorded.get(id.getNodeId());
    try {
      DataValue[] values =
          HistoryAtTimeRead.read(writer.store(), v, details).stream()
              .map(dv -> HistoryRawRead.withTimestamps(dv, timestamps))
              .toArray(DataValue[]::new);
      return new HistoryReadResult(
          StatusCode.GOOD,
          null,
          ExtensionObject.encode(server.getStaticEncodingContext(), new HistoryData(values)));
    } catch (HistoryRawRead.Refusal r) {
      return refused(r.outcome);
    } catch (Exception e) {
      return failed("history read at time", v, e);
    }
  }

  private static HistoryReadResult refused(HistoryOutcome outcome) {
    return new HistoryReadResult(new StatusCode(StatusMapping.code(outcome)), null, null);
  }

  /** Continuation points held now, all sessions (for tests and diagnostics). */
  int continuationPoints() {
    return continuations.size();
  }

  // The filter routes nothing else here; these answer as for unknown nodes if ever asked.

  @Override
  public List<ReferenceResult> browse(
      BrowseContext context, ViewDescription view, List<NodeId> nodeIds) {
    return nodeIds.stream()
        .map(n -> (ReferenceResult) new ReferenceResult.ReferenceList(List.of()))
        .toList();
  }

  @Override
  public ReferenceResult.ReferenceList gather(
      BrowseContext context, ViewDescription view, NodeId nodeId) {
    return new ReferenceResult.ReferenceList(List.of());
  }

  @Override
  public List<DataValue> read(
      ReadContext context,
      Double maxAge,
      TimestampsToReturn timestamps,
      List<ReadValueId> readValueIds) {
    return readValueIds.stream()
        .map(r -> new DataValue(new StatusCode(StatusCodes.Bad_NodeIdUnknown)))
        .toList();
  }

  @Override
  public List<StatusCode> write(WriteContext context, List<WriteValue> writeValues) {
    return writeValues.stream().map(w -> new StatusCode(StatusCodes.Bad_NodeIdUnknown)).toList();
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
