package io.motionua.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.motionua.server.MotionUa;
import io.motionua.server.config.ConfigLoader;
import io.motionua.server.config.MachineConfig;
import io.motionua.server.config.UserSpec;
import io.motionua.server.opcua.ListenPorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.identity.UsernameProvider;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A client whose certificate the server does not know is refused and its certificate kept in
 * pki/rejected/certs; an administrator moving the file to pki/trusted/certs lets the same client in
 * without a restart. The server's own certificate is made on first start with the configured
 * application URI and hostnames.
 */
class UntrustedCertificateIT {

  private MotionUa motionUa;

  @AfterEach
  void stop() {
    if (motionUa != null) {
      motionUa.close();
    }
  }

  @Test
  void anUntrustedClientIsRefusedUntilItsRejectedCertificateIsMovedToTrusted() throws Exception {
    Path data = Files.createTempDirectory("motionua-pki-it");
    int port = ListenPorts.choose();
    MachineConfig demo = ConfigLoader.demo().withPort(port);
    List<UserSpec> users =
        List.of(new UserSpec("olga", PasswordHash.hash("pw".toCharArray()), "operator"));
    motionUa = new MotionUa(demo.withServer(demo.server().withAccess(users, "off", false)), data);
    motionUa.start();
    SecureTestClient app = SecureTestClient.create("stranger");
    UsernameProvider olga = new UsernameProvider("olga", "pw");

    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(log);
    try {
      for (int attempt = 0; attempt < 3; attempt++) {
        UaException refused = assertThrows(UaException.class, () -> app.connect(port, olga));
        assertEquals(
            StatusCodes.Bad_SecurityChecksFailed,
            refused.getStatusCode().getValue(),
            refused.toString());
      }
    } finally {
      root.detachAppender(log);
    }
    List<String> certificateLines =
        log.list.stream()
            .filter(e -> e.getLoggerName().endsWith("RejectedCertificates"))
            .map(ILoggingEvent::getFormattedMessage)
            .toList();
    String thumbprint = RejectedCertificates.thumbprint(app.certificate());
    assertEquals(1, certificateLines.size(), "one line for all refusals: " + certificateLines);
    assertTrue(certificateLines.get(0).contains(thumbprint), certificateLines.get(0));
    assertTrue(certificateLines.get(0).contains("pki/trusted/certs"), certificateLines.get(0));
    assertTrue(certificateLines.get(0).contains("from 127.0.0.1"), certificateLines.get(0));
    List<ILoggingEvent> traces =
        log.list.stream().filter(e -> e.getThrowableProxy() != null).toList();
    assertEquals(List.of(), traces, "no stack trace logged for a refused certificate");
    List<String> audited = certificateAudits(data, 3);
    // Milo's client tries OpenSecureChannel twice per connect: at least one refusal per connect.
    assertTrue(audited.size() >= 3, "every refusal audited: " + audited);
    for (String line : audited) {
      assertTrue(line.contains(thumbprint) && line.contains("Bad_SecurityChecksFailed"), line);
      assertTrue(line.contains("\"address\":\"127.0.0.1\""), "the client's address: " + line);
    }

    Path rejected = data.resolve("pki/rejected/certs");
    List<Path> files;
    try (Stream<Path> list = Files.list(rejected)) {
      files = list.toList();
    }
    assertEquals(1, files.size(), "one rejected certificate in " + rejected + ": " + files);
    Path file = files.get(0);
    X509Certificate kept = read(file);
    assertEquals(app.certificate(), kept, "the rejected file holds the client's certificate");

    Path trusted = data.resolve("pki/trusted/certs").resolve(file.getFileName());
    Files.move(file, trusted);
    OpcUaClient client = connectWithin(app, port, olga, 10_000);
    try {
      DataValue state =
          client.readValue(0.0, TimestampsToReturn.Neither, NodeIds.Server_ServerStatus_State);
      assertTrue(state.statusCode().isGood(), state.toString());
    } finally {
      client.disconnect();
    }
    try (Stream<Path> list = Files.list(rejected)) {
      assertFalse(list.findAny().isPresent(), "nothing rejected once trusted");
    }
  }

  @Test
  void theServerCertificateIsMadeOnFirstStartWithTheApplicationUriAndHostnamesAndKept()
      throws Exception {
    Path data = Files.createTempDirectory("motionua-pki-it");
    MachineConfig demo = ConfigLoader.demo().withPort(ListenPorts.choose());
    motionUa = new MotionUa(demo, data);
    motionUa.start();
    Path store = data.resolve("pki/server-certificates.pfx");
    assertTrue(Files.isRegularFile(store), "certificate store in the data directory");
    X509Certificate first = serverCertificate();
    assertEquals(
        List.of(List.of(6, "urn:motionua:DemoArm"), List.of(2, "localhost")),
        first.getSubjectAlternativeNames().stream().toList());
    motionUa.close();

    motionUa = new MotionUa(demo, data);
    motionUa.start();
    assertEquals(first, serverCertificate(), "the same certificate after a restart");
  }

  private X509Certificate serverCertificate() {
    return motionUa
        .server()
        .getConfig()
        .getCertificateManager()
        .getCertificateGroups()
        .get(0)
        .getCertificateEntries()
        .get(0)
        .certificateChain[0];
  }

  /** The audit file's certificate lines once there are {@code expected} (written on a thread). */
  private static List<String> certificateAudits(Path data, int expected) throws Exception {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (true) {
      List<String> lines =
          Files.readAllLines(data.resolve("audit.log")).stream()
              .filter(l -> l.contains("\"action\":\"certificate\""))
              .toList();
      if (lines.size() >= expected || System.nanoTime() > deadline) {
        return lines;
      }
      Thread.sleep(50);
    }
  }

  private static X509Certificate read(Path file) throws Exception {
    try (var in = Files.newInputStream(file)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  /** The trust list notices the moved file on its own; allow it a moment. */
  private static OpcUaClient connectWithin(
      SecureTestClient app, int port, UsernameProvider identity, long millis) throws Exception {
    long deadline = System.nanoTime() + millis * 1_000_000;
    while (true) {
      try {
        return app.connect(port, identity);
      } catch (UaException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(250);
      }
    }
  }
}
