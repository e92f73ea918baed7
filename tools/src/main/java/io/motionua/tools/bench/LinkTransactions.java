package io.motionua.tools.bench;

import io.motionua.drivers.DeviceDiagnostics;
import io.motionua.drivers.DriveSignals;
import io.motionua.drivers.Link;
import io.motionua.tools.bench.OpcuaBenchSupport.Samples;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The link's own transaction times, the yardstick of the command latency in {@code bench opcua}:
 * one FC03 through the link (caller to link thread and back, what a method call's read-back costs),
 * one raw FC06 on a plain socket beside the raw FC03, and the link requests a call makes.
 */
final class LinkTransactions {

  private LinkTransactions() {}

  /** {@code link.read} of the statusword (one FC03 of one register), one at a time. */
  static Samples linkReads(Link link, String device, int requests) throws Exception {
    long[] s = new long[requests];
    List<String> signals = List.of(DriveSignals.STATUSWORD);
    Duration deadline = Duration.ofSeconds(1);
    int warm = Math.min(500, requests);
    int n = 0;
    for (int i = -warm; i < requests; i++) {
      long t = System.nanoTime();
      try {
        link.read(device, signals, deadline).get(2, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        continue; // a lost answer (counted by the link): not a transaction time
      }
      long d = System.nanoTime() - t;
      if (i >= 0) {
        s[n++] = d;
      }
    }
    return Samples.of(s, n);
  }

  /**
   * FC06 of {@code value} to holding register {@code address} (0-based) of unit 1 over a plain
   * socket, one at a time: the caller picks a register and value that change nothing.
   */
  static Samples rawWrites(int port, int address, int value, int requests) throws Exception {
    long[] s = new long[requests];
    try (Socket socket = new Socket()) {
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(2000);
      socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
      OutputStream os = socket.getOutputStream();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      byte[] reply = new byte[12];
      int warm = Math.min(500, requests);
      for (int i = -warm; i < requests; i++) {
        int tid = (i + warm) & 0xFFFF;
        byte[] req = {
          (byte) (tid >> 8),
          (byte) tid,
          0,
          0,
          0,
          6,
          1,
          6,
          (byte) (address >> 8),
          (byte) address,
          (byte) (value >> 8),
          (byte) value,
        };
        long t = System.nanoTime();
        os.write(req);
        in.readFully(reply);
        long d = System.nanoTime() - t;
        if (reply[7] != 6) {
          throw new IllegalStateException("Modbus exception " + reply[8]);
        }
        if (i >= 0) {
          s[i] = d;
        }
      }
    }
    return Samples.of(s, requests);
  }

  /** Requests the link sent to the device so far (polls, writes and reads). */
  static long requests(Link link, String device) {
    DeviceDiagnostics d = link.deviceDiagnostics().get(device);
    return d == null ? 0 : d.traffic().requests();
  }
}
