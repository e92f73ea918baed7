package io.motionua.server.config;

import java.util.List;

/**
 * The OPC UA side: where to listen and what to advertise.
 *
 * @param applicationName shown to clients and in the certificate
 * @param port TCP port of the opc.tcp endpoints (0 picks a free one)
 * @param bindAddress address to bind, 0.0.0.0 for all
 * @param hostnames names put into endpoint URLs and the certificate; clients connect to these
 * @param allowAnonymous whether anonymous sessions are accepted
 */
public record ServerSpec(
    String applicationName,
    Integer port,
    String bindAddress,
    List<String> hostnames,
    Boolean allowAnonymous) {

  static ServerSpec defaults() {
    return new ServerSpec(null, null, null, null, null).withDefaults();
  }

  ServerSpec withDefaults() {
    return new ServerSpec(
        applicationName == null ? "MotionUA" : applicationName,
        port == null ? 4840 : port,
        bindAddress == null ? "0.0.0.0" : bindAddress,
        hostnames == null || hostnames.isEmpty() ? List.of("localhost") : List.copyOf(hostnames),
        allowAnonymous != null && allowAnonymous);
  }

  public ServerSpec withPort(int newPort) {
    return new ServerSpec(applicationName, newPort, bindAddress, hostnames, allowAnonymous);
  }
}
