package io.motionua.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code motionua client} as a user runs it ({@code java -jar motionua.jar client ...}) against the
 * demo server run the same way: browse, read, write, call, watch and export-certificate, with their
 * exit codes.
 */
class ClientCommandIT {

  private static final String ARM = "DemoArm/MotionDevices/Arm";
  private static final Duration RUN = Duration.ofSeconds(60);

  private static Path dataDir;
  private static ServeProcess serve;
  private static String url;

  @BeforeAll
  static void startDemo() throws Exception {
    dataDir = Files.createTempDirectory("motionua-client-it");
    serve = ServeProcess.start(dataDir, "--log-dir", "none", "--http-port", "0");
    url = serve.url;
    serve.awaitDemoJ1Standstill();
  }

  @AfterAll
  static void stopDemo() {
    if (serve != null) {
      serve.close();
    }
  }

  private static ItSupport.Result client(String command, String... args) {
    return serve.client(command, args);
  }

  @Test
  void browseListsTheSixAxes() {
    ItSupport.Result r = client("browse", ARM + "/Axes");
    assertEquals(0, r.exitCode(), r::describe);
    List<String> names = new ArrayList<>();
    for (String line : r.stdout().split("\\R")) {
      names.add(line.split("\\s+")[0]);
    }
    assertEquals(List.of("J1", "J2", "J3", "J4", "J5", "J6"), names, r::describe);
    assertTrue(r.stdout().contains("Object"), r::describe);
  }

  @Test
  void readPrintsAPositionWithItsStatusAsJson() {
    ItSupport.Result r = client("read", "--json", ARM + "/Axes/J2/ParameterSet/ActualPosition");
    assertEquals(0, r.exitCode(), r::describe);
    Map<String, Object> value = r.json();
    assertEquals("Good", value.get("status"), r::describe);
    assertTrue(value.get("value") instanceof Double, r::describe);
    assertTrue(String.valueOf(value.get("sourceTime")).matches("\\d{4}-.*Z"), r::describe);
  }

  @Test
  void writeSetsTheSpeedOverrideAndARefusedWriteExits1() {
    String override = ARM + "/ParameterSet/SpeedOverride";
    ItSupport.Result write = client("write", override, "55");
    assertEquals(0, write.exitCode(), write::describe);
    assertEquals(override + ": Good", write.stdout().strip(), write::describe);
    ItSupport.Result read = client("read", "--json", override);
    assertEquals(55.0, read.json().get("value"), read::describe);

    ItSupport.Result tooHigh = client("write", override, "500");
    assertEquals(1, tooHigh.exitCode(), tooHigh::describe);
    assertTrue(tooHigh.stdout().contains("Bad_OutOfRange"), tooHigh::describe);
    ItSupport.Result notANumber = client("write", override, "fast");
    assertEquals(1, notANumber.exitCode(), notANumber::describe);
    assertEquals(
        "motionua: client: Bad_TypeMismatch: " + override + ": 'fast' is not a Double",
        notANumber.stderr().strip(),
        notANumber::describe);
    assertEquals(0, client("write", override, "100").exitCode());
  }

  @Test
  void aCallOutsideTheLimitsPrintsBadInvalidArgumentAndExits1() {
    ItSupport.Result r =
        client("call", ARM + "/Axes/J4", "MoveAbsolute", "9999", "90", "360", "360");
    assertEquals(1, r.exitCode(), r::describe);
    assertTrue(
        r.stdout().contains("MoveAbsolute: Bad_InvalidArgument [Position: Bad_OutOfRange]"),
        r::describe);
  }

