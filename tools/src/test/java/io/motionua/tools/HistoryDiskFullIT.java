package io.motionua.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, bad input: a full disk. The demo server runs as a user runs it, with its data directory
 * on a real filesystem that is full: a 64 MB tmpfs mounted in a mount namespace of its own ({@code
 * unshare --user --map-root-user --mount}, no privileges needed), most of it taken by a file. The
 * server keeps serving, the store is left where it is (not moved aside as damaged), and once the
 * file is deleted (through {@code /proc/<pid>/root}, the server's view of that mount) recording
 * resumes by itself and the record is read back.
 */
class HistoryDiskFullIT {

  private static final String J6 = "DemoArm/MotionDevices/Arm/Axes/J6";
  private static final String J1_POSITION =
      "DemoArm/MotionDevices/Arm/Axes/J1/ParameterSet/ActualPosition";
  private static final Duration RUN = Duration.ofSeconds(60);

  /** Room left: the store opens (its tables' files), its first commit does not fit. */
  @Test
  void aDiskThatFillsStopsTheWritingNotTheServerAndWritingResumesWhenThereIsRoom()
      throws Exception {
    Path mount = Files.createTempDirectory("motionua-disk-full-it");
    int port = io.motionua.server.opcua.ListenPorts.choose();
    String url = "opc.tcp://127.0.0.1:" + port;
    try (LoggedProcess server = serveOnFullDisk(mount, port, "58m")) {
      server.awaitLine(
          Pattern.compile("history writing failed \\(the disk is full\\)"), Duration.ofSeconds(90));
      // The server serves: a live value, and HistoryRead answers (with nothing recorded yet).
      ItSupport.readOverOpcUa(url, J1_POSITION);
      assertEquals(0, export(url, J1_POSITION, Instant.now().minusSeconds(60)).exitCode());
      ItSupport.Result turn =
          ItSupport.run(
              ItSupport.motionuaCommand(
                  "client", "call", "--url", url, J6, "MoveVelocity", "90", "0", "0"),
              null,
              RUN);
      assertEquals(0, turn.exitCode(), turn::describe);
      assertNothingMovedAside(server, mount);

      Instant freed = Instant.now();
      Files.delete(seenBy(server, mount).resolve("filler"));
      server.awaitLine(
          Pattern.compile("history writing resumed after \\d+ s; \\d+ value\\(s\\)"),
          Duration.ofSeconds(60));
      ItSupport.await(
          () -> positionsSince(url, freed) > 10, 30_000, "J6's positions recorded again");
      assertNothingMovedAside(server, mount);
    }
  }

  /** No room at all: the store cannot even be opened; it is tried again, not moved aside. */
  @Test
  void aStoreThatCannotOpenForAFullDiskIsLeftInPlaceAndOpensWhenThereIsRoom() throws Exception {
    Path mount = Files.createTempDirectory("motionua-disk-full-open-it");
    int port = io.motionua.server.opcua.ListenPorts.choose();
    String url = "opc.tcp://127.0.0.1:" + port;
    try (LoggedProcess server = serveOnFullDisk(mount, port, "63m")) {
      server.awaitLine(
          Pattern.compile("cannot be opened: the disk is full .*opening is tried again"),
          Duration.ofSeconds(90));
      ItSupport.readOverOpcUa(url, J1_POSITION);
      assertNothingMovedAside(server, mount);
      Files.delete(seenBy(server, mount).resolve("filler"));
      server.awaitLine(Pattern.compile("history store open in"), Duration.ofSeconds(60));
      ItSupport.await(
          () ->
              export(url, J1_POSITION, Instant.now().minusSeconds(120)).stdout().lines().count()
                  > 1,
          30_000,
          "J1's first position recorded");
      assertNothingMovedAside(server, mount);
    }
  }

  /**
   * {@code motionua serve} with its data directory on a 64 MB tmpfs at {@code mount} (in a mount
   * namespace of its own) of which a file takes {@code filler}.
   */
  private static LoggedProcess serveOnFullDisk(Path mount, int port, String filler) {
    List<String> command =
        new ArrayList<>(
            List.of(
                "unshare",
                "--user",
                "--map-root-user",
                "--mount",
                "sh",
                "-c",
                "mount -t tmpfs -o size=64m tmpfs \"$0\" && fallocate -l "
                    + filler
                    + " \"$0/filler\" && exec \"$@\"",
                mount.toString()));
    command.addAll(
        ItSupport.motionuaCommand(
            "serve",
            "--port",
            String.valueOf(port),
            "--data-dir",
            mount.resolve("data").toString(),
            "--log-dir",
            "none"));
    return LoggedProcess.start("serve on a full disk", command);
  }

  /** The mount as the server sees it (sh execs java: the process started is the server). */
  private static Path seenBy(LoggedProcess server, Path mount) {
    return Path.of("/proc/" + server.process().pid() + "/root" + mount);
  }

  private static void assertNothingMovedAside(LoggedProcess server, Path mount) throws Exception {
    try (Stream<Path> files = Files.list(seenBy(server, mount).resolve("data"))) {
      List<String> names = files.map(p -> p.getFileName().toString()).toList();
      assertTrue(names.contains("history"), names::toString);
      assertTrue(names.stream().noneMatch(n -> n.contains("corrupt")), names::toString);
    }
  }

  /** The recorded values of {@code node} from {@code from} until now, as CSV. */
  private static ItSupport.Result export(String url, String node, Instant from) {
    return ItSupport.historyExport(
        url,
        "--node",
        node,
        "--from",
        from.toString(),
        "--to",
        Instant.now().plusSeconds(5).toString());
  }

  /** How many Good positions of J6 are recorded since {@code from}. */
  private static long positionsSince(String url, Instant from) {
    ItSupport.Result csv = export(url, J6 + "/ParameterSet/ActualPosition", from);
    assertEquals(0, csv.exitCode(), csv::describe);
    return csv.stdout().lines().skip(1).filter(l -> l.endsWith(",Good")).count();
  }
}
