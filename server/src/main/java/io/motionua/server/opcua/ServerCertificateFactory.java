package io.motionua.server.opcua;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.milo.opcua.stack.core.security.RsaSha256CertificateFactory;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;

/**
 * Makes the server's self-signed application certificate on first start: its URI equals the
 * configured applicationUri (clients check that) and its subject alternative names carry every
 * advertised hostname.
 */
final class ServerCertificateFactory extends RsaSha256CertificateFactory {

  private static final Pattern IPV4 = Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}$");

  private final String applicationUri;
  private final String commonName;
  private final List<String> hostnames;

  ServerCertificateFactory(String applicationUri, String commonName, List<String> hostnames) {
    this.applicationUri = applicationUri;
    this.commonName = commonName;
    this.hostnames = List.copyOf(hostnames);
  }

  @Override
  protected X509Certificate[] createRsaSha256CertificateChain(KeyPair keyPair) throws Exception {
    SelfSignedCertificateBuilder builder =
        new SelfSignedCertificateBuilder(keyPair)
            .setCommonName(commonName)
            .setOrganization("MotionUA")
            .setApplicationUri(applicationUri);
    for (String hostname : hostnames) {
      if (IPV4.matcher(hostname).matches()) {
        builder.addIpAddress(hostname);
      } else {
        builder.addDnsName(hostname);
      }
    }
    return new X509Certificate[] {builder.build()};
  }
}
