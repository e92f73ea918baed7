package io.motionua.server.session;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Sessions created but not activated yet, oldest first, with the client address that created each.
 * A flood of CreateSession without ActivateSession must not fill the server: each address may hold
 * only a few (its oldest is dropped for a new one), all addresses together a bounded number (the
 * oldest anywhere is dropped), and none lives longer than the activation timeout. A client that
 * activates at once is never the oldest, so it is not dropped by a flood.
 *
 * <p>Decisions only: the caller closes what this returns. Thread-safe; time comes from a clock the
 * caller gives (milliseconds), so tests move it by hand.
 *
 * @param <K> what identifies a session (its authentication token)
 */
final class UnactivatedSessions<K> {

  /** A session waiting for ActivateSession. */
  record Pending<K>(K token, String address, long createdMs, Object context) {}

  private final long timeoutMs;
  private final int maxPerAddress;
  private final int maxInAll;
  private final LongSupplier clockMs;
  private final LinkedHashMap<K, Pending<K>> pending = new LinkedHashMap<>();

  UnactivatedSessions(long timeoutMs, int maxPerAddress, int maxInAll, LongSupplier clockMs) {
    this.timeoutMs = timeoutMs;
    this.maxPerAddress = maxPerAddress;
    this.maxInAll = maxInAll;
    this.clockMs = clockMs;
  }

  /**
   * Makes room for one more session from {@code address}: removes and returns the sessions to close
   * first (the address's oldest when it is at its limit, then the oldest of all when all are at
   * theirs).
   */
  synchronized List<Pending<K>> makeRoomFor(String address) {
    List<Pending<K>> dropped = new ArrayList<>();
    long fromAddress = pending.values().stream().filter(p -> p.address().equals(address)).count();
    Iterator<Pending<K>> oldestFirst = pending.values().iterator();
    while (fromAddress >= maxPerAddress && oldestFirst.hasNext()) {
      Pending<K> p = oldestFirst.next();
      if (p.address().equals(address)) {
        oldestFirst.remove();
        dropped.add(p);
        fromAddress--;
      }
    }
    oldestFirst = pending.values().iterator();
    while (pending.size() >= maxInAll && oldestFirst.hasNext()) {
      dropped.add(oldestFirst.next());
      oldestFirst.remove();
    }
    return dropped;
  }

  /** A session just created. */
  synchronized void add(K token, String address, Object context) {
    pending.put(token, new Pending<>(token, address, clockMs.getAsLong(), context));
  }

  /**
   * An ActivateSession arrived for {@code token}: removes and returns its entry (null when it is
   * not waiting: already activated, or dropped). Give it back with {@link #restore} when the
   * activation fails, so that the timeout still applies.
   */
  synchronized Pending<K> take(K token) {
    return pending.remove(token);
  }

  /** An entry whose activation failed waits again, with its original creation time. */
  synchronized void restore(Pending<K> entry) {
    pending.put(entry.token(), entry);
  }

  /** The client closed the session itself. */
  synchronized void forget(K token) {
    pending.remove(token);
  }

  /** Removes and returns the sessions not activated within the timeout. */
  synchronized List<Pending<K>> expired() {
    long now = clockMs.getAsLong();
    List<Pending<K>> expired = new ArrayList<>();
    for (Iterator<Map.Entry<K, Pending<K>>> it = pending.entrySet().iterator(); it.hasNext(); ) {
      Pending<K> p = it.next().getValue();
      if (now - p.createdMs() >= timeoutMs) {
        expired.add(p);
        it.remove();
      }
    }
    return expired;
  }

  synchronized int size() {
    return pending.size();
  }
}
