package io.motionua.server.config;

/**
 * The optional HTTP endpoints ({@code /health}, {@code /metrics}, the status page): off unless the
 * machine file has {@code server.http} or {@code serve --http-port} is given.
 *
 * @param port TCP port; 0 picks a free one (logged)
 * @param bindAddress address to bind; loopback unless the file says otherwise, since /health and
 *     /metrics have no login
 */
public record HttpSpec(Integer port, String bindAddress) {

  /** Loopback: a monitoring agent on the same PC, or a reverse proxy, reaches it; nobody else. */
  public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";

  HttpSpec withDefaults() {
    return new HttpSpec(port, bindAddress == null ? DEFAULT_BIND_ADDRESS : bindAddress);
  }

  /** The endpoints on a port given on the command line, bound to loopback. */
  public static HttpSpec onPort(int port) {
    return new HttpSpec(port, DEFAULT_BIND_ADDRESS);
  }

  public HttpSpec withPort(int newPort) {
    return new HttpSpec(newPort, bindAddress);
  }
}
