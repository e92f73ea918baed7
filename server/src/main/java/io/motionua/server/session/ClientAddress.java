package io.motionua.server.session;

import io.netty.channel.ChannelHandlerContext;
import java.util.Optional;

/**
 * The client address of the OPC UA connection whose bytes the current thread is handling. Milo
 * 1.1.2 checks a client certificate inside the Netty read of OpenSecureChannel, on the connection's
 * event-loop thread, and tells the validator nothing about the connection: {@link ConnectionGuard},
 * first in every connection's pipeline, names the address for the length of each read, so that a
 * refusal can be audited with it.
 */
public final class ClientAddress {

  private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

  private ClientAddress() {}

  /** The address of the connection being read on this thread; empty outside such a read. */
  public static Optional<String> current() {
    return Optional.ofNullable(CURRENT.get());
  }

  /** Passes a read on down the pipeline with its connection's address named. */
  static void read(ChannelHandlerContext ctx, Object message, String address) {
    String outer = CURRENT.get();
    CURRENT.set(address);
    try {
      ctx.fireChannelRead(message);
    } finally {
      if (outer == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(outer);
      }
    }
  }
}
