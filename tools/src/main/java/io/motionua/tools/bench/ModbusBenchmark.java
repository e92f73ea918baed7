package io.motionua.tools.bench;

import io.motionua.drivers.Link;
import io.motionua.drivers.modbus.DeviceConfig;
import io.motionua.drivers.modbus.ModbusRtuLink;
import io.motionua.drivers.modbus.ModbusTcpLink;
import io.motionua.drivers.modbus.SerialSettings;
import io.motionua.drivers.modbus.TcpLinkConfig;
import io.motionua.drivers.profile.DriveProfile;
import io.motionua.drivers.sim.DriveSimulator;
import io.motionua.drivers.sim.RtuDriveSimulator;
import io.motionua.drivers.sim.SimulatedDrive;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * {@code motionua bench modbus}: the links against the project's drive simulator on loopback, each
 * figure beside a baseline from the same run. Every link here is a real one (j2mod underneath, link
 * thread, queue, decoding), as the server uses it.
 */
public final class ModbusBenchmark {

  /** The simulator's status block: registers 0..27, one FC03. */
  public static final int STATUS_REGISTERS = 28;

  private static final String HOST = "127.0.0.1";
  // Generous: a benchmark on a shared machine measures stalls rather than failing on them.
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static final Duration STALE = Duration.ofSeconds(1);
  private static final Duration WAIT = Duration.ofSeconds(10);

  /** Link reads and raw requests, measured in alternating blocks so that drift hits both. */
  public record Latency(Latencies raw, Latencies link, double rawPerSecond, double linkPerSecond) {

    public double ratioP50() {
      return (double) link.p50() / raw.p50();
    }

    public double ratioP99() {
      return (double) link.p99() / raw.p99();
    }
  }

  /** Time between two good polls of the same drive, with all drives polled as fast as possible. */
  public record PollCycle(String what, int drives, Latencies cycles, double pollsPerSecond) {}

  /** RTU polls per second against what the emulated line's wire time allows. */
  public record Rtu(String what, double pollsPerSecond, double wireLimitPerSecond) {

    public double ratio() {
      return pollsPerSecond / wireLimitPerSecond;
    }
  }

  private ModbusBenchmark() {}

