package io.motionua.drivers.modbus;

/**
 * One Modbus TCP connection to a device or to a gateway in front of several (unit ids), framed with
 * MBAP. See {@link ModbusLink} for how it behaves.
 */
public final class ModbusTcpLink extends ModbusLink {

  public ModbusTcpLink(TcpLinkConfig config) {
    super(
        new LinkWorker(
            config.name(),
            new MbapTransport(config.host(), config.port()),
            config.timeout(),
            config.retries(),
            config.staleAfter(),
            config.devices()));
  }
}
