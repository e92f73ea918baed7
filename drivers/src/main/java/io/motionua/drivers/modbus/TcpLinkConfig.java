package io.motionua.drivers.modbus;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A Modbus TCP link: one connection to a device or to a gateway in front of several.
 *
 * @param name the link's name; its thread is {@code modbus-link-NAME}
 * @param host the slave's or gateway's host
 * @param port its TCP port (502 by convention)
 * @param timeout how long one request may wait for its response (and a connect for its socket)
 * @param retries how many times a timed-out poll is repeated before the device counts as not
 *     answering; writes are never repeated
 * @param staleAfter how long after the last good read a kept value turns from Uncertain to Bad
 * @param devices the devices reached through this connection
 */
public record TcpLinkConfig(
    String name,
    String host,
    int port,
    Duration timeout,
    int retries,
    Duration staleAfter,
    List<DeviceConfig> devices) {

  public TcpLinkConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(host, "host of link " + name);
    Objects.requireNonNull(timeout, "timeout of link " + name);
    Objects.requireNonNull(staleAfter, "staleAfter of link " + name);
    devices = List.copyOf(devices);
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(
          "link %s: port %d is outside 1..65535".formatted(name, port));
    }
    if (retries < 0) {
      throw new IllegalArgumentException(
          "link %s: retries %d is negative".formatted(name, retries));
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(
          "link %s: timeout %s must be positive".formatted(name, timeout));
    }
    Set<String> names = new HashSet<>();
    for (DeviceConfig device : devices) {
      if (!names.add(device.name())) {
        throw new IllegalArgumentException(
            "link %s: device %s appears twice".formatted(name, device.name()));
      }
    }
  }
}
