package io.motionua.server.opcua.diagnostics;

import java.util.Arrays;
import java.util.List;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.servicesets.MethodServiceSet;
import org.eclipse.milo.opcua.sdk.server.servicesets.impl.DefaultMethodServiceSet;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodResult;
import org.eclipse.milo.opcua.stack.core.types.structured.CallRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.CallResponse;
import org.eclipse.milo.opcua.stack.transport.server.ServiceRequestContext;

/**
 * Milo's Call service, plus a DiagnosticInfo per refused call saying why when the client asks for
 * operation diagnostics. Everything else (sessions, limits, access, dispatch) stays Milo's.
 */
final class ExplainedMethodServiceSet implements MethodServiceSet {

  private final MethodServiceSet milo;

  ExplainedMethodServiceSet(OpcUaServer server) {
    this.milo = new DefaultMethodServiceSet(server);
  }

  @Override
  public CallResponse onCall(ServiceRequestContext context, CallRequest request)
      throws UaException {
    if (!OperationDiagnostics.requested(request.getRequestHeader())) {
      return milo.onCall(context, request);
    }
    try (RefusalReasons reasons = RefusalReasons.collect()) {
      CallResponse response = milo.onCall(context, request);
      CallMethodResult[] results = response.getResults();
      CallMethodRequest[] calls = request.getMethodsToCall();
      if (results == null || calls == null) {
        return response;
      }
      OperationDiagnostics diagnostics =
          OperationDiagnostics.forRequest(request.getRequestHeader());
      var infos =
          diagnostics.describe(
              Arrays.stream(results).map(CallMethodResult::getStatusCode).toList(),
              List.of(calls).stream().map(CallMethodRequest::getMethodId).toList(),
              reasons);
      return new CallResponse(diagnostics.header(response.getResponseHeader()), results, infos);
    }
  }
}
