package io.motionua.drivers.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.motionua.drivers.modbus.SerialRtuPort;
import io.motionua.drivers.modbus.SerialSettings;
import io.motionua.drivers.modbus.TcpRtuPort;
import io.motionua.drivers.sim.DriveSimulator;
import io.motionua.drivers.sim.SimFault;
import io.motionua.drivers.sim.SimulatedDrive;
import java.io.File;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scan finds exactly the units that are there: simulated drives, and pymodbus on a pty. */
class UnitScanIT {

  // Generous: a loaded machine may take a while to accept a new connection or to answer.
  private static final Duration TIMEOUT = Duration.ofMillis(500);

  @TempDir Path tmp;

  @Test
  void tcpScanFindsExactlyTheAnsweringUnitsBehindAGateway() throws Exception {
    try (DriveSimulator sim = DriveSimulator.start("127.0.0.1", 0, drives(2, 5, 7))) {
      sim.setFault(5, SimFault.noReply()); // there on paper, silent on the wire
      try (TcpScanChannel channel =
          new TcpScanChannel("127.0.0.1", sim.port(), Duration.ofSeconds(2))) {
        List<Integer> reported = new ArrayList<>();
        List<ScanResult> found =
            new UnitScanner(channel, TIMEOUT)
                .scan(UnitRange.parse("1-10"), r -> reported.add(r.unitId()));
        assertEquals(List.of(2, 7), units(found), "units 1-10 behind the gateway");
        assertEquals(List.of(2, 7), reported, "each reported as found");
        ScanResult two = found.get(0);
        assertEquals("registers", two.probe());
        assertEquals(
            "VendorName=MotionUA ProductCode=motionua-sim MajorMinorRevision=1.0",
            two.identification().orElseThrow().toString());
      }
    }
  }

  @Test
  void rtuOverTcpScanHearsSilenceFromMissingUnits() throws Exception {
    try (DriveSimulator sim = DriveSimulator.startRtuOverTcp("127.0.0.1", 0, drives(1, 3));
        Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", sim.port()), 2000);
      try (RtuScanChannel channel = new RtuScanChannel(new TcpRtuPort(socket), 1_750_000L)) {
        List<ScanResult> found =
            new UnitScanner(channel, TIMEOUT).scan(UnitRange.parse("1-6"), r -> {});
        assertEquals(List.of(1, 3), units(found));
        assertTrue(found.get(1).identification().isPresent(), found.get(1).line());
      }
    }
  }

  @Test
  void serialScanFindsTwoPymodbusSlavesOnOnePtyLineAndNothingElse() throws Exception {
    Path socatPath = Path.of("/usr/bin/socat");
    if (!new File(socatPath.toString()).canExecute()) {
      fail("socat is not installed: run bin/test (installs Debian's socat)");
    }
    Path line = tmp.resolve("line");
    Path master = tmp.resolve("master");
    Process socat =
        new ProcessBuilder("socat", "pty,raw,echo=0,link=" + line, "pty,raw,echo=0,link=" + master)
            .start();
    Process slaves = null;
    try {
      awaitTrue(Duration.ofSeconds(5), () -> Files.exists(line) && Files.exists(master));
      slaves =
          new ProcessBuilder(
                  "/usr/bin/python3",
                  "src/test/python/pymodbus_scan_slaves.py",
                  line.toString(),
                  "4",
                  "9")
              .redirectErrorStream(true)
              .redirectOutput(tmp.resolve("pymodbus.log").toFile())
              .start();
      SerialSettings settings =
          new SerialSettings(master.toString(), 115200, 8, SerialSettings.Parity.NONE, 1);
      try (RtuScanChannel channel =
          new RtuScanChannel(new SerialRtuPort(settings), settings.silentIntervalNanos())) {
        // pymodbus answers in Python: on a loaded machine a reply can take well over 100 ms.
        UnitScanner scanner = new UnitScanner(channel, Duration.ofMillis(500));
        // The Python slave takes a few seconds to start: wait until unit 4 answers.
        awaitTrue(Duration.ofSeconds(20), () -> scanner.probe(4).isPresent());

        // A Python slave on a loaded machine can miss a request now and then: up to three passes
        // may be needed to see both units, but no pass may report a unit that is not there.
        List<ScanResult> found = List.of();
        for (int pass = 0; pass < 3 && units(found).size() < 2; pass++) {
          found = scanner.scan(UnitRange.parse("1-12"), r -> {});
          assertTrue(
              List.of(4, 9).containsAll(units(found)), "only units 4 and 9: " + units(found));
        }
        assertEquals(List.of(4, 9), units(found), "pymodbus serves units 4 and 9 only");
        assertEquals("registers", found.get(0).probe());
        assertEquals(
            "exception 02 illegal data address",
            found.get(1).probe(),
            "unit 9 has no register 0 but is there");
        assertEquals(
            "VendorName=pymodbus-test ProductCode=PMT-1 MajorMinorRevision=3.0",
            found.get(0).identification().orElseThrow().toString());
      }
    } finally {
      if (slaves != null) {
        slaves.destroyForcibly();
      }
      socat.destroy();
      socat.waitFor(2, TimeUnit.SECONDS);
    }
  }

  private interface Check {
    boolean ok() throws Exception;
  }

  private static void awaitTrue(Duration limit, Check check) {
    io.motionua.drivers.modbus.Await.until(
        limit,
        () -> {
          try {
            return check.ok();
          } catch (Exception e) {
            throw new AssertionError("the condition failed: " + e, e);
          }
        },
        () -> "the condition");
  }

  private static List<Integer> units(List<ScanResult> results) {
    return results.stream().map(ScanResult::unitId).toList();
  }

  private static Map<Integer, SimulatedDrive> drives(int... units) {
    Map<Integer, SimulatedDrive> drives = new LinkedHashMap<>();
    for (int unit : units) {
      drives.put(unit, new SimulatedDrive());
    }
    return drives;
  }
}
