package io.motionua.tools.bench;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseDirection;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseResultMask;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseResult;
import org.eclipse.milo.opcua.stack.core.types.structured.ReferenceDescription;

/** Small helpers of {@code bench opcua}: percentiles, browsing, process figures from /proc. */
final class OpcuaBenchSupport {

  private OpcuaBenchSupport() {}

  /** Sorted samples in nanoseconds with nearest-rank percentiles. */
  record Samples(long[] sorted) {

    static Samples of(long[] nanos, int count) {
      long[] s = Arrays.copyOf(nanos, count);
      Arrays.sort(s);
      return new Samples(s);
    }

    static Samples merge(List<Samples> parts) {
      int n = parts.stream().mapToInt(p -> p.sorted.length).sum();
      long[] all = new long[n];
      int at = 0;
      for (Samples p : parts) {
        System.arraycopy(p.sorted, 0, all, at, p.sorted.length);
        at += p.sorted.length;
      }
      return of(all, n);
    }

    int count() {
      return sorted.length;
    }

    long percentile(double q) {
      if (sorted.length == 0) {
        return 0;
      }
      int rank = (int) Math.ceil(q * sorted.length);
      return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    long p50() {
      return percentile(0.5);
    }

    long p99() {
      return percentile(0.99);
    }

    long max() {
      return sorted.length == 0 ? 0 : sorted[sorted.length - 1];
    }

    @Override
    public String toString() {
      return "p50 %s, p99 %s, max %s (%d samples)"
          .formatted(duration(p50()), duration(p99()), duration(max()), count());
    }
  }

  /** FC03 of the statusword (one register) of unit 1 over a plain socket, one at a time. */
  static Samples rawModbus(int port, int requests) throws Exception {
    long[] s = new long[requests];
    try (Socket socket = new Socket()) {
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(2000);
      socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
      OutputStream os = socket.getOutputStream();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      byte[] reply = new byte[11];
      int warm = Math.min(500, requests);
      for (int i = -warm; i < requests; i++) {
        int tid = (i + warm) & 0xFFFF;
        byte[] req = {
          (byte) (tid >> 8), (byte) tid, 0, 0, 0, 6, 1, 3, 0, 1, 0, 1,
        };
        long t = System.nanoTime();
        os.write(req);
        in.readFully(reply);
        long d = System.nanoTime() - t;
        if (reply[7] != 3) {
          throw new IllegalStateException("Modbus exception " + reply[8]);
        }
        if (i >= 0) {
          s[i] = d;
        }
      }
    }
    return Samples.of(s, requests);
  }

  static String duration(double nanos) {
    if (nanos < 1_000) {
      return "%.0f ns".formatted(nanos);
    }
    if (nanos < 1_000_000) {
      return "%.1f µs".formatted(nanos / 1e3);
    }
    return "%.2f ms".formatted(nanos / 1e6);
  }

  static String ratio(double a, double b) {
    return b == 0 ? "n/a" : "%.2f".formatted(a / b);
  }

  /** Follows browse names from a node over hierarchical references. */
  static NodeId path(OpcUaClient client, NodeId start, String... names) throws UaException {
    NodeId at = start;
    StringBuilder walked = new StringBuilder();
    for (String name : names) {
      walked.append('/').append(name);
      Optional<NodeId> next = child(client, at, name);
      if (next.isEmpty()) {
        throw new UaException(
            org.eclipse.milo.opcua.stack.core.StatusCodes.Bad_NodeIdUnknown,
            "no node at Objects" + walked);
      }
      at = next.get();
    }
    return at;
  }

  static Optional<NodeId> child(OpcUaClient client, NodeId node, String browseName)
      throws UaException {
    BrowseResult result =
        client.browse(
            new BrowseDescription(
                node,
                BrowseDirection.Forward,
                NodeIds.HierarchicalReferences,
                true,
                uint(0),
                uint(BrowseResultMask.All.getValue())));
    ReferenceDescription[] refs = result.getReferences();
    if (refs == null) {
      return Optional.empty();
    }
    for (ReferenceDescription rd : refs) {
      if (rd.getBrowseName().name().equals(browseName)) {
        return rd.getNodeId().toNodeId(client.getNamespaceTable());
      }
    }
    return Optional.empty();
  }

  /** CPU time (user + system) of a process in nanoseconds from /proc, or -1. */
  static long processCpuNanos(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
      return ticks * (1_000_000_000L / CLOCK_TICKS);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** USER_HZ: 100 on Linux x86-64 and arm64. */
  static final long CLOCK_TICKS = 100;

  /** Resident set size of a process in bytes from /proc, or -1. */
  static long rssBytes(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux or the process is gone
    }
    return -1;
  }

  private static final Pattern USED = Pattern.compile("used (\\d+)K");

  /**
   * Used heap of another JVM after a full GC, through {@code jcmd <pid> GC.run} and {@code
   * GC.heap_info}, each bounded; -1 when jcmd is missing or does not answer.
   */
  static long heapUsedAfterGc(long pid) {
    String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    if (!Files.isExecutable(Path.of(jcmd))) {
      jcmd = "jcmd";
    }
    try {
      if (run(jcmd, Long.toString(pid), "GC.run") == null) {
        return -1;
      }
      String info = run(jcmd, Long.toString(pid), "GC.heap_info");
      if (info == null) {
        return -1;
      }
      Matcher m = USED.matcher(info);
      return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Thread reader =
        new Thread(
            () -> {
              try (InputStream in = p.getInputStream()) {
                in.transferTo(out);
              } catch (IOException e) {
                // the process ended
              }
            },
            "bench-opcua-jcmd-reader");
    reader.setDaemon(true);
    reader.start();
    if (!p.waitFor(15, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return null;
    }
    reader.join(2000);
    return p.exitValue() == 0 ? out.toString(StandardCharsets.UTF_8) : null;
  }

  static String mib(long bytes) {
    return bytes < 0 ? "n/a" : "%.0f MiB".formatted(bytes / 1048576.0);
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "n/a";
    }
  }
}
