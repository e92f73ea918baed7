package io.motionua.server.security;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.function.UnaryOperator;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.identity.IdentityProvider;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;

/**
 * A client application for the security tests: its own key pair and self-signed certificate, and
 * Milo clients that connect with them over Basic256Sha256 SignAndEncrypt.
 */
final class SecureTestClient {

  private final String applicationUri;
  private final KeyPair keyPair;
  private final X509Certificate certificate;

  private SecureTestClient(String applicationUri, KeyPair keyPair, X509Certificate certificate) {
    this.applicationUri = applicationUri;
    this.keyPair = keyPair;
    this.certificate = certificate;
  }

  static SecureTestClient create(String name) throws Exception {
    String uri = "urn:motionua:test:" + name;
    KeyPair keyPair = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
    X509Certificate certificate =
        new SelfSignedCertificateBuilder(keyPair)
            .setCommonName("MotionUA test client " + name)
            .setApplicationUri(uri)
            .addDnsName("localhost")
            .build();
    return new SecureTestClient(uri, keyPair, certificate);
  }

  X509Certificate certificate() {
    return certificate;
  }

  /** Puts the certificate into a server's trusted folder, as an administrator would. */
  void trustIn(Path dataDir) throws Exception {
    Path trusted = dataDir.resolve("pki").resolve("trusted").resolve("certs");
    Files.createDirectories(trusted);
    Files.write(
        trusted.resolve(applicationUri.replace(':', '_') + ".der"), certificate.getEncoded());
  }

  /** A connected client; throws the server's refusal (closing what was opened). */
  OpcUaClient connect(int port, IdentityProvider identity) throws UaException {
    return connect(port, identity, UnaryOperator.identity());
  }

  /**
   * As {@link #connect(int, IdentityProvider)}, with the chosen endpoint changed before use: lets a
   * test offer the server a token policy it did not advertise.
   */
  OpcUaClient connect(
      int port, IdentityProvider identity, UnaryOperator<EndpointDescription> tamper)
      throws UaException {
    OpcUaClient client =
        OpcUaClient.create(
            "opc.tcp://127.0.0.1:" + port,
            endpoints ->
                endpoints.stream()
                    .filter(
                        e ->
                            SecurityPolicy.Basic256Sha256.getUri().equals(e.getSecurityPolicyUri())
                                && e.getSecurityMode() == MessageSecurityMode.SignAndEncrypt)
                    .findFirst()
                    .map(tamper),
            transport -> {},
            config ->
                config
                    .setApplicationUri(applicationUri)
                    .setApplicationName(LocalizedText.english("MotionUA security test"))
                    .setKeyPair(keyPair)
                    .setCertificate(certificate)
                    .setCertificateChain(new X509Certificate[] {certificate})
                    .setIdentityProvider(identity)
                    .setRequestTimeout(uint(10_000)));
    try {
      client.connect();
      return client;
    } catch (UaException e) {
      try {
        client.disconnect();
      } catch (UaException ignored) {
        // the refusal is what the caller wants to see
      }
      throw e;
    }
  }
}
