package io.motionua.server.config;

/**
 * One connection to drives: a Modbus TCP connection (to a drive or a gateway).
 *
 * @param type {@code tcp}
 * @param simulated when true, the server runs the built-in drive simulator for this link's drives
 *     on {@code host:port} (port 0: a free port) and connects to it over real Modbus TCP
 * @param timeoutMs request timeout
 * @param retries retries of a failed poll before the device counts as not answering
 * @param pollMs poll period of each drive on the link
 * @param staleAfterMs how long a last value stays Uncertain before it turns Bad
 */
public record LinkSpec(
    String name,
    String type,
    String host,
    Integer port,
    Boolean simulated,
    Integer timeoutMs,
    Integer retries,
    Integer pollMs,
    Integer staleAfterMs) {

  LinkSpec withDefaults() {
    return new LinkSpec(
        name,
        type == null ? "tcp" : type,
        host == null ? "127.0.0.1" : host,
        port == null ? 502 : port,
        simulated != null && simulated,
        timeoutMs == null ? 250 : timeoutMs,
        retries == null ? 1 : retries,
        pollMs == null ? 20 : pollMs,
        staleAfterMs == null ? 2000 : staleAfterMs);
  }

  public boolean isSimulated() {
    return Boolean.TRUE.equals(simulated);
  }
}
