package io.motionua.server.session;

import io.netty.channel.ChannelPipeline;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds on OPC UA connections, shared by all of them: how many each client address may have open,
 * how long one may take to open its secure channel, how long one may stay silent. Counts what it
 * closes and logs the first of each kind and then every thousandth, so a flood does not flood the
 * log.
 */
public final class ConnectionLimits {

  private static final Logger logger = LoggerFactory.getLogger(ConnectionLimits.class);

  private final int maxPerAddress;
  private final long handshakeTimeoutMs;
  private final long idleTimeoutMs;
  private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong handshakeTimeouts = new AtomicLong();
  private final AtomicLong idleTimeouts = new AtomicLong();

  public ConnectionLimits(int maxPerAddress, long handshakeTimeoutMs, long idleTimeoutMs) {
    this.maxPerAddress = maxPerAddress;
    this.handshakeTimeoutMs = handshakeTimeoutMs;
    this.idleTimeoutMs = idleTimeoutMs;
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

  /** Open connections from one address now. */
  public int openFrom(String address) {
    return open.getOrDefault(address, 0);
  }

  /** A connection opened: true if the address may have it. */
  boolean open(String address) {
    boolean[] admitted = {false};
    open.compute(
        address,
        (a, n) -> {
          int count = n == null ? 0 : n;
          if (count >= maxPerAddress) {
            return n;
          }
          admitted[0] = true;
          return count + 1;
        });
    if (!admitted[0]) {
      note(refused, "refused a connection from {}: it has {} open, the limit ({} so far)", address);
    }
    return admitted[0];
  }

  void closed(String address) {
    open.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
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
              : counter == idleTimeouts ? idleTimeoutMs : handshakeTimeoutMs;
      logger.warn(message, address, bound, n);
    }
  }
}
