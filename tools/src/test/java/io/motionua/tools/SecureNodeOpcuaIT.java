package io.motionua.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A secured machine as a user sets it up: {@code motionua passwd} makes the hashes, the machine
 * file has anonymous access and the None endpoint off, {@code java -jar motionua.jar serve} runs
 * it, and node-opcua (tools/src/test/node/secure-session.js) connects over Basic256Sha256
 * SignAndEncrypt with a user name. Its certificate is refused first and kept in pki/rejected/certs;
 * once moved to pki/trusted/certs (no restart) the sessions open.
 *
 * <p>Skipped only when {@code node} is not on PATH.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecureNodeOpcuaIT {

  private static final String OPERATOR_PASSWORD = "turn the crank";
  private static final String VIEWER_PASSWORD = "look only";

  private Path node;
  private Path work;
  private Path data;
  private String url;
  private LoggedProcess server;
  private Map<String, Object> firstAttempt;
  private List<Path> rejectedAfterFirstAttempt;
  private X509Certificate rejectedCertificate;

  @BeforeAll
  void startSecuredServerAndTrustTheClient() throws Exception {
    node = ItSupport.node();
    work = Files.createTempDirectory("motionua-secure-node-it");
    data = work.resolve("data");
    Path config = work.resolve("secured-arm.yaml");
    Files.writeString(config, securedDemo(), StandardCharsets.UTF_8);

    ServeProcess serve = ServeProcess.start(data, "--config", config.toString());
    url = serve.url;
    server = serve.process;

    firstAttempt = session("olga", OPERATOR_PASSWORD, "J1", "5");
    Path rejected = data.resolve("pki/rejected/certs");
    rejectedAfterFirstAttempt = files(rejected);
    if (rejectedAfterFirstAttempt.size() == 1) {
      Path file = rejectedAfterFirstAttempt.get(0);
      try (var in = Files.newInputStream(file)) {
        rejectedCertificate =
            (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      }
      Files.move(file, data.resolve("pki/trusted/certs").resolve(file.getFileName()));
    }
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** The demo arm with users olga (operator) and victor (viewer), no anonymous, no None. */
  private String securedDemo() throws Exception {
    String demo =
        Files.readString(
            ItSupport.moduleDir().resolve("../examples/demo-arm.yaml"), StandardCharsets.UTF_8);
    String secured =
        demo.replaceFirst("(?m)^  anonymous: .*$", "  anonymous: off")
            .replaceFirst("(?m)^  securityNone: .*$", "  securityNone: false")
            .replaceFirst(
                "(?m)^  users: .*$",
                Matcher.quoteReplacement(
                    "  users:\n    "
                        + passwd("olga", "operator", OPERATOR_PASSWORD)
                        + "\n    "
                        + passwd("victor", "viewer", VIEWER_PASSWORD)));
    assertTrue(secured.contains("role: viewer}"), secured);
    return secured;
  }

  /** {@code motionua passwd --user --role} with the password on standard input. */
  private String passwd(String user, String role, String password) throws Exception {
    Path in = work.resolve("password-" + user);
    Files.writeString(in, password + "\n", StandardCharsets.UTF_8);
    List<String> command = ItSupport.motionuaCommand("passwd", "--user", user, "--role", role);
    Process p =
        new ProcessBuilder(command)
            .redirectInput(in.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "passwd did not finish");
    assertEquals(0, p.exitValue(), "passwd: " + out);
    assertTrue(
        out.matches(
            "- \\{name: "
                + user
                + ", passwordHash: '\\$2b\\$10\\$[./A-Za-z0-9]{53}'"
                + ", role: "
                + role
                + "\\}"),
        out);
    assertTrue(!out.contains(password), "the password is not echoed");
    return out;
  }

  private Map<String, Object> session(String user, String password, String... axisAndTarget) {
    List<String> command =
        new ArrayList<>(
            List.of(
                node.toString(),
                "secure-session.js",
                url,
                user,
                password,
                work.resolve("node-pki").toString()));
    command.addAll(List.of(axisAndTarget));
    ItSupport.Result r = ItSupport.run(command, ItSupport.nodeDir(), Duration.ofSeconds(90));
    assertEquals(0, r.exitCode(), () -> r.describe() + "\n" + server.describe());
    return r.json();
  }

  private static List<Path> files(Path dir) throws Exception {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(dir)) {
      return list.toList();
    }
  }

  /** The trust list notices a moved file on its own; give it a few seconds. */
  private Map<String, Object> sessionOnceTrusted(String user, String password, String... args) {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (true) {
      Map<String, Object> r = session(user, password, args);
      if ("Good".equals(r.get("channel")) || System.nanoTime() > deadline) {
        return r;
      }
      ItSupport.sleep(500);
    }
  }

  @Test
  void anUntrustedClientCertificateIsRefusedAndKeptInTheRejectedFolder() {
    assertEquals("refused", firstAttempt.get("channel"), firstAttempt::toString);
    assertEquals(
        1, rejectedAfterFirstAttempt.size(), () -> "rejected: " + rejectedAfterFirstAttempt);
    assertTrue(
        rejectedCertificate.getSubjectX500Principal().getName().contains("motionua-secure-check"),
        () -> "the rejected file is node-opcua's certificate: " + rejectedCertificate);
  }

  @Test
  void anOperatorReadsAndMovesAnAxisOverSignAndEncryptOnceTrusted() {
    Map<String, Object> r = sessionOnceTrusted("olga", OPERATOR_PASSWORD, "J1", "5");
    assertEquals("Good", r.get("channel"), r::toString);
    assertEquals("Good", r.get("session"), r::toString);
    assertEquals("Good", r.get("readStatus"), r::toString);
    assertEquals(Boolean.TRUE, r.get("userExecutable"), r::toString);
    assertEquals("Good", r.get("writeStatus"), r::toString);
    assertEquals("Good", r.get("callStatus"), r::toString);
    List<Object> events = MiniJson.array(r.get("events"), "events");
    assertTrue(
        events.stream()
            .map(e -> MiniJson.object(e, "event"))
            .anyMatch(
                e ->
                    "J1".equals(e.get("sourceName"))
                        && String.valueOf(e.get("message")).contains("move completed")),
        () -> "a MoveCompleted event of J1 over the secured session: " + events);
  }

  @Test
  void aViewerReadsButItsCallIsRefusedWithUserAccessDenied() {
    Map<String, Object> r = sessionOnceTrusted("victor", VIEWER_PASSWORD, "J2", "5");
    assertEquals("Good", r.get("session"), r::toString);
    assertEquals("Good", r.get("readStatus"), r::toString);
    assertEquals(Boolean.TRUE, r.get("executable"), r::toString);
    assertEquals(Boolean.FALSE, r.get("userExecutable"), r::toString);
    assertEquals("BadUserAccessDenied", r.get("writeStatus"), r::toString);
    assertEquals("BadUserAccessDenied", r.get("callStatus"), r::toString);
  }

  @Test
  void aWrongPasswordGetsUserAccessDenied() {
    Map<String, Object> r = sessionOnceTrusted("olga", "not the password");
    assertEquals("Good", r.get("channel"), r::toString);
    assertEquals("BadUserAccessDenied", r.get("session"), r::toString);
  }
}
