package io.motionua.server.config;

import java.util.Map;

/**
 * One connection to drives: Modbus TCP to a drive or gateway, Modbus RTU on a serial line (several
 * drives on one RS-485 line), or RTU frames over TCP to a serial device server.
 *
 * @param type {@code tcp}, {@code rtu} or {@code rtu-over-tcp}
 * @param host the gateway's or serial device server's host (tcp, rtu-over-tcp)
 * @param port its TCP port (tcp, rtu-over-tcp); 0 only when simulated: a free port
 * @param device the serial device path, e.g. {@code /dev/ttyUSB0} (rtu)
 * @param baud bits per second (rtu; default 19200)
 * @param parity {@code none}, {@code even} or {@code odd} (rtu; default even, the Modbus default)
 * @param dataBits 7 or 8 (rtu; default 8)
 * @param stopBits 1 or 2 (rtu; default 1)
 * @param interFrameDelayMs the silent interval before each request (rtu); null: the Modbus serial
 *     spec's 3.5 character times, 1.75 ms above 19200 baud
 * @param rs485 direction control of an RS-485 transceiver through the port's RTS line (rtu), or
 *     null when the adapter switches direction itself
 * @param simulated when true, the server runs the drive simulator behind this link (a Modbus TCP or
 *     RTU-over-TCP server on host:port, or a socat pty pair for rtu) and connects to it
 * @param timeoutMs request timeout
 * @param retries retries of a failed poll before the device counts as not answering
 * @param pollMs poll period of each drive on the link
 * @param staleAfterMs how long a last value stays Uncertain before it turns Bad
 * @param signalPeriods poll periods of single signals that differ from pollMs, by signal name
 */
public record LinkSpec(
    String name,
    String type,
    String host,
    Integer port,
    String device,
    Integer baud,
    String parity,
    Integer dataBits,
    Integer stopBits,
    Double interFrameDelayMs,
    Rs485Spec rs485,
    Boolean simulated,
    Integer timeoutMs,
    Integer retries,
    Integer pollMs,
    Integer staleAfterMs,
    Map<String, Integer> signalPeriods) {

  public static final String TCP = "tcp";
  public static final String RTU = "rtu";
  public static final String RTU_OVER_TCP = "rtu-over-tcp";

  LinkSpec withDefaults() {
    boolean serial = RTU.equals(type);
    return new LinkSpec(
        name,
        type == null ? TCP : type,
        host == null && !serial ? "127.0.0.1" : host,
        port == null && !serial ? Integer.valueOf(502) : port,
        device,
        baud == null && serial ? Integer.valueOf(19200) : baud,
        parity == null && serial ? "even" : parity,
        dataBits == null && serial ? Integer.valueOf(8) : dataBits,
        stopBits == null && serial ? Integer.valueOf(1) : stopBits,
        interFrameDelayMs,
        rs485 == null ? null : rs485.withDefaults(),
        simulated != null && simulated,
        timeoutMs == null ? 250 : timeoutMs,
        retries == null ? 1 : retries,
        pollMs == null ? 20 : pollMs,
        staleAfterMs == null ? 2000 : staleAfterMs,
        signalPeriods == null ? Map.of() : signalPeriods);
  }

  public boolean isSimulated() {
    return Boolean.TRUE.equals(simulated);
  }

  public boolean isSerial() {
    return RTU.equals(type);
  }

  /** A copy with {@code simulated} set, for {@code serve --no-simulate}. */
  public LinkSpec withSimulated(boolean value) {
    return new LinkSpec(
        name,
        type,
        host,
        port,
        device,
        baud,
        parity,
        dataBits,
        stopBits,
        interFrameDelayMs,
        rs485,
        value,
        timeoutMs,
        retries,
        pollMs,
        staleAfterMs,
        signalPeriods);
  }

  /** A copy on another serial device (a simulated rtu link's pty) or TCP port. */
  public LinkSpec withEndpoint(String newDevice, Integer newPort) {
    return new LinkSpec(
        name,
        type,
        host,
        newPort,
        newDevice,
        baud,
        parity,
        dataBits,
        stopBits,
        interFrameDelayMs,
        rs485,
        simulated,
        timeoutMs,
        retries,
        pollMs,
        staleAfterMs,
        signalPeriods);
  }

  /**
   * RS-485 direction control: jSerialComm raises RTS while sending (or lowers it, when not active
   * high), waiting the given times around each frame.
   */
  public record Rs485Spec(Boolean rtsActiveHigh, Integer delayBeforeUs, Integer delayAfterUs) {

    Rs485Spec withDefaults() {
      return new Rs485Spec(
          rtsActiveHigh == null || rtsActiveHigh,
          delayBeforeUs == null ? 0 : delayBeforeUs,
          delayAfterUs == null ? 0 : delayAfterUs);
    }
  }
}
