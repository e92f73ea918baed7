package io.motionua.tools;

import io.motionua.drivers.modbus.SerialRtuPort;
import io.motionua.drivers.modbus.SerialSettings;
import io.motionua.drivers.modbus.TcpRtuPort;
import io.motionua.drivers.scan.RtuScanChannel;
import io.motionua.drivers.scan.ScanChannel;
import io.motionua.drivers.scan.ScanResult;
import io.motionua.drivers.scan.TcpScanChannel;
import io.motionua.drivers.scan.UnitRange;
import io.motionua.drivers.scan.UnitScanner;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "scan",
    header = "Find the Modbus units that answer on a serial line or behind a TCP gateway.",
    mixinStandardHelpOptions = true,
    description = {
      "Find the Modbus units that answer on a serial line or behind a TCP gateway: one line per",
      "answering unit id, with what it says in Read Device Identification (function 43/14) where",
      "it answers that. Each unit is asked for holding register 0 (function 3): any answer, data",
      "or an exception, means a device is there. Exception 0A/0B from a gateway counts as absent.",
      "A full serial scan takes up to 247 timeouts (about 25 s at the default 100 ms)."
    },
    footer = {
      "",
      "Examples:",
      "  motionua scan --serial /dev/ttyUSB0 --baud 115200 --parity none",
      "  motionua scan --serial /dev/ttyUSB0 --baud 19200 --units 1-16",
      "  motionua scan --tcp 192.168.0.20:502 --units 1-32",
      "  motionua scan --rtu-over-tcp 10.0.0.5:4001 --units 1,3,5-7",
      "",
      "Exit codes: 0 at least one unit answered, 1 none did or the line failed during the scan,",
      "2 bad options or the port or host cannot be opened."
    })
final class ScanCommand implements Callable<Integer> {

  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  static final class Target {
    @Option(
        names = "--tcp",
        paramLabel = "HOST:PORT",
        description = "Modbus TCP: a drive or a gateway.")
    String tcp;

    @Option(
        names = "--rtu-over-tcp",
        paramLabel = "HOST:PORT",
        description = "RTU frames over TCP: a serial device server in transparent mode.")
    String rtuOverTcp;

    @Option(
        names = "--serial",
        paramLabel = "DEVICE",
        description = "Modbus RTU on a serial port, e.g. /dev/ttyUSB0.")
    String serial;
  }

  @Option(names = "--baud", paramLabel = "N", description = "Serial baud rate (default 19200).")
  int baud = 19200;

  @Option(
      names = "--parity",
      paramLabel = "P",
      description = "Serial parity: none, even or odd (default even, the Modbus default).")
  String parity = "even";

  @Option(names = "--data-bits", paramLabel = "N", description = "7 or 8 (default 8).")
  int dataBits = 8;

  @Option(names = "--stop-bits", paramLabel = "N", description = "1 or 2 (default 1).")
  int stopBits = 1;

  @Option(
      names = "--units",
      paramLabel = "IDS",
      description = "Unit ids to ask: ids and ranges, e.g. 1-247 (the default) or 1,3,5-7.")
  String units = "1-247";

  @Option(
      names = "--timeout-ms",
      paramLabel = "MS",
      description = "How long each request waits for an answer (default 100).")
  int timeoutMs = 100;

  @Override
  public Integer call() {
    PrintStream out = System.out;
    UnitRange range;
    try {
      range = UnitRange.parse(units);
    } catch (IllegalArgumentException e) {
      return badInput("--units: " + e.getMessage());
    }
    if (timeoutMs < 1 || timeoutMs > 60_000) {
      return badInput("--timeout-ms: %d is outside 1-60000".formatted(timeoutMs));
    }
    ScanChannel channel;
    try {
      channel = open();
    } catch (IllegalArgumentException | IOException e) {
      return badInput(e.getMessage());
    }
    long started = System.nanoTime();
    try (channel) {
      out.printf(
          "scanning %s, units %s, %d ms per request%n", channel.describe(), range, timeoutMs);
      List<ScanResult> found =
          new UnitScanner(channel, Duration.ofMillis(timeoutMs))
              .scan(range, r -> out.println(r.line()));
      out.printf(
          Locale.ROOT,
          "%d of %d unit(s) answered on %s in %.1f s%n",
          found.size(),
          range.units().size(),
          channel.describe(),
          (System.nanoTime() - started) / 1e9);
      return found.isEmpty() ? Main.EXIT_FAILED : 0;
    } catch (IOException e) {
      System.err.println("motionua: scan: " + e.getMessage());
      return Main.EXIT_FAILED;
    }
  }

  private ScanChannel open() throws IOException {
    Duration connect = Duration.ofSeconds(3);
    if (target.tcp != null) {
      HostPort hp = HostPort.parse("--tcp", target.tcp);
      return new TcpScanChannel(hp.host(), hp.port(), connect);
    }
    if (target.rtuOverTcp != null) {
      HostPort hp = HostPort.parse("--rtu-over-tcp", target.rtuOverTcp);
      Socket socket = new Socket();
      try {
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(hp.host(), hp.port()), 3000);
      } catch (IOException e) {
        socket.close();
        throw new IOException(
            "cannot connect to rtu-over-tcp %s: %s".formatted(target.rtuOverTcp, e.getMessage()));
      }
      // TCP carries no characters on a wire: no silent interval beyond a token pause
      return new RtuScanChannel(new TcpRtuPort(socket), 1_750_000L);
    }
    SerialSettings settings =
        new SerialSettings(target.serial, baud, dataBits, parity(parity), stopBits);
    return new RtuScanChannel(new SerialRtuPort(settings), settings.silentIntervalNanos());
  }

  private static SerialSettings.Parity parity(String text) {
    try {
      return SerialSettings.Parity.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--parity: '%s' is not none, even or odd".formatted(text));
    }
  }

  private static int badInput(String message) {
    System.err.println("motionua: scan: " + message);
    return Main.EXIT_BAD_INPUT;
  }
}
