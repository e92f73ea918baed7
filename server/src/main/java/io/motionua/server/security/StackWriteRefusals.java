package io.motionua.server.security;

import io.motionua.server.audit.AuditLog;
import io.motionua.server.opcua.StatusMapping;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.Session;
import org.eclipse.milo.opcua.sdk.server.servicesets.AttributeServiceSet;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.structured.HistoryReadRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.HistoryReadResponse;
import org.eclipse.milo.opcua.stack.core.types.structured.HistoryUpdateRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.HistoryUpdateResponse;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadResponse;
import org.eclipse.milo.opcua.stack.core.types.structured.WriteRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.WriteResponse;
import org.eclipse.milo.opcua.stack.core.types.structured.WriteValue;
import org.eclipse.milo.opcua.stack.core.util.EndpointUtil;
import org.eclipse.milo.opcua.stack.transport.server.ServiceRequestContext;

/**
 * Milo's attribute services, with the writes that Milo refuses before any filter of ours runs
 * recorded in the audit log: a write to a read-only node (Bad_NotWritable), one whose session's
 * UserAccessLevel lacks CurrentWrite (Bad_UserAccessDenied: {@link WriteAccessFilter} hides it for
 * roles below the node's), an unknown node or attribute. Writes that reach {@link
 * WriteAccessFilter} are audited there, once: it marks them on this thread ({@link #reached}),
 * since Milo 1.1.2 runs a Write request's node writes on the thread that called {@link #onWrite}.
 */
public final class StackWriteRefusals implements AttributeServiceSet {

  private static final ThreadLocal<Set<Object>> REACHED = new ThreadLocal<>();

  private final OpcUaServer server;
  private final AttributeServiceSet milo;
  private final AuditLog audit;

  private StackWriteRefusals(OpcUaServer server, AuditLog audit, AttributeServiceSet inner) {
    this.server = server;
    this.milo = inner;
    this.audit = audit;
  }

  /**
   * Puts the auditing attribute services on every endpoint path of {@code server}, in front of
   * {@code inner} (the services that explain refusals, which end in Milo's own).
   */
  public static void install(OpcUaServer server, AuditLog audit, AttributeServiceSet inner) {
    StackWriteRefusals services = new StackWriteRefusals(server, audit, inner);
    server.getConfig().getEndpoints().stream()
        .map(e -> EndpointUtil.getPath(e.getEndpointUrl()))
        .distinct()
        .filter(path -> !path.endsWith("/discovery"))
        .forEach(path -> server.addServiceSet(path, services));
  }

  /**
   * Called by {@link WriteAccessFilter}: the write of this value is audited there. The value is the
   * client's Variant, passed through by Milo as the same object (the DataValue around it is rebuilt
   * with timestamps); identity tells two writes of one node in one request apart.
   */
  static void reached(Object value) {
    Set<Object> reached = REACHED.get();
    if (reached != null) {
      reached.add(value instanceof DataValue dv ? dv.value() : value);
    }
  }

  @Override
  public WriteResponse onWrite(ServiceRequestContext context, WriteRequest request)
      throws UaException {
    Set<Object> reached = Collections.newSetFromMap(new IdentityHashMap<>());
    REACHED.set(reached);
    WriteResponse response;
    try {
      response = milo.onWrite(context, request);
    } finally {
      REACHED.remove();
    }
    List<WriteValue> writes =
        request.getNodesToWrite() == null ? List.of() : List.of(request.getNodesToWrite());
    StatusCode[] results = response.getResults();
    for (int i = 0; i < writes.size() && results != null && i < results.length; i++) {
      WriteValue w = writes.get(i);
      Object variant = w.getValue() == null ? null : w.getValue().value();
      if (results[i].isBad() && !reached.contains(variant)) {
        Session session = sessionOf(context, request);
        audit.write(
            session == null ? "(unknown)" : SessionRoles.userOf(session),
            session == null
                ? "none"
                : SessionRoles.roleOf(session).map(Object::toString).orElse("none"),
            w.getNodeId().toParseableString(),
            null,
            WriteAccessFilter.valueOf(w.getValue()),
            StatusMapping.name(results[i].getValue()));
      }
    }
    return response;
  }

  private Session sessionOf(ServiceRequestContext context, WriteRequest request) {
    try {
      return server.getSessionManager().getSession(context, request.getRequestHeader());
    } catch (UaException e) {
      return null;
    }
  }

  @Override
  public ReadResponse onRead(ServiceRequestContext context, ReadRequest request)
      throws UaException {
    return milo.onRead(context, request);
  }

  @Override
  public HistoryReadResponse onHistoryRead(
      ServiceRequestContext context, HistoryReadRequest request) throws UaException {
    return milo.onHistoryRead(context, request);
  }

  @Override
  public HistoryUpdateResponse onHistoryUpdate(
      ServiceRequestContext context, HistoryUpdateRequest request) throws UaException {
    return milo.onHistoryUpdate(context, request);
  }
}
