package io.motionua.server.opcua;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Chooses a TCP port for the OPC UA listener when the config says {@code port: 0}.
 *
 * <p>Why not simply bind a socket to port 0 and reuse the number: Milo binds its own socket later,
 * and in between the kernel is free to hand that same number to anything else that asks for an
 * ephemeral port: a simulator listening on port 0, or the local end of any outgoing connection
 * (twelve Modbus links, an OPC UA client). That race made a test server fail with "No endpoints
 * bound". Ports below the kernel's ephemeral range ({@code ip_local_port_range}) are never handed
 * out that way, so the number is chosen there, at random, checked free, and never given twice in
 * one JVM.
 */
public final class ListenPorts {

  /** The lowest port chosen; well above the registered services most machines run. */
  static final int LOWEST = 20000;

  private static final int TRIES = 200;
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  private ListenPorts() {}

  /**
   * A port that nothing listened on at {@code bindAddress} a moment ago, outside the ephemeral
   * range.
   */
  public static int choose(String bindAddress) throws IOException {
    int below = ephemeralLow();
    IOException last = null;
    for (int i = 0; i < TRIES; i++) {
      int port = ThreadLocalRandom.current().nextInt(LOWEST, below);
      if (!HANDED_OUT.add(port)) {
        continue;
      }
      try (ServerSocket probe = new ServerSocket()) {
        probe.setReuseAddress(true);
        probe.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), port), 1);
        return port;
      } catch (IOException e) {
        last = e;
      }
    }
    throw new IOException(
        "no free port in %d..%d on %s after %d tries%s"
            .formatted(
                LOWEST,
                below - 1,
                bindAddress,
                TRIES,
                last == null ? "" : " (last: " + last.getMessage() + ")"));
  }

  /** {@link #choose(String)} on every interface, for a server with the default bind address. */
  public static int choose() throws IOException {
    return choose("0.0.0.0");
  }

  /** The first port of the kernel's ephemeral range; 32768 (Linux's default) where unknown. */
  static int ephemeralLow() {
    try {
      String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
      int low = Integer.parseInt(range.split("\\s+")[0]);
      return low > LOWEST + 1000 ? low : 32768;
    } catch (IOException | RuntimeException e) {
      return 32768;
    }
  }
}