  @Test
  void watchSeesThePositionChangeWhileACallMovesTheAxis() throws Exception {
    String position = ARM + "/Axes/J3/ParameterSet/ActualPosition";
    List<String> watch =
        new ArrayList<>(
            List.of("client", "watch", "--url", url, "--count", "4", "--interval-ms", "50"));
    watch.add(position);
    try (LoggedProcess watcher =
        LoggedProcess.start("watch", ItSupport.motionuaCommand(watch.toArray(String[]::new)))) {
      watcher.awaitLine(Pattern.compile("ActualPosition = "), RUN);
      // 30 degrees at 10 degrees/s: about 3 s of changes for the watch to see.
      ItSupport.Result call =
          client("call", ARM + "/Axes/J3", "MoveAbsolute", "30", "10", "360", "360");
      assertEquals(0, call.exitCode(), call::describe);
      assertEquals("MoveAbsolute: Good", call.stdout().strip(), call::describe);
      assertTrue(watcher.waitForExit(RUN), watcher::describe);
      assertEquals("0", watcher.exitText(), watcher::describe);
      Matcher m = Pattern.compile("ActualPosition = (\\S+) \\(Good").matcher(watcher.describe());
      TreeSet<Double> values = new TreeSet<>();
      int lines = 0;
      while (m.find()) {
        values.add(Double.parseDouble(m.group(1)));
        lines++;
      }
      assertEquals(4, lines, watcher::describe);
      assertTrue(values.size() >= 3, () -> "the position changes: " + values);
    }
  }

  @Test
  void exportCertificateWritesADerFileThatParses() throws Exception {
    Path der = dataDir.resolve("exported-server.der");
    ItSupport.Result r = client("export-certificate", "-o", der.toString());
    assertEquals(0, r.exitCode(), r::describe);
    X509Certificate cert =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(der)));
    boolean hasUri = false;
    for (List<?> name : cert.getSubjectAlternativeNames()) {
      hasUri |= "urn:motionua:DemoArm".equals(name.get(1));
    }
    assertTrue(hasUri, () -> "application URI in " + cert);
    assertTrue(r.stdout().contains("SHA-1"), r::describe);
  }

  @Test
  void signAndEncryptWorksOnceTheServerTrustsTheClient() throws Exception {
    Path clientDir = dataDir.resolve("client");
    String node = ARM + "/Axes/J5/ParameterSet/ActualPosition";
    String[] secured = {"--security", "sign-encrypt", "--client-dir", clientDir.toString(), node};
    ItSupport.Result refused = client("read", secured);
    assertEquals(1, refused.exitCode(), refused::describe);
    assertTrue(refused.stderr().startsWith("motionua: client: Bad_"), refused::describe);
    Path trusted = dataDir.resolve("pki/trusted/certs");
    Files.createDirectories(trusted);
    Files.copy(clientDir.resolve("client.der"), trusted.resolve("motionua-client.der"));
    ItSupport.Result read = client("read", secured);
    assertEquals(0, read.exitCode(), read::describe);
    assertTrue(read.stdout().contains("(Good"), read::describe);
  }

  @Test
  void serveHttpPortZeroLogsTheChosenPortAndAnswersHealthAndMetrics() throws Exception {
    Matcher logged =
        serve.process.awaitLine(
            Pattern.compile("HTTP endpoints on http://127\\.0\\.0\\.1:(\\d+) "), RUN);
    int port = Integer.parseInt(logged.group(1));
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> health =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, health.statusCode(), health.body());
    HttpResponse<String> metrics =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertTrue(
        metrics.body().contains("motionua_axis_state_code{axis=\"J1\",machine=\"DemoArm\"}"),
        metrics.body());
  }

  @Test
  void unknownNodesExit1AndBadOptionsExit2() {
    ItSupport.Result unknown = client("read", ARM + "/Axes/J9");
    assertEquals(1, unknown.exitCode(), unknown::describe);
    assertEquals(
        "motionua: client: Bad_NoMatch: no node 'J9' under Objects/DemoArm/MotionDevices/Arm/Axes",
        unknown.stderr().strip(),
        unknown::describe);
    ItSupport.Result badMode = client("read", "--security", "encrypt", "i=2258");
    assertEquals(2, badMode.exitCode(), badMode::describe);
    assertTrue(
        badMode.stderr().startsWith("motionua: --security must be none, sign or sign-encrypt"),
        badMode::describe);
  }
}
