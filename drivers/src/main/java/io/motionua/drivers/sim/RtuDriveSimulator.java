package io.motionua.drivers.sim;

import io.motionua.drivers.modbus.SerialRtuPort;
import io.motionua.drivers.modbus.SerialSettings;
import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulated drives on one serial line, by unit id, speaking Modbus RTU (with a pty from {@code
 * socat} it needs no hardware). Its thread is {@code sim-rtu-PORT}.
 */
public final class RtuDriveSimulator implements AutoCloseable {

  private static final Logger logger = LoggerFactory.getLogger(RtuDriveSimulator.class);

  private final DriveGateway gateway;
  private final SerialRtuPort port;
  private final Thread thread;
  private volatile boolean closed;

  private RtuDriveSimulator(DriveGateway gateway, SerialRtuPort port, RtuSlave slave) {
    this.gateway = gateway;
    this.port = port;
    String name = port.settings().port().replaceAll(".*/", "");
    this.thread = new Thread(() -> run(slave), "sim-rtu-" + name);
    this.thread.setDaemon(true);
  }

  /**
   * Opens the port and starts serving.
   *
   * @param emulateWireTime whether replies wait for the wire time the line's baud rate would take
   *     (request, silent interval, response), so that a pty behaves like a real line
   */
  public static RtuDriveSimulator start(
      SerialSettings settings,
      Map<Integer, ? extends SimulatedDevice> drivesByUnitId,
      boolean emulateWireTime)
      throws IOException {
    DriveGateway gateway = new DriveGateway(drivesByUnitId);
    SerialRtuPort port = new SerialRtuPort(settings);
    RtuSlave slave =
        emulateWireTime
            ? new RtuSlave(gateway, settings.wireNanos(1), settings.silentIntervalNanos())
            : new RtuSlave(gateway, 0, 0);
    RtuDriveSimulator simulator = new RtuDriveSimulator(gateway, port, slave);
    simulator.thread.start();
    logger.info(
        "RTU drive simulator on {} for unit ids {}", port.describe(), drivesByUnitId.keySet());
    return simulator;
  }

  private void run(RtuSlave slave) {
    try {
      slave.serve(port, () -> closed);
    } catch (IOException e) {
      if (!closed) {
        logger.warn("RTU drive simulator on {} stopped: {}", port.describe(), e.getMessage());
      }
    }
  }

  /** The simulated device with a unit id, whatever its scheme. */
  public SimulatedDevice device(int unitId) {
    return gateway.device(unitId);
  }

  public SimulatedDrive drive(int unitId) {
    return gateway.drive(unitId);
  }

  /** When false, requests to this unit id get no reply at all. */
  public void setResponding(int unitId, boolean responding) {
    gateway.setResponding(unitId, responding);
  }

  /** Injects a fault; {@link SimFault.Kind#CORRUPT_REPLY} sends a wrong CRC. */
  public void setFault(int unitId, SimFault fault) {
    gateway.setFault(unitId, fault);
  }

  /** Stops serving and closes the port, waiting at most two seconds. */
  @Override
  public void close() {
    closed = true;
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    port.close();
  }
}
