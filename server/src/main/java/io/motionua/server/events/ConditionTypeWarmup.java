package io.motionua.server.events;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.milo.opcua.sdk.server.NodeManager;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.UaNodeManager;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNodeContext;
import org.eclipse.milo.opcua.sdk.server.nodes.factories.NodeFactory;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares Milo's instance-declaration hierarchies of the alarm types on two threads of its own
 * while start-up goes on, so that the first AlarmCondition of each type does not build them on the
 * main thread.
 *
 * <p>Why: Milo 1.1.2's NodeFactory builds the hierarchy of a type (every declaration of the type
 * and its supertypes, each compared through a new NamespaceTable) on the first instance of that
 * type, and rebuilds the supertypes' part for each further type. For AlarmConditionType and
 * NonExclusiveLevelAlarmType this was about half the main thread's CPU time in a start of the demo
 * (docs/benchmarks.md). The hierarchies depend only on namespace 0, which is complete once the
 * OpcUaServer exists, and Milo caches them in a static, thread-safe cache: an instance created
 * while a hierarchy is still being built waits for that build instead of repeating it.
 *
 * <p>The warm-up instantiates each type once into a scratch NodeManager that no address space
 * knows, and throws the nodes away.
 */
public final class ConditionTypeWarmup implements AutoCloseable {

  private static final Logger logger = LoggerFactory.getLogger(ConditionTypeWarmup.class);

  /** The types our alarms instantiate ({@link AxisAlarms}, {@link OverTemperatureAlarm}). */
  static final List<NodeId> TYPES =
      List.of(NodeIds.AlarmConditionType, NodeIds.NonExclusiveLevelAlarmType);

  /** Longest a close waits for a build in progress (it only reads the address space). */
  private static final long CLOSE_WAIT_MS = 2_000;

  private final ExecutorService executor;

  private ConditionTypeWarmup(ExecutorService executor) {
    this.executor = executor;
  }

  /** Starts building the hierarchies of {@link #TYPES}, one thread each. */
  public static ConditionTypeWarmup start(OpcUaServer server) {
    AtomicInteger count = new AtomicInteger();
    var executor =
        new ThreadPoolExecutor(
            TYPES.size(),
            TYPES.size(),
            0,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(TYPES.size()),
            r -> {
              Thread t = new Thread(r, "condition-type-warmup-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    for (NodeId type : TYPES) {
      executor.execute(() -> build(scratchContext(server), type));
    }
    executor.shutdown();
    return new ConditionTypeWarmup(executor);
  }

  /** A context whose nodes land in a NodeManager of their own, gone with the warm-up. */
  private static UaNodeContext scratchContext(OpcUaServer server) {
    UaNodeManager scratch = new UaNodeManager();
    return new UaNodeContext() {
      @Override
      public OpcUaServer getServer() {
        return server;
      }

      @Override
      public NodeManager<UaNode> getNodeManager() {
        return scratch;
      }
    };
  }

  private static void build(UaNodeContext context, NodeId type) {
    long t0 = System.nanoTime();
    try {
      NodeId scratchRoot = new NodeId(0, "motionua-warmup-" + type.getIdentifier());
      new NodeFactory(context).createNode(scratchRoot, type);
      logger.debug("hierarchy of {} built in {} ms", type.toParseableString(), elapsedMs(t0));
    } catch (Exception | LinkageError e) {
      // Only a head start: the first real instance builds the hierarchy itself.
      logger.debug("warm-up of {} failed: {}", type.toParseableString(), e.toString());
    }
  }

  private static long elapsedMs(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }

  @Override
  public void close() throws InterruptedException {
    if (!executor.awaitTermination(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS)) {
      executor.shutdownNow();
      logger.warn("condition type warm-up still running {} ms after close", CLOSE_WAIT_MS);
    }
  }

  @Override
  public String toString() {
    return "condition-type-warmup";
  }
}
