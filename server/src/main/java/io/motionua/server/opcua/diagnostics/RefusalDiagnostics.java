package io.motionua.server.opcua.diagnostics;

import org.eclipse.milo.opcua.sdk.server.EndpointConfig;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.servicesets.AttributeServiceSet;
import org.eclipse.milo.opcua.stack.core.util.EndpointUtil;

/**
 * Makes refused writes and calls explain themselves to clients that ask (RequestHeader
 * returnDiagnostics): replaces Milo's Write and Call services on every endpoint path with ones that
 * add DiagnosticInfos (docs/status-codes.md). The StatusCodes themselves are unchanged.
 */
public final class RefusalDiagnostics {

  private RefusalDiagnostics() {}

  /**
   * The attribute services that explain refused writes, for a service set that wraps them (the
   * audit of stack refusals, {@code StackWriteRefusals}).
   */
  public static AttributeServiceSet attributeServices(OpcUaServer server) {
    return new ExplainedAttributeServiceSet(server);
  }

  /** Installs the services on a created, not yet started server (as Milo does in its own). */
  public static void install(OpcUaServer server) {
    server.getConfig().getEndpoints().stream()
        .map(EndpointConfig::getEndpointUrl)
        .map(EndpointUtil::getPath)
        .distinct()
        .filter(path -> !path.endsWith("/discovery"))
        .forEach(
            path -> {
              server.addServiceSet(path, new ExplainedAttributeServiceSet(server));
              server.addServiceSet(path, new ExplainedMethodServiceSet(server));
            });
  }
}
