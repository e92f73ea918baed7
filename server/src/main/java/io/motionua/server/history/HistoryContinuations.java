package io.motionua.server.history;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.util.NonceUtil;

/**
 * The continuation points of HistoryRead, per session: random ids (a guessed or forged one is
 * unknown), at most {@link #PER_SESSION} per session, each forgotten once used, released, or {@link
 * #EXPIRY_MS} old. A session's points are only found by the same session.
 */
final class HistoryContinuations {

  /** Continuation points one session may hold. */
  static final int PER_SESSION = 10;

  /** Points of all sessions together (a bound on memory when sessions vanish). */
  static final int TOTAL = 1000;

  /** A point unused this long is forgotten. */
  static final long EXPIRY_MS = 10 * 60_000;

  /** What a continuation point holds: a read's position, of one session. */
  interface Held {
    NodeId session();

    long createdMs();
  }

  /** Where a raw read stopped: the same query, and how many values were already returned. */
  record Position(
      NodeId session,
      String node,
      long fromMicros,
      long toMicros,
      boolean newestFirst,
      long skip,
      int pageSize,
      boolean endBound,
      long endMicros,
      long createdMs)
      implements Held {}

  private final Map<ByteString, Held> points = new LinkedHashMap<>();
  private final LongSupplier clockMs;

  HistoryContinuations(LongSupplier clockMs) {
    this.clockMs = clockMs;
  }

  /** Stores a position; empty when the session already holds {@link #PER_SESSION}. */
  synchronized Optional<ByteString> add(Held position) {
    expire();
    long held =
        points.values().stream().filter(p -> p.session().equals(position.session())).count();
    if (held >= PER_SESSION) {
      return Optional.empty();
    }
    if (points.size() >= TOTAL) {
      Iterator<ByteString> oldest = points.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
    ByteString id = NonceUtil.generateNonce(16);
    points.put(id, position);
    return Optional.of(id);
  }

  /** Takes (and forgets) a session's point; empty when unknown to this session. */
  synchronized Optional<Held> take(NodeId session, ByteString id) {
    expire();
    Held p = points.get(id);
    if (p == null || !p.session().equals(session)) {
      return Optional.empty();
    }
    points.remove(id);
    return Optional.of(p);
  }

  /** Whether a request carries a continuation point (a null or empty one is none). */
  static boolean given(ByteString cp) {
    return cp != null && cp.isNotNull() && cp.length() > 0;
  }

  /**
   * Takes a session's point if it holds a {@code type} that {@code forThis} accepts (the node the
   * request names); empty otherwise, and the point is used up either way.
   */
  <T extends Held> Optional<T> resume(
      NodeId session, ByteString cp, Class<T> type, java.util.function.Predicate<T> forThis) {
    return take(session, cp).filter(type::isInstance).map(type::cast).filter(forThis);
  }

  /** Points held now (all sessions). */
  synchronized int size() {
    return points.size();
  }

  private void expire() {
    long now = clockMs.getAsLong();
    points.values().removeIf(p -> now - p.createdMs() > EXPIRY_MS);
  }
}
