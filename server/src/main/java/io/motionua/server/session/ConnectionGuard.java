package io.motionua.server.session;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.stack.transport.server.uasc.UascServerSymmetricHandler;

/**
 * First handler of every OPC UA connection: refuses a connection beyond the per-address limit (and
 * beyond the total one when every open connection has a secure channel; else the oldest without one
 * is closed for it), closes one that has no open secure channel within the handshake timeout (it
 * sent nothing, or only Hello: Milo 1.1.2 closes the first kind only, after 10 s, and keeps the
 * second for ever), and closes one that sends nothing for the idle timeout; names the connection's
 * address to the code its reads run through ({@link ClientAddress}). One instance per connection.
 */
final class ConnectionGuard extends ChannelInboundHandlerAdapter {

  private final ConnectionLimits limits;
  private String address;

  private ConnectionGuard(ConnectionLimits limits) {
    this.limits = limits;
  }

  /** Puts an idle watch and a guard at the head of a new connection's pipeline. */
  static void addTo(ChannelPipeline pipeline, ConnectionLimits limits) {
    pipeline.addFirst("motionua-guard", new ConnectionGuard(limits));
    pipeline.addFirst(
        "motionua-idle", new IdleStateHandler(limits.idleTimeoutMs(), 0, 0, TimeUnit.MILLISECONDS));
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    address = hostOf(ctx.channel().remoteAddress());
    if (!limits.open(address, ctx.channel())) {
      ctx.close();
      return;
    }
    ctx.channel().closeFuture().addListener(f -> limits.closed(address));
    ctx.executor()
        .schedule(
            () -> {
              if (ctx.channel().isOpen()
                  && ctx.pipeline().get(UascServerSymmetricHandler.class) == null) {
                limits.handshakeTimedOut(address);
                ctx.close();
              }
            },
            limits.handshakeTimeoutMs(),
            TimeUnit.MILLISECONDS);
    super.channelActive(ctx);
  }

  /** Every read goes on with the connection's address named ({@link ClientAddress}). */
  @Override
  public void channelRead(ChannelHandlerContext ctx, Object message) {
    ClientAddress.read(ctx, message, address);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof IdleStateEvent) {
      limits.idleTimedOut(address);
      ctx.close();
      return;
    }
    super.userEventTriggered(ctx, event);
  }

  private static String hostOf(SocketAddress remote) {
    return remote instanceof InetSocketAddress isa && isa.getAddress() != null
        ? isa.getAddress().getHostAddress()
        : String.valueOf(remote);
  }
}
