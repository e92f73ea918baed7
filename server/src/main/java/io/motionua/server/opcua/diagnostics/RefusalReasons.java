package io.motionua.server.opcua.diagnostics;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;

/**
 * Why operations of the request being served were refused, for the DiagnosticInfos of its response.
 * Milo keeps only the StatusCode of a refused write or call (the UaException's message is dropped
 * where Milo catches it), so the code that refuses records its reason here, keyed by the node
 * written or the method called.
 *
 * <p>Milo serves a Write or Call request on one thread, from the service set down to our filters
 * and method handlers, so the reasons are collected per thread, and only while a service set that
 * will use them is {@link #collect() collecting}: otherwise {@link #record} does nothing.
 */
public final class RefusalReasons implements AutoCloseable {

  private static final ThreadLocal<RefusalReasons> current = new ThreadLocal<>();

  /** Bounds what one request can pile up (Milo's own limit is 10,000 operations per request). */
  private static final int MAX_REASONS = 10_000;

  private final Map<NodeId, Queue<String>> byNode = new HashMap<>();
  private final RefusalReasons outer;
  private int count;

  private RefusalReasons(RefusalReasons outer) {
    this.outer = outer;
  }

  /** Starts collecting on this thread until {@link #close()}. */
  public static RefusalReasons collect() {
    RefusalReasons reasons = new RefusalReasons(current.get());
    current.set(reasons);
    return reasons;
  }

  /**
   * Records why an operation on {@code node} (the variable written, the method called) was refused.
   * Does nothing unless a service set is collecting on this thread.
   */
  public static void record(NodeId node, String reason) {
    RefusalReasons reasons = current.get();
    if (reasons != null && node != null && reason != null && reasons.count < MAX_REASONS) {
      reasons.byNode.computeIfAbsent(node, n -> new ArrayDeque<>()).add(reason);
      reasons.count++;
    }
  }

  /**
   * The reason recorded first (and not yet taken) for an operation on {@code node}: operations on
   * the same node in one request take their reasons in order.
   */
  Optional<String> take(NodeId node) {
    Queue<String> queue = byNode.get(node);
    return queue == null ? Optional.empty() : Optional.ofNullable(queue.poll());
  }

  @Override
  public void close() {
    if (outer == null) {
      current.remove();
    } else {
      current.set(outer);
    }
  }
}
