package io.motionua.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution archive as an operator installs it: unpacked into an empty directory and run
 * with nothing but a Java runtime on PATH; its systemd unit checked by systemd-analyze.
 */
class DistributionIT {

  private static final Pattern READY = Pattern.compile("MotionUA ready in (\\d+) ms");
  private static final Pattern ISO_LINE =
      Pattern.compile(
          "(?m)^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) INFO  .*ready");

  @TempDir Path dir;
  private Path home;

  @BeforeEach
  void unpack() throws IOException {
    Path archive;
    try (Stream<Path> files = Files.list(ItSupport.moduleDir().resolve("target"))) {
      archive =
          files
              .filter(f -> f.getFileName().toString().matches("motionua-.*\\.tar\\.gz"))
              .findFirst()
              .orElseGet(() -> fail("no motionua-*.tar.gz in target: built by mvn package"));
    }
    ItSupport.Result tar =
        ItSupport.run(
            List.of("tar", "-xzf", archive.toString(), "-C", dir.toString()),
            dir,
            Duration.ofSeconds(60));
    assertEquals(0, tar.exitCode(), tar.toString());
    try (Stream<Path> top = Files.list(dir)) {
      home = top.filter(Files::isDirectory).findFirst().orElseThrow();
    }
  }

  @Test
  void archiveHoldsLauncherJarsConfigurationUnitAndLicenses() throws IOException {
    assertTrue(
        Files.getPosixFilePermissions(home.resolve("bin/motionua"))
            .contains(PosixFilePermission.OWNER_EXECUTE));
    try (Stream<Path> jars = Files.list(home.resolve("lib"))) {
      List<String> names = jars.map(p -> p.getFileName().toString()).toList();
      assertTrue(names.stream().anyMatch(n -> n.startsWith("milo-sdk-server-")), names.toString());
      assertTrue(names.stream().anyMatch(n -> n.startsWith("motionua-tools-")), names.toString());
      assertTrue(names.stream().anyMatch(n -> n.startsWith("j2mod-")), names.toString());
    }
    assertTrue(Files.isRegularFile(home.resolve("conf/machine.yaml")));
    assertTrue(Files.isRegularFile(home.resolve("conf/logback.xml")));
    assertTrue(Files.isRegularFile(home.resolve("systemd/motionua.service")));
    String thirdParty = Files.readString(home.resolve("THIRD-PARTY.txt"));
    assertTrue(thirdParty.contains("org.eclipse.milo:milo-sdk-server"), thirdParty);
  }

  @Test
  void startsWithOnlyAJavaRuntimeOnPathLogsToARollingFileAndStartsFromItsArchive()
      throws IOException {
    Path data = dir.resolve("data");
    try (LoggedProcess server = LoggedProcess.start("dist-serve", serve(data), javaOnly())) {
      // The first start runs the class-data training start before it (docs/operations.md).
      server.awaitLine(READY, Duration.ofSeconds(240));
      Path log = data.resolve("logs/motionua.log");
      assertTrue(Files.isRegularFile(log), "log file " + log);
      // The console line may come a moment before the file's: wait for it, with a bound.
      long deadline = System.nanoTime() + 10_000_000_000L;
      String text = Files.readString(log, StandardCharsets.UTF_8);
      while (!ISO_LINE.matcher(text).find() && System.nanoTime() < deadline) {
        ItSupport.sleep(50);
        text = Files.readString(log, StandardCharsets.UTF_8);
      }
      assertTrue(ISO_LINE.matcher(text).find(), "an ISO-8601 dated ready line in\n" + text);
      assertTrue(server.terminate(Duration.ofSeconds(10)), "stops on SIGTERM");
      assertTrue(server.describe().contains("preparing fast starts"), server.describe());
    }
    Path archive = home.resolve("lib/motionua.jsa");
    assertTrue(Files.size(archive) > 1_000_000, "the training start wrote " + archive);
    // The second start maps the archive instead of training again.
    try (LoggedProcess again = LoggedProcess.start("dist-serve-2", serve(data), javaOnly())) {
      again.awaitLine(READY, Duration.ofSeconds(90));
      String maps =
          Files.readString(Path.of("/proc", Long.toString(again.process().pid()), "maps"));
      assertTrue(maps.contains(archive.toString()), "the JVM maps " + archive);
      assertFalse(again.describe().contains("preparing fast starts"), again.describe());
      assertTrue(again.terminate(Duration.ofSeconds(10)), "stops on SIGTERM");
    }
  }

  private List<String> serve(Path data) {
    return List.of(
        home.resolve("bin/motionua").toString(),
        "serve",
        "--config",
        home.resolve("conf/machine.yaml").toString(),
        "--port",
        "0",
        "--data-dir",
        data.toString());
  }

  @Test
  void aCorruptLogbackXmlIsOneLineAndExitTwo() throws IOException {
    Files.writeString(home.resolve("conf/logback.xml"), "<configuration><appender name=");
    ItSupport.Result run =
        ItSupport.run(
            List.of(home.resolve("bin/motionua").toString(), "serve", "--port", "0"),
            dir,
            Duration.ofSeconds(60));
    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.stderr().contains("motionua: logging configuration "), run.toString());
    assertTrue(run.stderr().contains("conf/logback.xml"), run.toString());
  }

  @Test
  void anUnknownLogLevelIsBadInput() {
    ItSupport.Result run =
        ItSupport.run(
            List.of(home.resolve("bin/motionua").toString(), "serve", "--log-level", "chatty"),
            dir,
            Duration.ofSeconds(60));
    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(
        run.stderr().contains("--log-level: unknown log level 'chatty' (known: trace, debug"),
        run.toString());
    assertFalse(run.stderr().contains("\tat "), "no stack trace");
  }

  @Test
  void systemdUnitVerifies() throws IOException {
    Path analyze = Path.of("/usr/bin/systemd-analyze");
    assumeTrue(Files.isExecutable(analyze), "systemd-analyze is not installed");
    String unit =
        Files.readString(home.resolve("systemd/motionua.service"))
            .replace("/opt/motionua/bin/motionua", home.resolve("bin/motionua").toString());
    Path copy = dir.resolve("motionua.service");
    Files.writeString(copy, unit);
    ItSupport.Result run =
        ItSupport.run(
            List.of(analyze.toString(), "verify", copy.toString()), dir, Duration.ofSeconds(60));
    String out = run.stdout() + run.stderr();
    assertFalse(out.contains("motionua.service:"), "no complaint about the unit: " + out);
    assertEquals(0, run.exitCode(), run.toString());
  }

  /** PATH with the test JVM's java alone: no Maven, no shell tools. */
  private static Map<String, String> javaOnly() {
    return Map.of(
        "PATH", Path.of(System.getProperty("java.home"), "bin").toString(), "HOME", "/tmp");
  }
}
