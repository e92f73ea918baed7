package io.motionua.server.session;

import static io.motionua.server.session.FloodSupport.descriptors;
import static io.motionua.server.session.FloodSupport.hello;
import static io.motionua.server.session.FloodSupport.readOnce;
import static io.motionua.server.session.FloodSupport.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motionua.server.MotionUa;
import io.motionua.server.config.ConfigLoader;
import io.motionua.server.config.MachineConfig;
import io.motionua.server.config.SessionLimitsSpec;
import io.motionua.server.opcua.ListenPorts;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Many raw TCP connections that never open a secure channel (half send a Hello and get the
 * Acknowledge, half send nothing), from 20 loopback addresses with 100 each (the default
 * per-address limit), against the demo server with a 10 s handshake timeout (the default): the
 * server closes every one of them through its handshake guard, a normal client connects and reads
 * while they are open, and the process's file descriptors (/proc/self/fd: the server's and the
 * test's ends, both in this JVM) stay bounded and drop back once the server let go, while the test
 * still holds its own ends. (20,000 would not fit: this machine allows a process 20,000
 * descriptors, and here one process holds both ends.)
 */
class HelloFloodIT {

  private static final int HANDSHAKE_MS = 10_000;
  private static final int ADDRESSES = 20;
  private static final int PER_ADDRESS = 100;
  private static final int CONNECTIONS = ADDRESSES * PER_ADDRESS;

  /** Descriptors the JVM may open besides the connections (class files, logs, history store). */
  private static final int SLACK = 300;

  @Test
  void thousandsOfHelloOnlyAndSilentConnectionsAreClosedAndANormalClientGetsIn() throws Exception {
    int port = ListenPorts.choose();
    MachineConfig demo = ConfigLoader.demo().withPort(port);
    SessionLimitsSpec d = SessionLimitsSpec.defaults();
    SessionLimitsSpec bounds =
        new SessionLimitsSpec(
            d.activationTimeoutMs(),
            d.maxUnactivatedPerAddress(),
            d.maxUnactivated(),
            d.maxSessions(),
            PER_ADDRESS,
            HANDSHAKE_MS,
            d.idleTimeoutMs(),
            CONNECTIONS + 100);
    Path data = Files.createTempDirectory("motionua-hello-flood-it");
    List<Socket> sockets = new ArrayList<>(CONNECTIONS);
    try (MotionUa motionUa =
        new MotionUa(demo.withServer(demo.server().withSessions(bounds)), data)) {
      motionUa.start();
      ConnectionLimits limits = motionUa.connectionLimits();
      readOnce(port); // a first client: its classes and the server's first session are done
      long baseline = descriptors();
      long limit = baseline + 2L * CONNECTIONS + SLACK;
      AtomicLong peak = new AtomicLong(baseline);
      byte[] hello = hello("opc.tcp://127.0.0.1:" + port);

      for (int a = 0; a < ADDRESSES; a++) {
        String from = address(a);
        for (int i = 0; i < PER_ADDRESS; i++) {
          Socket socket = new Socket();
          sockets.add(socket);
          socket.bind(new InetSocketAddress(from, 0));
          socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
          if (i % 2 == 0) {
            socket.getOutputStream().write(hello);
          }
        }
        peak.accumulateAndGet(descriptors(), Math::max);
      }
      waitUntil(
          () -> open(limits) + limits.handshakeTimeouts() >= CONNECTIONS,
          20_000,
          () -> "the server took every connection: " + open(limits) + " open");
      long openAfterFlood = open(limits);
      peak.accumulateAndGet(descriptors(), Math::max);

      // A normal client gets in and reads while the flood holds its connections.
      readOnce(port);
      long stillOpen = open(limits);
      System.out.printf(
          "HelloFloodIT: %d connections from %d addresses, %d open after the flood, %d still open"
              + " when a normal client had read%n",
          CONNECTIONS, ADDRESSES, openAfterFlood, stillOpen);
      assertTrue(stillOpen > 0, "the client read while flood connections were open");

      // The handshake guard closes all of them (not the idle one, not the per-address limit).
      waitUntil(
          () -> limits.handshakeTimeouts() >= CONNECTIONS,
          HANDSHAKE_MS + 30_000,
          () -> "closed by the handshake guard: " + limits.handshakeTimeouts());
      waitUntil(() -> open(limits) == 0, 10_000, () -> "still open: " + open(limits));
      assertEquals(0, limits.refused(), "no connection was over its address's limit");
      assertEquals(0, limits.idleTimeouts(), "closed for no secure channel, not as idle");
      for (Socket socket : sockets) {
        assertClosedByServer(socket);
      }
      // The server let go of its ends; the test still holds its own (closed by the peer).
      waitUntil(
          () -> descriptors() <= baseline + CONNECTIONS + SLACK,
          10_000,
          () -> "descriptors back near " + (baseline + CONNECTIONS) + ": " + descriptors());
      System.out.printf(
          "HelloFloodIT: descriptors %d before, at most %d during (limit %d), %d after the server"
              + " closed (test's %d ends still open)%n",
          baseline, peak.get(), limit, descriptors(), CONNECTIONS);
      assertTrue(peak.get() <= limit, "descriptors " + peak.get() + " above " + limit);
      readOnce(port);
    } finally {
      for (Socket s : sockets) {
        s.close();
      }
    }
  }

  /** 127.0.0.10, 127.0.0.11, ...: Linux answers the whole of 127/8 on loopback. */
  private static String address(int i) {
    return "127.0.0." + (10 + i);
  }

  private static long open(ConnectionLimits limits) {
    long n = 0;
    for (int a = 0; a < ADDRESSES; a++) {
      n += limits.openFrom(address(a));
    }
    return n;
  }

  /** The server closed the connection: reading meets its end (an Error message may come first). */
  private static void assertClosedByServer(Socket socket) throws IOException {
    socket.setSoTimeout(5000);
    InputStream in = socket.getInputStream();
    try {
      while (in.read() != -1) {
        // the Acknowledge of a Hello, or an Error message before the close
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("connection from " + socket.getLocalSocketAddress() + " open", e);
    } catch (java.net.SocketException reset) {
      // closed with a reset: closed all the same
    }
  }
}
