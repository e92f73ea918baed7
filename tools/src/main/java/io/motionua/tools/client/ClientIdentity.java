package io.motionua.tools.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;

/**
 * The command-line client's own application instance certificate, needed for Sign and
 * SignAndEncrypt. Created once in the client directory ({@code client.p12}, with {@code client.der}
 * beside it for the server's administrator to trust) and reused, so the server trusts it once.
 *
 * @param applicationUri the URI in the certificate, which the session must announce
 */
record ClientIdentity(String applicationUri, KeyPair keyPair, X509Certificate certificate) {

  /** Guards nothing: the file's permissions protect the key; PKCS12 needs some password. */
  private static final char[] STORE_PASSWORD = "motionua".toCharArray();

  private static final String ALIAS = "client";

  static ClientIdentity loadOrCreate(Path dir) throws IOException, GeneralSecurityException {
    Path store = dir.resolve("client.p12");
    KeyStore keys = KeyStore.getInstance("PKCS12");
    if (Files.isRegularFile(store)) {
      try (InputStream in = Files.newInputStream(store)) {
        keys.load(in, STORE_PASSWORD);
      }
      X509Certificate cert = (X509Certificate) keys.getCertificate(ALIAS);
      PrivateKey key = (PrivateKey) keys.getKey(ALIAS, STORE_PASSWORD);
      return new ClientIdentity(uriOf(cert), new KeyPair(cert.getPublicKey(), key), cert);
    }
    String host = InetAddress.getLocalHost().getHostName();
    String uri = "urn:motionua:client:" + host;
    KeyPair pair = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
    X509Certificate cert;
    try {
      cert =
          new SelfSignedCertificateBuilder(pair)
              .setCommonName("MotionUA command-line client")
              .setApplicationUri(uri)
              .addDnsName(host)
              .build();
    } catch (Exception e) {
      throw new GeneralSecurityException("cannot create the client certificate: " + e, e);
    }
    keys.load(null, null);
    keys.setKeyEntry(ALIAS, pair.getPrivate(), STORE_PASSWORD, new X509Certificate[] {cert});
    Files.createDirectories(dir);
    try (OutputStream out = Files.newOutputStream(store)) {
      keys.store(out, STORE_PASSWORD);
    }
    Files.write(dir.resolve("client.der"), cert.getEncoded());
    return new ClientIdentity(uri, pair, cert);
  }

  private static String uriOf(X509Certificate cert) throws GeneralSecurityException {
    var names = cert.getSubjectAlternativeNames();
    if (names != null) {
      for (var name : names) {
        if (Integer.valueOf(6).equals(name.get(0))) { // 6: uniformResourceIdentifier
          return String.valueOf(name.get(1));
        }
      }
    }
    throw new GeneralSecurityException("the client certificate has no application URI");
  }
}
