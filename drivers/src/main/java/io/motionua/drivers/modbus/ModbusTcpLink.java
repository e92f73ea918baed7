package io.motionua.drivers.modbus;

/**
 * One Modbus TCP connection to a device or to a gateway in front of several (unit ids), through
 * j2mod's MBAP transport. See {@link ModbusLink} for how it behaves.
 */
public final class ModbusTcpLink extends ModbusLink {

  public ModbusTcpLink(TcpLinkConfig config) {
    super(
        new LinkWorker(
            config.name(),
            new J2modTcpTransport(config.host(), config.port(), false),
            config.timeout(),
            config.retries(),
            config.staleAfter(),
            config.devices()));
  }
}
