package io.motionua.drivers.sim;

import io.motionua.drivers.modbus.SerialSettings;
import io.motionua.drivers.modbus.TcpRtuPort;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Modbus TCP slave serving several simulated drives by unit id on one port, like a gateway in
 * front of them. Hand-written rather than j2mod's slave so that faults can be injected: FC03 and
 * FC04 read the same registers, FC06 and FC16 write them, FC43/14 tells the identification
 * (SimIdentification), other functions get exception 01, bad addresses 02, unknown unit ids 0x0B.
 */
public final class DriveSimulator implements AutoCloseable {

  private static final Logger logger = LoggerFactory.getLogger(DriveSimulator.class);
  private static final int MBAP_HEADER = 7;
  private static final long SHUTDOWN_MILLIS = 2000;

  private final DriveGateway gateway;

  /** Null for Modbus TCP (MBAP); the RTU slave for RTU over TCP. */
  private final RtuSlave rtuSlave;

  private final ServerSocket serverSocket;
  private final Thread acceptThread;
  private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
  private final List<Thread> connectionThreads = new CopyOnWriteArrayList<>();
  private final AtomicInteger connectionCount = new AtomicInteger();
  private volatile boolean closed;

  private DriveSimulator(DriveGateway gateway, RtuSlave rtuSlave, ServerSocket serverSocket) {
    this.gateway = gateway;
    this.rtuSlave = rtuSlave;
    this.serverSocket = serverSocket;
    this.acceptThread = new Thread(this::acceptLoop, "sim-tcp-accept");
    this.acceptThread.setDaemon(true);
  }

  /**
   * Binds and starts serving.
   *
   * @param bindHost the address to listen on, e.g. 127.0.0.1
   * @param port the TCP port, 0 for an ephemeral one (see {@link #port()})
   * @param drivesByUnitId the drives, by Modbus unit id (1..247): CiA 402 simulators or any drive
   *     from its profile ({@link SimulatedDevices#forProfile})
   */
  public static DriveSimulator start(
      String bindHost, int port, Map<Integer, ? extends SimulatedDevice> drivesByUnitId)
      throws IOException {
    return start(bindHost, port, new DriveGateway(drivesByUnitId), null);
  }

  /**
   * Like {@link #start} but speaking RTU frames (with CRC) over TCP, as a serial device server in
   * front of an RS-485 line would; unknown unit ids get no answer, as on a line.
   */
  public static DriveSimulator startRtuOverTcp(
      String bindHost, int port, Map<Integer, ? extends SimulatedDevice> drivesByUnitId)
      throws IOException {
    DriveGateway gateway = new DriveGateway(drivesByUnitId);
    return start(bindHost, port, gateway, new RtuSlave(gateway, 0, 0));
  }

  /**
   * RTU over TCP whose replies wait for the wire time of the given serial line (request, two silent
   * intervals, reply), so that a benchmark sees the line's speed without a serial port.
   */
  public static DriveSimulator startRtuOverTcp(
      String bindHost,
      int port,
      Map<Integer, ? extends SimulatedDevice> drivesByUnitId,
      SerialSettings emulatedLine)
      throws IOException {
    DriveGateway gateway = new DriveGateway(drivesByUnitId);
    // Two silent intervals: the one before the request, which a TCP master does not wait for.
    RtuSlave slave =
        new RtuSlave(gateway, emulatedLine.wireNanos(1), 2 * emulatedLine.silentIntervalNanos());
    return start(bindHost, port, gateway, slave);
  }

