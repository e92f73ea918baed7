package io.motionua.server.session;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import io.motionua.server.audit.AuditLog;
import io.motionua.server.session.UnactivatedSessions.Pending;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.servicesets.SessionServiceSet;
import org.eclipse.milo.opcua.sdk.server.servicesets.impl.DefaultSessionServiceSet;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.structured.ActivateSessionRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.ActivateSessionResponse;
import org.eclipse.milo.opcua.stack.core.types.structured.CancelRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.CancelResponse;
import org.eclipse.milo.opcua.stack.core.types.structured.CloseSessionRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.CloseSessionResponse;
import org.eclipse.milo.opcua.stack.core.types.structured.CreateSessionRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.CreateSessionResponse;
import org.eclipse.milo.opcua.stack.core.types.structured.RequestHeader;
import org.eclipse.milo.opcua.stack.transport.server.ServiceRequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Milo's session services with a gate in front: sessions not activated within the timeout are
 * closed, each client address holds only a few unactivated sessions and all addresses a bounded
 * number (oldest dropped first), and only activated sessions count against {@code maxSessions}.
 * Milo 1.1.2 counts created and active sessions together against one limit and keeps an unactivated
 * session for the whole session timeout the client asked for (up to 2 minutes), so 100
 * CreateSession requests locked everybody out.
 *
 * <p>Milo's own limit is set to {@code maxSessions + maxUnactivated} ({@link #miloSessionLimit}):
 * since this gate keeps unactivated sessions below {@code maxUnactivated} and refuses activations
 * beyond {@code maxSessions}, Milo's check never trips first.
 */
public final class SessionGate implements SessionServiceSet, AutoCloseable {

  private static final Logger logger = LoggerFactory.getLogger(SessionGate.class);

  private final OpcUaServer server;
  private final DefaultSessionServiceSet milo;
  private final UnactivatedSessions<NodeId> unactivated;
  private final long timeoutMs;
  private final int maxSessions;
  private final AuditLog audit;
  private final ScheduledExecutorService sweeper;
  private final AtomicLong closedUnactivated = new AtomicLong();

  private SessionGate(
      OpcUaServer server,
      long timeoutMs,
      int maxPerAddress,
      int maxUnactivated,
      int maxSessions,
      AuditLog audit) {
    this.server = server;
    this.milo = new DefaultSessionServiceSet(server);
    this.timeoutMs = timeoutMs;
    this.maxSessions = maxSessions;
    this.audit = audit;
    long start = System.nanoTime();
    this.unactivated =
        new UnactivatedSessions<>(
            timeoutMs,
            maxPerAddress,
            maxUnactivated,
            () -> TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    this.sweeper =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "session-gate");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Puts the gate in front of every endpoint path of {@code server} (replacing Milo's session
   * services) and starts its sweeper; close it when the server stops.
   */
  public static SessionGate install(
      OpcUaServer server,
      long activationTimeoutMs,
      int maxPerAddress,
      int maxUnactivated,
      int maxSessions,
      AuditLog audit) {
    SessionGate gate =
        new SessionGate(
            server, activationTimeoutMs, maxPerAddress, maxUnactivated, maxSessions, audit);
    server.getConfig().getEndpoints().stream()
        .map(e -> org.eclipse.milo.opcua.stack.core.util.EndpointUtil.getPath(e.getEndpointUrl()))
        .distinct()
        .filter(path -> !path.endsWith("/discovery"))
        .forEach(path -> server.addServiceSet(path, gate));
    long period = Math.max(50, Math.min(1000, activationTimeoutMs / 4));
    gate.sweeper.scheduleWithFixedDelay(gate::sweep, period, period, TimeUnit.MILLISECONDS);
    return gate;
  }

  /** The session limit to give Milo. */
  public static int miloSessionLimit(int maxSessions, int maxUnactivated) {
    return maxSessions + maxUnactivated;
  }

  /** Sessions closed because they were not activated in time or made room for newer ones. */
  public long closedUnactivated() {
    return closedUnactivated.get();
  }

  @Override
  public CreateSessionResponse onCreateSession(
      ServiceRequestContext context, CreateSessionRequest request) throws UaException {
    String address = context.clientAddress().getHostAddress();
    synchronized (unactivated) {
      for (Pending<NodeId> p : unactivated.makeRoomFor(address)) {
        close(p, "dropped for a newer session not activated either");
      }
    }
    CreateSessionResponse response = milo.onCreateSession(context, request);
    unactivated.add(response.getAuthenticationToken(), address, context);
    return response;
  }

  @Override
  public ActivateSessionResponse onActivateSession(
      ServiceRequestContext context, ActivateSessionRequest request) throws UaException {
    NodeId token = request.getRequestHeader().getAuthenticationToken();
    Pending<NodeId> waiting;
    synchronized (unactivated) {
      waiting = unactivated.take(token);
    }
    if (waiting != null) {
      int active =
          server.getSessionManager().getCurrentSessionCount().intValue() - unactivated.size() - 1;
      if (active >= maxSessions) {
        unactivated.restore(waiting);
        throw new UaException(
            StatusCodes.Bad_TooManySessions, "already " + active + " active sessions");
      }
    }
    try {
      return milo.onActivateSession(context, request);
    } catch (UaException e) {
      if (waiting != null) {
        unactivated.restore(waiting);
      }
      throw e;
    }
  }

  @Override
  public CloseSessionResponse onCloseSession(
      ServiceRequestContext context, CloseSessionRequest request) throws UaException {
    unactivated.forget(request.getRequestHeader().getAuthenticationToken());
    return milo.onCloseSession(context, request);
  }

  @Override
  public CancelResponse onCancel(ServiceRequestContext context, CancelRequest request)
      throws UaException {
    return milo.onCancel(context, request);
  }

  private void sweep() {
    try {
      List<Pending<NodeId>> expired;
      // Under the lock that activation takes its entry with: a session is either taken for
      // activation or closed here, never both.
      synchronized (unactivated) {
        expired = unactivated.expired();
        for (Pending<NodeId> p : expired) {
          close(p, "not activated within " + timeoutMs + " ms");
        }
      }
      if (!expired.isEmpty()) {
        logger.info(
            "closed {} session(s) not activated within {} ms ({} so far)",
            expired.size(),
            timeoutMs,
            closedUnactivated.get());
      }
    } catch (RuntimeException e) {
      logger.warn("session sweep failed: {}", e.toString());
    }
  }

  private void close(Pending<NodeId> p, String reason) {
    RequestHeader header =
        new RequestHeader(p.token(), DateTime.now(), uint(0), uint(0), null, uint(0), null);
    try {
      milo.onCloseSession(
          (ServiceRequestContext) p.context(), new CloseSessionRequest(header, true));
    } catch (UaException e) {
      // Gone already: Milo's own session timeout (a client may ask for 5 s) came first.
      logger.debug("session from {} already gone: {}", p.address(), e.getStatusCode());
      return;
    }
    closedUnactivated.incrementAndGet();
    audit.refusal("session", p.address(), null, "Bad_SessionClosed", reason);
  }

  @Override
  public void close() {
    sweeper.shutdownNow();
  }
}
