package io.motionua.server.security;

import io.motionua.server.audit.AuditLog;
import io.motionua.server.opcua.StatusMapping;
import io.motionua.server.opcua.diagnostics.RefusalReasons;
import org.eclipse.milo.opcua.sdk.server.AccessContext;
import org.eclipse.milo.opcua.sdk.server.methods.MethodInvocationHandler;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DiagnosticInfo;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodResult;

/**
 * Wraps a method's handler so that a session below the needed role is refused with
 * Bad_UserAccessDenied before anything else happens, arguments included. Milo 1.1.2 does not check
 * UserExecutable before a call, so this is where calls are guarded for every method of the
 * namespace, whatever its handler.
 */
public final class RoleCheckedMethod implements MethodInvocationHandler {

  private final MethodInvocationHandler handler;
  private final Role needed;
  private final String method;
  private final AuditLog audit;

  /**
   * @param method the method's name, for the refusal's message
   */
  public RoleCheckedMethod(MethodInvocationHandler handler, Role needed, String method) {
    this(handler, needed, method, null);
  }

  /**
   * @param audit where every call is recorded, refused ones included; null for none
   */
  public RoleCheckedMethod(
      MethodInvocationHandler handler, Role needed, String method, AuditLog audit) {
    this.handler = handler;
    this.needed = needed;
    this.method = method;
    this.audit = audit;
  }

  public MethodInvocationHandler handler() {
    return handler;
  }

  @Override
  public CallMethodResult invoke(AccessContext accessContext, CallMethodRequest request) {
    CallMethodResult result = checkedInvoke(accessContext, request);
    if (audit != null) {
      var session = accessContext.getSession();
      audit.call(
          session.map(SessionRoles::userOf).orElse("(server)"),
          session.flatMap(SessionRoles::roleOf).map(Object::toString).orElse("none"),
          request.getObjectId().toParseableString(),
          method,
          java.util.Arrays.stream(
                  request.getInputArguments() == null
                      ? new Variant[0]
                      : request.getInputArguments())
              .map(Variant::value)
              .toList(),
          StatusMapping.name(result.getStatusCode().getValue()));
    }
    return result;
  }

  private CallMethodResult checkedInvoke(AccessContext accessContext, CallMethodRequest request) {
    try {
      SessionRoles.require(
          accessContext.getSession(),
          needed,
          "call " + method + " on " + request.getObjectId().toParseableString());
    } catch (UaException e) {
      RefusalReasons.record(request.getMethodId(), e.getMessage());
      return new CallMethodResult(
          new StatusCode(StatusCodes.Bad_UserAccessDenied),
          new StatusCode[0],
          new DiagnosticInfo[0],
          new Variant[0]);
    }
    return handler.invoke(accessContext, request);
  }
}