  /**
   * {@code link.read} of the status block (queue, FC03 through j2mod, decoding of 16 signals, the
   * future) against a raw socket writing the same FC03 and reading its answer.
   */
  public static Latency latency(int warmup, int requests, int block) throws Exception {
    try (DriveSimulator simulator = DriveSimulator.start(HOST, 0, drives(1));
        ModbusTcpLink link =
            new ModbusTcpLink(
                new TcpLinkConfig(
                    "bench",
                    HOST,
                    simulator.port(),
                    TIMEOUT,
                    0,
                    STALE,
                    // one poll at start, then none: the reads are all the traffic
                    List.of(
                        new DeviceConfig(
                            "axis1", 1, DriveProfile.simulator(), Duration.ofHours(1)))));
        RawFc03 raw = new RawFc03(simulator.port())) {
      link.start();
      await(link::isConnected, "link connected");
      Set<String> signals = DriveProfile.simulator().signals().keySet();
      for (int i = 0; i < warmup; i++) {
        raw.roundTrip();
        linkRead(link, signals);
      }
      long[] rawNanos = new long[requests];
      long[] linkNanos = new long[requests];
      long rawTotal = 0;
      long linkTotal = 0;
      for (int done = 0; done < requests; ) {
        int n = Math.min(block, requests - done);
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
          rawNanos[done + i] = raw.roundTrip();
        }
        long t1 = System.nanoTime();
        for (int i = 0; i < n; i++) {
          linkNanos[done + i] = linkRead(link, signals);
        }
        long t2 = System.nanoTime();
        rawTotal += t1 - t0;
        linkTotal += t2 - t1;
        done += n;
      }
      return new Latency(
          Latencies.of(rawNanos, requests),
          Latencies.of(linkNanos, requests),
          requests / (rawTotal / 1e9),
          requests / (linkTotal / 1e9));
    }
  }

  private static long linkRead(Link link, Set<String> signals) throws Exception {
    long start = System.nanoTime();
    link.read("axis1", signals, TIMEOUT).get(2 * TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    return System.nanoTime() - start;
  }

  /** 12 drives behind one gateway: 12 unit ids on one link. */
  public static PollCycle gateway(int drives, Duration warmup, Duration window) throws Exception {
    try (DriveSimulator simulator = DriveSimulator.start(HOST, 0, drives(drives));
        ModbusTcpLink link =
            new ModbusTcpLink(
                new TcpLinkConfig(
                    "gateway",
                    HOST,
                    simulator.port(),
                    TIMEOUT,
                    0,
                    STALE,
                    devices(1, drives, Duration.ofNanos(1_000))))) {
      return measure(
          "one gateway, %d unit ids, 1 link".formatted(drives),
          drives,
          List.of(link),
          warmup,
          window);
    }
  }

  /** 12 drives on 12 connections: one link each, to the same simulator. */
  public static PollCycle connections(int drives, Duration warmup, Duration window)
      throws Exception {
    try (DriveSimulator simulator = DriveSimulator.start(HOST, 0, drives(drives))) {
      List<Link> links = new ArrayList<>();
      try {
        for (int unit = 1; unit <= drives; unit++) {
          links.add(
              new ModbusTcpLink(
                  new TcpLinkConfig(
                      "conn" + unit,
                      HOST,
                      simulator.port(),
                      TIMEOUT,
                      0,
                      STALE,
                      devices(unit, unit, Duration.ofNanos(1_000)))));
        }
        return measure(
            "%d connections, 1 unit id each, %d links".formatted(drives, drives),
            drives,
            links,
            warmup,
            window);
      } finally {
        links.forEach(Link::close);
      }
    }
  }

  /** RTU over TCP, the simulator waiting out the wire time of a 115200 baud line. */
  public static Rtu rtuOverTcp(
      int drives, int baud, SerialSettings.Parity parity, Duration warmup, Duration window)
      throws Exception {
    SerialSettings line = new SerialSettings("emulated", baud, 8, parity, 1);
    try (DriveSimulator simulator = DriveSimulator.startRtuOverTcp(HOST, 0, drives(drives), line);
        ModbusRtuLink link =
            ModbusRtuLink.overTcp(
                new TcpLinkConfig(
                    "rtu-tcp",
                    HOST,
                    simulator.port(),
                    TIMEOUT,
                    1,
                    STALE,
                    devices(1, drives, Duration.ofNanos(1_000))))) {
      PollCycle cycle = measure("rtu over tcp", drives, List.of(link), warmup, window);
      return new Rtu(
          "RTU over TCP, %d unit ids, simulator emulating %d baud %s"
              .formatted(drives, baud, frame(line)),
          cycle.pollsPerSecond(),
          wireLimit(line));
    }
  }

  /**
   * RTU on a pty pair made by socat, the simulator on one end emulating the wire time; null when
   * socat is not installed.
   */
  public static Rtu rtuOnPty(
      int drives, int baud, SerialSettings.Parity parity, Duration warmup, Duration window)
      throws Exception {
    if (!Files.isExecutable(Path.of("/usr/bin/socat"))) {
      return null;
    }
    Path dir = Files.createTempDirectory("motionua-bench");
    Path master = dir.resolve("master");
    Path slave = dir.resolve("slave");
    Process socat =
        new ProcessBuilder("socat", "pty,raw,echo=0,link=" + master, "pty,raw,echo=0,link=" + slave)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      await(() -> Files.exists(master) && Files.exists(slave), "socat's pty pair");
      SerialSettings line = new SerialSettings(slave.toString(), baud, 8, parity, 1);
      SerialSettings port = new SerialSettings(master.toString(), baud, 8, parity, 1);
      try (RtuDriveSimulator simulator = RtuDriveSimulator.start(line, drives(drives), true);
          ModbusRtuLink link =
              ModbusRtuLink.serial(
                  "rtu-pty",
                  port,
                  TIMEOUT,
                  1,
                  STALE,
                  devices(1, drives, Duration.ofNanos(1_000)))) {
        PollCycle cycle = measure("rtu pty", drives, List.of(link), warmup, window);
        return new Rtu(
            "RTU on a socat pty pair, %d unit ids, simulator emulating %d baud %s"
                .formatted(drives, baud, frame(line)),
            cycle.pollsPerSecond(),
            wireLimit(line));
      }
    } finally {
      socat.destroy();
      socat.waitFor(2, TimeUnit.SECONDS);
      Files.deleteIfExists(master);
      Files.deleteIfExists(slave);
      Files.deleteIfExists(dir);
    }
  }

  /** {@code 8N1}, {@code 8E1}, ...: data bits, parity, stop bits. */
  private static String frame(SerialSettings line) {
    return "%d%s%d".formatted(line.dataBits(), line.parity().name().charAt(0), line.stopBits());
  }

  /**
   * Polls per second the line allows for one status-block poll: an 8-byte request, a 61-byte
   * response, and a silent interval before each.
   */
  public static double wireLimit(SerialSettings line) {
    int responseBytes = 1 + 2 + 2 * STATUS_REGISTERS + 2;
    return 1e9 / (line.wireNanos(8 + responseBytes) + 2 * line.silentIntervalNanos());
  }

  private static PollCycle measure(
      String what, int drives, List<? extends Link> links, Duration warmup, Duration window)
      throws InterruptedException {
    PollRecorder recorder = new PollRecorder();
    List<String> names = new ArrayList<>();
    for (int unit = 1; unit <= drives; unit++) {
      names.add("axis" + unit);
    }
    for (Link link : links) {
      link.addListener(recorder);
      link.start();
    }
    await(() -> recorder.allAnswered(names), what + ": every drive answering");
    Thread.sleep(warmup.toMillis()); // a warm-up is a duration, not a condition
    recorder.restart();
    long t0 = System.nanoTime();
    Thread.sleep(window.toMillis()); // so is a measuring window
    double seconds = (System.nanoTime() - t0) / 1e9;
    return new PollCycle(what, drives, recorder.cycles(), recorder.polls() / seconds);
  }

  private static Map<Integer, SimulatedDrive> drives(int count) {
    Map<Integer, SimulatedDrive> drives = new LinkedHashMap<>();
    for (int unit = 1; unit <= count; unit++) {
      drives.put(unit, new SimulatedDrive());
    }
    return drives;
  }

  private static List<DeviceConfig> devices(int firstUnit, int lastUnit, Duration poll) {
    List<DeviceConfig> devices = new ArrayList<>();
    for (int unit = firstUnit; unit <= lastUnit; unit++) {
      devices.add(new DeviceConfig("axis" + unit, unit, DriveProfile.simulator(), poll));
    }
    return devices;
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no " + what + " within " + WAIT.toSeconds() + " s");
      }
      Thread.sleep(10);
    }
  }

  /** The baseline: FC03 of the status block over a plain socket, MBAP framed by hand. */
  private static final class RawFc03 implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private final byte[] response = new byte[7 + 2 + 2 * STATUS_REGISTERS];
    private int transactionId;

    RawFc03(int port) throws IOException {
      socket = new Socket(HOST, port);
      socket.setTcpNoDelay(true);
      socket.setSoTimeout((int) TIMEOUT.toMillis());
      out = socket.getOutputStream();
      in = new DataInputStream(socket.getInputStream());
    }

    /** One request and its whole answer; returns the round trip in nanoseconds. */
    long roundTrip() throws IOException {
      transactionId = (transactionId + 1) & 0xFFFF;
      byte[] request = {
        (byte) (transactionId >> 8),
        (byte) transactionId,
        0,
        0,
        0,
        6,
        1,
        3,
        0,
        0,
        0,
        STATUS_REGISTERS
      };
      long start = System.nanoTime();
      out.write(request);
      in.readFully(response);
      long nanos = System.nanoTime() - start;
      if (response[7] != 3 || (response[8] & 0xFF) != 2 * STATUS_REGISTERS) {
        throw new IOException("the simulator answered FC03 with function " + response[7]);
      }
      return nanos;
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
