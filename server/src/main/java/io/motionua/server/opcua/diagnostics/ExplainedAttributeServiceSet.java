package io.motionua.server.opcua.diagnostics;

import java.util.List;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.servicesets.AttributeServiceSet;
import org.eclipse.milo.opcua.sdk.server.servicesets.impl.DefaultAttributeServiceSet;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.structured.HistoryReadRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.HistoryReadResponse;
import org.eclipse.milo.opcua.stack.core.types.structured.HistoryUpdateRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.HistoryUpdateResponse;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadResponse;
import org.eclipse.milo.opcua.stack.core.types.structured.WriteRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.WriteResponse;
import org.eclipse.milo.opcua.stack.core.types.structured.WriteValue;
import org.eclipse.milo.opcua.stack.transport.server.ServiceRequestContext;

/**
 * Milo's attribute services; Write adds a DiagnosticInfo per refused write saying why when the
 * client asks for operation diagnostics. Read, HistoryRead and HistoryUpdate are Milo's as they are
 * (Milo registers the four as one service set).
 */
final class ExplainedAttributeServiceSet implements AttributeServiceSet {

  private final AttributeServiceSet milo;

  ExplainedAttributeServiceSet(OpcUaServer server) {
    this.milo = new DefaultAttributeServiceSet(server);
  }

  @Override
  public WriteResponse onWrite(ServiceRequestContext context, WriteRequest request)
      throws UaException {
    if (!OperationDiagnostics.requested(request.getRequestHeader())) {
      return milo.onWrite(context, request);
    }
    try (RefusalReasons reasons = RefusalReasons.collect()) {
      WriteResponse response = milo.onWrite(context, request);
      WriteValue[] writes = request.getNodesToWrite();
      if (response.getResults() == null || writes == null) {
        return response;
      }
      OperationDiagnostics diagnostics =
          OperationDiagnostics.forRequest(request.getRequestHeader());
      var infos =
          diagnostics.describe(
              List.of(response.getResults()),
              List.of(writes).stream().map(WriteValue::getNodeId).toList(),
              reasons);
      return new WriteResponse(
          diagnostics.header(response.getResponseHeader()), response.getResults(), infos);
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
