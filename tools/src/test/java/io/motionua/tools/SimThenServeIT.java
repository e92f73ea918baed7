package io.motionua.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One machine file for both sides, as two processes: {@code motionua sim} serves its simulated
 * links (an rtu line on a pty pair at the link's device path, a tcp gateway on its port) and says
 * so, one line per link; {@code motionua serve --no-simulate} with the same file opens them as real
 * links and powers every axis.
 */
class SimThenServeIT {

  @TempDir Path dir;

  @Test
  void simServesTheFilesLinksAndServeWithNoSimulateDrivesThem() throws Exception {
    assumeTrue(ItSupport.onPath("socat").isPresent(), "socat is not installed");
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Path device = dir.resolve("ttyLine");
    String yaml =
        """
        server: { port: 0, bindAddress: 127.0.0.1, hostnames: [127.0.0.1] }
        machine: { name: Two }
        links:
          - { name: line, type: rtu, device: %s, baud: 115200, simulated: true, timeoutMs: 200 }
          - { name: gw, type: tcp, host: 127.0.0.1, port: %d, simulated: true }
        drives:
          - { name: d1, link: line, unitId: 1 }
          - { name: d2, link: line, unitId: 2 }
          - { name: d3, link: gw, unitId: 3 }
        motors:
          - { name: m1, drive: d1 }
          - { name: m2, drive: d2 }
          - { name: m3, drive: d3 }
        reducers:
          - { name: g, ratio: 10 }
        axes:
          - { name: A1, motor: m1, reducer: g, enableOnStart: true }
          - { name: A2, motor: m2, reducer: g, enableOnStart: true }
          - { name: A3, motor: m3, reducer: g, enableOnStart: true }
        """
            .formatted(device, port);
    Path file = dir.resolve("two.yaml");
    Files.writeString(file, yaml);
    try (LoggedProcess sim =
        LoggedProcess.start("sim", ItSupport.motionuaCommand("sim", "--config", file.toString()))) {
      Matcher rtu =
          sim.awaitLine(
              Pattern.compile(
                  "link line \\(rtu\\): simulator on pty (\\S+); the link opens (\\S+) "),
              Duration.ofSeconds(30));
      assertEquals(device.toString(), rtu.group(2));
      assertEquals(device + ".sim", rtu.group(1).replaceAll(";$", ""));
      sim.awaitLine(
          Pattern.compile(
              "link gw \\(tcp\\): simulator on 127.0.0.1:" + port + ", unit ids \\[3\\]"),
          Duration.ofSeconds(30));
      assertTrue(Files.exists(device), "the pty end is at the link's device path");
      try (LoggedProcess serve =
          LoggedProcess.start(
              "serve",
              ItSupport.motionuaCommand(
                  "serve",
                  "--config",
                  file.toString(),
                  "--no-simulate",
                  "--port",
                  "0",
                  "--data-dir",
                  dir.resolve("data").toString()))) {
        for (String axis : new String[] {"A1", "A2", "A3"}) {
          serve.awaitLine(Pattern.compile("axis " + axis + ": powered"), Duration.ofSeconds(60));
        }
      }
    }
  }
}
