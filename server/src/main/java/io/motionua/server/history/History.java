package io.motionua.server.history;

import io.motionua.server.config.HistorySpec;
import io.motionua.server.events.EventScopes;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.milo.opcua.sdk.server.ManagedNamespace;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recording and HistoryRead for one machine: marks the recorded variables, observes them, writes
 * through {@link HistoryWriter} into {@code <data-dir>/history} and serves HistoryRead. {@link
 * #close()} unregisters the reads, writes what is queued and closes the store.
 */
public final class History implements AutoCloseable {

  private static final Logger logger = LoggerFactory.getLogger(History.class);

  /** Samples the queue holds: about ten seconds of the demo arm, unthinned. */
  static final int QUEUE_CAPACITY = 65_536;

  private final OpcUaServer server;
  private final HistoryWriter writer;
  private final HistoryAddressSpace addressSpace;
  private final EventRecorder eventRecorder;
  private final int variables;
  private final java.util.Set<NodeId> recordedNodes;

  private History(
      OpcUaServer server,
      HistoryWriter writer,
      HistoryAddressSpace addressSpace,
      EventRecorder eventRecorder,
      java.util.Set<NodeId> recordedNodes) {
    this.server = server;
    this.writer = writer;
    this.addressSpace = addressSpace;
    this.eventRecorder = eventRecorder;
    this.variables = recordedNodes.size();
    this.recordedNodes = java.util.Set.copyOf(recordedNodes);
  }

  /**
   * Starts recording the namespace's variables that {@code spec} names and every event the server
   * fires; the store opens in the background, so this returns at once.
   *
   * @param scopes the machine's event notifiers and the sources each covers
   * @param tee also gets every recorded value and event (the external historian); null: none
   */
  public static History start(
      HistorySpec spec,
      Path dataDir,
      OpcUaServer server,
      ManagedNamespace namespace,
      EventScopes scopes,
      HistoryTee tee)
      throws UaException {
    long t0 = System.nanoTime();
    Map<UaVariableNode, RecordedVariable> recorded =
        HistoryNodes.mark(namespace.getNodeManager(), namespace.getNodeContext(), spec);
    Path dir = dataDir.resolve("history");
    HistoryWriter writer =
        new HistoryWriter(
            QUEUE_CAPACITY,
            () -> HistoryStore.open(dir),
            new HistoryWriter.Retention(spec.maxAgeDays(), spec.maxSizeMb() * 1024L * 1024L),
            Clock.systemUTC());
    Map<NodeId, RecordedVariable> byNode = new LinkedHashMap<>();
    recorded.values().forEach(v -> byNode.put(v.nodeId(), v));
    HistoryEventNotifiers notifiers = new HistoryEventNotifiers(server, scopes);
    HistoryAddressSpace addressSpace = new HistoryAddressSpace(server, byNode, notifiers, writer);
    server.getAddressSpaceManager().registerFirst(addressSpace);
    notifiers.mark();
    HistoryCapabilities.advertise(server, true);
    writer.tee(tee);
    writer.start();
    HistoryRecorder.attach(recorded, writer);
    EventRecorder eventRecorder = new EventRecorder(server, writer);
    eventRecorder.attach();
    logger.info(
        "history: recording {} variables and the events of {} notifiers into {} (set up in {} ms;"
            + " the store opens in the background)",
        recorded.size(),
        notifiers.all().size(),
        dir,
        (System.nanoTime() - t0) / 1_000_000);
    return new History(server, writer, addressSpace, eventRecorder, byNode.keySet());
  }

  /** The writer, for its counters (queued, written, dropped). */
  public HistoryWriter writer() {
    return writer;
  }

  /** How many variables are recorded. */
  public int variables() {
    return variables;
  }

  /** The node ids of the recorded variables. */
  public java.util.Set<NodeId> recordedNodes() {
    return recordedNodes;
  }

  /** Continuation points held by all sessions. */
  public int continuationPoints() {
    return addressSpace.continuationPoints();
  }

  @Override
  public void close() throws InterruptedException {
    eventRecorder.detach();
    server.getAddressSpaceManager().unregister(addressSpace);
    writer.close();
  }

  @Override
  public String toString() {
    return "history";
  }
}
