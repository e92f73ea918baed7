package io.motionua.drivers.modbus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The guards around j2mod's TCP transport, against a scripted slave that misbehaves on purpose. */
class J2modTcpTransportIT {

  private static final long TIMEOUT = TimeUnit.MILLISECONDS.toNanos(300);

  /** How the scripted slave answers request number n (0-based), or null for no answer. */
  @FunctionalInterface
  interface Script {
    byte[] answer(int n, int transactionId, int unitId, int value) throws InterruptedException;
  }

  @Test
  void aLateReplyGoesToAClosedSocketAndNeverAnswersTheNextRequest() throws Exception {
    try (ScriptedSlave slave =
        new ScriptedSlave(
            (n, tid, unit, value) -> {
              if (n == 0) {
                Thread.sleep(500); // past the master's timeout: a late reply with the right id
              }
              return fc03Answer(tid, unit, value);
            })) {
      J2modTcpTransport transport = new J2modTcpTransport("127.0.0.1", slave.port(), false);
      transport.open(TIMEOUT);
      assertThrows(
          SocketTimeoutException.class,
          () -> transport.exchange(1, ModbusPdu.readRequest(3, 100, 1), TIMEOUT));
      assertTrue(transport.isOpen(), "a timeout does not take the link down");
      byte[] second = transport.exchange(1, ModbusPdu.readRequest(3, 200, 1), TIMEOUT);
      assertArrayEquals(new byte[] {3, 2, 0, (byte) 200}, second, "answer to the second request");
      assertEquals(2, slave.connections(), "the second request went out on a fresh connection");
      transport.close();
    }
  }

  @Test
  void aReplyWithAnotherTransactionIdOrUnitIsRefusedAndTheConnectionRenewed() throws Exception {
    try (ScriptedSlave slave =
        new ScriptedSlave(
            (n, tid, unit, value) ->
                switch (n) {
                  case 0 -> fc03Answer(tid + 1, unit, value);
                  case 1 -> fc03Answer(tid, unit + 1, value);
                  default -> fc03Answer(tid, unit, value);
                })) {
      J2modTcpTransport transport = new J2modTcpTransport("127.0.0.1", slave.port(), false);
      transport.open(TIMEOUT);
      FrameException wrongId =
          assertThrows(
              FrameException.class,
              () -> transport.exchange(1, ModbusPdu.readRequest(3, 7, 1), TIMEOUT));
      assertTrue(wrongId.getMessage().contains("transaction id"), wrongId.getMessage());
      FrameException wrongUnit =
          assertThrows(
              FrameException.class,
              () -> transport.exchange(1, ModbusPdu.readRequest(3, 7, 1), TIMEOUT));
      assertTrue(wrongUnit.getMessage().contains("unit 2"), wrongUnit.getMessage());
      assertArrayEquals(
          new byte[] {3, 2, 0, 9}, transport.exchange(1, ModbusPdu.readRequest(3, 9, 1), TIMEOUT));
      assertEquals(3, slave.connections());
      transport.close();
    }
  }

  /** An FC03 answer of one register holding {@code value}. */
  private static byte[] fc03Answer(int transactionId, int unitId, int value) {
    return new byte[] {
      (byte) (transactionId >> 8),
      (byte) transactionId,
      0,
      0,
      0,
      5,
      (byte) unitId,
      3,
      2,
      (byte) (value >> 8),
      (byte) value
    };
  }

  /**
   * A Modbus TCP slave on loopback that answers FC03 requests for one register with the register's
   * address as its value, as its script says; one thread per connection.
   */
  private static final class ScriptedSlave implements AutoCloseable {

    private final ServerSocket server;
    private final Script script;
    private final List<Socket> accepted = new ArrayList<>();
    private final Thread acceptor;
    private int requests;

    ScriptedSlave(Script script) throws IOException {
      this.script = script;
      this.server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
      this.acceptor = new Thread(this::accept, "scripted-slave");
      acceptor.start();
    }

    int port() {
      return server.getLocalPort();
    }

    synchronized int connections() {
      return accepted.size();
    }

    private synchronized int nextRequest() {
      return requests++;
    }

    private void accept() {
      while (!server.isClosed()) {
        try {
          Socket socket = server.accept();
          synchronized (this) {
            accepted.add(socket);
          }
          new Thread(() -> serve(socket), "scripted-slave-connection").start();
        } catch (IOException e) {
          return; // closed
        }
      }
    }

    private void serve(Socket socket) {
      try (socket) {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        OutputStream out = socket.getOutputStream();
        byte[] request = new byte[12];
        while (true) {
          in.readFully(request);
          int tid = ModbusPdu.word(request, 0);
          int address = ModbusPdu.word(request, 8);
          byte[] answer = script.answer(nextRequest(), tid, request[6] & 0xFF, address);
          out.write(answer);
          out.flush();
        }
      } catch (IOException | InterruptedException e) {
        // the master closed the connection, or the test ended
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
      synchronized (this) {
        for (Socket socket : accepted) {
          socket.close();
        }
      }
    }
  }
}
