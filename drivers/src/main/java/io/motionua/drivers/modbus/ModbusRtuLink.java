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
   * RTU on a serial port through jSerialComm.
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
    RtuTransport transport =
        new RtuTransport(
            timeoutNanos -> new SerialRtuPort(serial),
            "rtu " + serial.port(),
            serial.silentIntervalNanos());
    return new ModbusRtuLink(
        new LinkWorker(name, transport, timeout, retries, staleAfter, devices));
  }

  /** RTU frames over TCP (a serial device server); the config's host and port are the server's. */
  public static ModbusRtuLink overTcp(TcpLinkConfig config) {
    RtuTransport transport =
        new RtuTransport(
            timeoutNanos -> new TcpRtuPort(config.host(), config.port(), timeoutNanos),
            "rtu-over-tcp " + config.host() + ":" + config.port(),
            0);
    return new ModbusRtuLink(
        new LinkWorker(
            config.name(),
            transport,
            config.timeout(),
            config.retries(),
            config.staleAfter(),
            config.devices()));
  }
}
