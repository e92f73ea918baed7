package io.motionua.server.session;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.eclipse.milo.opcua.stack.transport.server.uasc.UascServerSymmetricHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds on OPC UA connections, shared by all of them: how many each client address may have open,
 * how many may be open in all, how long one may take to open its secure channel, how long one may
 * stay silent. At the total bound a new connection closes the oldest one that has no secure channel
 * yet (a flood of Hello-only or silent connections from many addresses cannot keep a client out,
 * nor use up the process's descriptors); only when every open connection has one is the new one
 * closed. Counts what it closes and logs the first of each kind and then every thousandth, so a
 * flood does not flood the log.
 */
public final class ConnectionLimits {

  private static final Logger logger = LoggerFactory.getLogger(ConnectionLimits.class);

  private final int maxPerAddress;
  private final long handshakeTimeoutMs;
  private final long idleTimeoutMs;
  private final int maxConnections;
  private final Map<String, Integer> open = new HashMap<>();

  /**
   * Connections in the order they opened, for the oldest without a secure channel; closed and
   * secured ones are dropped when met, and pruned once it holds twice the total bound.
   */
  private final ArrayDeque<Channel> arrivals = new ArrayDeque<>();

  private int total;
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong refusedFull = new AtomicLong();
  private final AtomicLong evicted = new AtomicLong();
  private final AtomicLong handshakeTimeouts = new AtomicLong();
  private final AtomicLong idleTimeouts = new AtomicLong();

  public ConnectionLimits(
      int maxPerAddress, long handshakeTimeoutMs, long idleTimeoutMs, int maxConnections) {
    this.maxPerAddress = maxPerAddress;
    this.handshakeTimeoutMs = handshakeTimeoutMs;
    this.idleTimeoutMs = idleTimeoutMs;
    this.maxConnections = maxConnections;
  }

  /** What to give Milo's transport as its channel pipeline customizer. */
  public Consumer<ChannelPipeline> pipelineCustomizer() {
    return pipeline -> ConnectionGuard.addTo(pipeline, this);
  }

  public long handshakeTimeoutMs() {
    return handshakeTimeoutMs;
  }

  long idleTimeoutMs() {
    return idleTimeoutMs;
  }

  /** Connections refused because their address had too many open. */
  public long refused() {
    return refused.get();
  }

  /** Connections closed without a secure channel in time. */
  public long handshakeTimeouts() {
    return handshakeTimeouts.get();
  }

  /** Connections closed after sending nothing for the idle timeout. */
  public long idleTimeouts() {
    return idleTimeouts.get();
  }

  /** Connections closed because every open one had a secure channel at the total bound. */
  public long refusedFull() {
    return refusedFull.get();
  }

  /** Connections without a secure channel closed at the total bound for a newer one. */
  public long evicted() {
    return evicted.get();
  }

  /** Open connections from one address now. */
  public synchronized int openFrom(String address) {
    return open.getOrDefault(address, 0);
  }

  /** Open connections now, from every address. */
  public synchronized int openConnections() {
    return total;
  }

  /** A connection opened: true if it may stay (another may have been closed for it). */
  boolean open(String address, Channel channel) {
    Channel oldest = null;
    boolean perAddress;
    synchronized (this) {
      int count = open.getOrDefault(address, 0);
      perAddress = count >= maxPerAddress;
      if (!perAddress) {
        oldest = total >= maxConnections ? oldestWithoutSecureChannel() : channel;
        if (oldest != null) {
          open.put(address, count + 1);
          total++;
          arrivals.addLast(channel);
        }
      }
    }
    if (perAddress) {
      note(refused, "refused a connection from {}: it has {} open, the limit ({} so far)", address);
      return false;
    }
    if (oldest == null) {
      note(
          refusedFull,
          "refused a connection from {}: {} open, each with a secure channel ({} so far)",
          address);
      return false;
    }
    if (oldest != channel) {
      note(
          evicted,
          "closed the oldest connection without a secure channel for one from {}: {} open, the"
              + " limit ({} so far)",
          address);
      oldest.close();
    }
    return true;
  }

  /** Takes the oldest open connection without a secure channel off the arrivals; null if none. */
  private Channel oldestWithoutSecureChannel() {
    Channel c;
    while ((c = arrivals.pollFirst()) != null) {
      if (c.isOpen() && c.pipeline().get(UascServerSymmetricHandler.class) == null) {
        return c;
      }
    }
    return null;
  }

  synchronized void closed(String address) {
    Integer n = open.get(address);
    if (n != null) {
      if (n <= 1) {
        open.remove(address);
      } else {
        open.put(address, n - 1);
      }
      total--;
    }
    if (arrivals.size() > 2 * maxConnections) {
      arrivals.removeIf(
          c -> !c.isOpen() || c.pipeline().get(UascServerSymmetricHandler.class) != null);
    }
  }

  void handshakeTimedOut(String address) {
    note(
        handshakeTimeouts,
        "closed a connection from {}: no secure channel within {} ms ({} so far)",
        address);
  }

  void idleTimedOut(String address) {
    note(idleTimeouts, "closed a connection from {}: silent for {} ms ({} so far)", address);
  }

  private void note(AtomicLong counter, String message, String address) {
    long n = counter.incrementAndGet();
    if (n == 1 || n % 1000 == 0) {
      Object bound =
          counter == refused
              ? maxPerAddress
              : counter == refusedFull || counter == evicted
                  ? maxConnections
                  : counter == idleTimeouts ? idleTimeoutMs : handshakeTimeoutMs;
      logger.warn(message, address, bound, n);
    }
  }
}
