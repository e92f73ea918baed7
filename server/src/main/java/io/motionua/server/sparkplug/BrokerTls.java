package io.motionua.server.sparkplug;

import io.motionua.server.config.SparkplugSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS socket factory for {@code ssl://} brokers: the configured trust store (else the JVM's
 * default CAs) and, when given, the client certificate in a key store. Host names are checked
 * against the broker's certificate by Paho.
 */
final class BrokerTls {

  private BrokerTls() {}

  /** Null when the section names no store (Paho then uses the JVM's defaults for ssl://). */
  static SSLSocketFactory socketFactory(SparkplugSpec spec, Path machineFile)
      throws IOException, GeneralSecurityException {
    if (spec.trustStore() == null && spec.keyStore() == null) {
      return null;
    }
    TrustManagerFactory tmf = null;
    if (spec.trustStore() != null) {
      KeyStore trust = load(spec.trustStore(), spec.trustStorePassword(), machineFile);
      tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
    }
    KeyManagerFactory kmf = null;
    if (spec.keyStore() != null) {
      char[] password = chars(spec.keyStorePassword());
      KeyStore keys = load(spec.keyStore(), spec.keyStorePassword(), machineFile);
      kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, password);
    }
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(
        kmf == null ? null : kmf.getKeyManagers(),
        tmf == null ? null : tmf.getTrustManagers(),
        null);
    return context.getSocketFactory();
  }

  private static KeyStore load(String name, String password, Path machineFile)
      throws IOException, GeneralSecurityException {
    Path file = resolve(name, machineFile);
    try {
      return KeyStore.getInstance(file.toFile(), chars(password));
    } catch (IOException | GeneralSecurityException e) {
      throw new GeneralSecurityException(file + ": " + e.getMessage(), e);
    }
  }

  private static Path resolve(String name, Path machineFile) {
    Path p = Path.of(name);
    if (p.isAbsolute() || machineFile == null || machineFile.getParent() == null) {
      return p;
    }
    return machineFile.getParent().resolve(p);
  }

  private static char[] chars(String password) {
    return password == null ? new char[0] : password.toCharArray();
  }
}
