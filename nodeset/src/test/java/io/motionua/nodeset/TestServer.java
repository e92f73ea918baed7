package io.motionua.nodeset;

import static org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.sdk.server.EndpointConfig;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig;
import org.eclipse.milo.opcua.sdk.server.identity.AnonymousIdentityValidator;
import org.eclipse.milo.opcua.stack.core.security.DefaultApplicationGroup;
import org.eclipse.milo.opcua.stack.core.security.DefaultCertificateManager;
import org.eclipse.milo.opcua.stack.core.security.DefaultServerCertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.MemoryCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.MemoryCertificateStore;
import org.eclipse.milo.opcua.stack.core.security.MemoryTrustListManager;
import org.eclipse.milo.opcua.stack.core.security.RsaSha256CertificateFactory;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransport;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransportConfig;

/**
 * A Milo server for tests: 127.0.0.1 on a free port, security None, anonymous, certificates in
 * memory. Not started until {@link #start()}, so that no-socket tests can use it too.
 */
final class TestServer implements AutoCloseable {

  private static final String APPLICATION_URI = "urn:motionua:test:nodeset";
  private static KeyPair keyPair;
  private static X509Certificate certificate;

  final OpcUaServer server;
  final int port;
  private boolean started;

  private TestServer(OpcUaServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /**
   * A port below the kernel's ephemeral range (32768 up), so that no port-0 socket or outgoing
   * connection can take it between this check and Milo's bind (the server's ListenPorts, which this
   * module cannot see, explains the race).
   */
  private static int freePort() throws IOException {
    for (int i = 0; ; i++) {
      int port = ThreadLocalRandom.current().nextInt(20000, 32000);
      try (var socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        return port;
      } catch (IOException e) {
        if (i == 100) {
          throw e;
        }
      }
    }
  }

  static TestServer create() throws Exception {
    initCertificate();
    int port = freePort();
    var trustList = new MemoryTrustListManager();
    var quarantine = new MemoryCertificateQuarantine();
    var factory =
        new RsaSha256CertificateFactory() {
          @Override
          protected KeyPair createRsaSha256KeyPair() {
            return keyPair;
          }

          @Override
          protected X509Certificate[] createRsaSha256CertificateChain(KeyPair pair) {
            return new X509Certificate[] {certificate};
          }
        };
    var group =
        new DefaultApplicationGroup(
            trustList,
            new MemoryCertificateStore(),
            factory,
            new DefaultServerCertificateValidator(trustList, quarantine));
    group.initialize();

    EndpointConfig endpoint =
        EndpointConfig.newBuilder()
            .setBindAddress("127.0.0.1")
            .setHostname("127.0.0.1")
            .setBindPort(port)
            .setPath("/motionua")
            .setCertificate(certificate)
            .setSecurityPolicy(SecurityPolicy.None)
            .setSecurityMode(MessageSecurityMode.None)
            .addTokenPolicies(USER_TOKEN_POLICY_ANONYMOUS)
            .build();

    OpcUaServerConfig config =
        OpcUaServerConfig.builder()
            .setApplicationUri(APPLICATION_URI)
            .setApplicationName(LocalizedText.english("MotionUA nodeset test"))
            .setProductUri(APPLICATION_URI)
            .setEndpoints(Set.of(endpoint))
            .setCertificateManager(new DefaultCertificateManager(quarantine, group))
            .setIdentityValidator(AnonymousIdentityValidator.INSTANCE)
            .build();

    var server =
        new OpcUaServer(
            config,
            profile -> new OpcTcpServerTransport(OpcTcpServerTransportConfig.newBuilder().build()));
    return new TestServer(server, port);
  }

  private static synchronized void initCertificate() throws Exception {
    if (keyPair == null) {
      keyPair = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
      certificate =
          new SelfSignedCertificateBuilder(keyPair)
              .setCommonName("MotionUA nodeset test")
              .setApplicationUri(APPLICATION_URI)
              .addIpAddress("127.0.0.1")
              .build();
    }
  }

  TestServer start() throws Exception {
    server.startup().get(10, TimeUnit.SECONDS);
    started = true;
    return this;
  }

  String endpointUrl() {
    return "opc.tcp://127.0.0.1:" + port + "/motionua";
  }

  @Override
  public void close() throws IOException {
    if (started) {
      try {
        server.shutdown().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IOException("server did not shut down", e);
      }
    }
  }
}
