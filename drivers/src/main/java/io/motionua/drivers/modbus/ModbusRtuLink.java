package io.motionua.drivers.modbus;

import java.time.Duration;
import java.util.List;

/**
 * Modbus RTU: on a serial line (a multi-drop RS-485 line with several unit ids), or encapsulated in
 * TCP to a serial device server. See {@link ModbusLink} for how it behaves.
 */
public final class ModbusRtuLink extends ModbusLink {

  private ModbusRtuLink(LinkWorker worker) {
    super(worker);
  }

  /**
   * RTU on a serial port, through j2mod's serial transport on jSerialComm.
   *
   * @param timeout how long one request may wait for its response (add the wire time)
   */
  public static ModbusRtuLink serial(
      String name,
      SerialSettings serial,
      Duration timeout,
      int retries,
      Duration staleAfter,
      List<DeviceConfig> devices) {
    return new ModbusRtuLink(
        new LinkWorker(
            name, new J2modSerialTransport(serial), timeout, retries, staleAfter, devices));
  }

  /** RTU frames over TCP (a serial device server); the config's host and port are the server's. */
  public static ModbusRtuLink overTcp(TcpLinkConfig config) {
    return new ModbusRtuLink(
        new LinkWorker(
            config.name(),
            new J2modTcpTransport(config.host(), config.port(), true),
            config.timeout(),
            config.retries(),
            config.staleAfter(),
            config.devices()));
  }
}