  private static DriveSimulator start(
      String bindHost, int port, DriveGateway gateway, RtuSlave rtuSlave) throws IOException {
    ServerSocket socket = new ServerSocket();
    try {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(bindHost), port));
    } catch (IOException e) {
      socket.close();
      throw new IOException("cannot listen on %s:%d: %s".formatted(bindHost, port, e), e);
    }
    DriveSimulator simulator = new DriveSimulator(gateway, rtuSlave, socket);
    simulator.acceptThread.start();
    logger.info(
        "Drive simulator ({}) listening on {}:{} for unit ids {}",
        rtuSlave != null ? "RTU over TCP" : "Modbus TCP",
        bindHost,
        socket.getLocalPort(),
        gateway.unitIds());
    return simulator;
  }

  /** The port actually bound. */
  public int port() {
    return serverSocket.getLocalPort();
  }

  /** The CiA 402 drive with a unit id; IllegalArgumentException for an unknown one or another. */
  public SimulatedDrive drive(int unitId) {
    return gateway.drive(unitId);
  }

  /** The simulated device with a unit id, whatever its scheme. */
  public SimulatedDevice device(int unitId) {
    return gateway.device(unitId);
  }

  /** When false, requests to this unit id get no reply at all, as from a dead drive. */
  public void setResponding(int unitId, boolean responding) {
    gateway.setResponding(unitId, responding);
  }

  /** Injects a fault into every request to this unit id; {@link SimFault#none()} clears it. */
  public void setFault(int unitId, SimFault fault) {
    gateway.setFault(unitId, fault);
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket socket = serverSocket.accept();
        socket.setTcpNoDelay(true);
        connections.add(socket);
        Thread thread =
            new Thread(() -> serve(socket), "sim-tcp-conn-" + connectionCount.incrementAndGet());
        thread.setDaemon(true);
        connectionThreads.add(thread);
        thread.start();
      } catch (IOException e) {
        if (!closed) {
          logger.warn("Drive simulator stopped accepting on port {}", port(), e);
        }
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      if (rtuSlave != null) {
        rtuSlave.serve(new TcpRtuPort(socket), () -> closed);
        return;
      }
      DataInputStream in = new DataInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      byte[] header = new byte[MBAP_HEADER];
      while (!closed) {
        in.readFully(header);
        int length = ((header[4] & 0xFF) << 8) | (header[5] & 0xFF);
        if (header[2] != 0 || header[3] != 0 || length < 2 || length > 254) {
          logger.warn(
              "Drive simulator: bad MBAP header, closing {}", socket.getRemoteSocketAddress());
          return;
        }
        byte[] pdu = new byte[length - 1];
        in.readFully(pdu);
        DriveGateway.Reply reply = gateway.handle(header[6] & 0xFF, pdu);
        if (reply.close()) {
          return;
        }
        if (reply.pdu() != null) {
          pause(reply.delayNanos());
          byte[] response = reply.pdu();
          byte[] frame = new byte[MBAP_HEADER + response.length];
          System.arraycopy(header, 0, frame, 0, MBAP_HEADER);
          frame[4] = (byte) ((response.length + 1) >> 8);
          frame[5] = (byte) (response.length + 1);
          if (reply.corrupt()) {
            frame[6] = (byte) (frame[6] + 1);
          }
          System.arraycopy(response, 0, frame, MBAP_HEADER, response.length);
          out.write(frame);
          out.flush();
        }
      }
    } catch (EOFException | SocketException e) {
      logger.debug("Drive simulator connection ended: {}", e.toString());
    } catch (IOException e) {
      if (!closed) {
        logger.warn("Drive simulator connection failed", e);
      }
    } finally {
      connections.remove(socket);
    }
  }

  /** Holds a slow reply back; closing the simulator cuts the wait short. */
  private void pause(long nanos) throws IOException {
    if (nanos <= 0) {
      return;
    }
    try {
      Thread.sleep(TimeUnit.NANOSECONDS.toMillis(nanos), (int) (nanos % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while holding a reply back", e);
    }
  }

  /** Stops accepting, drops every connection and waits (bounded) for the threads to end. */
  @Override
  public void close() {
    closed = true;
    try {
      serverSocket.close();
    } catch (IOException e) {
      logger.debug("Closing the simulator's server socket failed", e);
    }
    for (Socket socket : connections) {
      try {
        socket.close();
      } catch (IOException e) {
        logger.debug("Closing a simulator connection failed", e);
      }
    }
    connectionThreads.forEach(Thread::interrupt);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SHUTDOWN_MILLIS);
    join(acceptThread, deadline);
    for (Thread thread : connectionThreads) {
      join(thread, deadline);
    }
  }

  private static void join(Thread thread, long deadlineNanos) {
    long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    try {
      thread.join(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      logger.warn("Thread {} did not stop within {} ms", thread.getName(), SHUTDOWN_MILLIS);
    }
  }
}
