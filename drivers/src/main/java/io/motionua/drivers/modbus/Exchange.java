package io.motionua.drivers.modbus;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request and its response on a link's transport, with the link's counters kept: the single
 * place where the link thread does I/O. Never throws for I/O: the outcome says what happened.
 */
final class Exchange {

  private static final Logger logger = LoggerFactory.getLogger(Exchange.class);

  private final String name;
  private final ModbusTransport transport;
  private final LinkCounters counters;
  private final Runnable onConnectionLost;
  private final BooleanSupplier closing;

  /**
   * The outcome of one request: a response PDU, or none: timed out, damaged (the connection stays
   * usable; both may be retried), or the link failed.
   */
  record Response(byte[] pdu, boolean timedOut, boolean damaged, Exception error) {

    boolean retryable() {
      return timedOut || damaged;
    }
  }

  /**
   * @param onConnectionLost called after the transport failed and was closed
   * @param closing whether the link is shutting down (no warnings then)
   */
  Exchange(
      String name,
      ModbusTransport transport,
      LinkCounters counters,
      Runnable onConnectionLost,
      BooleanSupplier closing) {
    this.name = name;
    this.transport = transport;
    this.counters = counters;
    this.onConnectionLost = onConnectionLost;
    this.closing = closing;
  }

  boolean isOpen() {
    return transport.isOpen();
  }

  /** Names the link, the device, its unit id and the registers of the request that failed. */
  private String where(DeviceState device, byte[] request) {
    return "link %s, device %s (unit %d), %s"
        .formatted(name, device.name(), device.unitId(), RequestText.of(request));
  }

  /** Records an error on the link's counters and on the device's own. */
  private void error(LinkCounters own, String message) {
    counters.error(message);
    own.error(message);
  }

  /** Sends one request and keeps the link's and the device's counters; never throws for I/O. */
  Response send(DeviceState device, byte[] request, long deadlineNanos)
      throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    long start = System.nanoTime();
    LinkCounters own = device.traffic();
    counters.request();
    own.request();
    try {
      byte[] pdu = transport.exchange(device.unitId(), request, Math.max(0, deadlineNanos - start));
      boolean exception = ModbusPdu.isException(pdu);
      long roundTrip = System.nanoTime() - start;
      counters.answered(roundTrip, !exception);
      own.answered(roundTrip, !exception);
      if (exception) {
        int code = pdu[1] & 0xFF;
        counters.exception(code);
        own.exception(code);
        error(own, "%s: %s".formatted(where(device, request), ExceptionCodes.describe(code)));
      }
      return new Response(pdu, false, false, null);
    } catch (FrameException e) {
      counters.damaged(e.isCrcError());
      own.damaged(e.isCrcError());
      error(own, "%s: %s".formatted(where(device, request), e.getMessage()));
      return new Response(null, false, true, e);
    } catch (SocketTimeoutException e) {
      counters.timeout();
      own.timeout();
      error(
          own,
          "%s: no answer within %d ms"
              .formatted(
                  where(device, request), TimeUnit.NANOSECONDS.toMillis(deadlineNanos - start)));
      return new Response(null, true, false, e);
    } catch (IOException e) {
      error(own, "link %s: %s".formatted(name, e));
      if (!closing.getAsBoolean()) {
        logger.warn(
            "Link {} lost its connection to {}: {}", name, transport.describe(), e.toString());
      }
      transport.close();
      onConnectionLost.run();
      return new Response(null, false, false, e);
    }
  }
}
