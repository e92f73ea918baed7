package io.motionua.tools.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.milo.opcua.sdk.client.DiscoveryClient;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "export-certificate",
    header = "Write the server's certificate (DER) to a file, without a session.",
    mixinStandardHelpOptions = true,
    description = {
      "Write the server's application instance certificate (DER) to a file, as the server",
      "offers it in its endpoints: no session is opened. Prints its subject and fingerprint."
    },
    footer = {
      "",
      "Examples:",
      "  motionua client export-certificate -o motionua-server.der",
      "  motionua client export-certificate --url opc.tcp://cell7:4840 -o cell7.der",
      "  openssl x509 -inform der -in cell7.der -noout -text"
    })
final class ExportCertificateCommand implements Callable<Integer> {

  @Mixin ClientOptions options;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      required = true,
      description = "Where the DER file goes.")
  Path output;

  @Override
  public Integer call() {
    options.validate();
    Output out = new Output(options.json, System.out);
    try {
      byte[] der = serverCertificate();
      X509Certificate cert =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(der));
      Files.write(output, cert.getEncoded());
      String sha1 = fingerprint(cert.getEncoded());
      out.print(
          "%s: %s (SHA-1 %s)".formatted(output, cert.getSubjectX500Principal().getName(), sha1),
          "file",
          output.toString(),
          "subject",
          cert.getSubjectX500Principal().getName(),
          "sha1",
          sha1,
          "notAfter",
          cert.getNotAfter().toInstant().toString());
      return 0;
    } catch (ClientFailure e) {
      return ClientSubcommand.fail(e);
    } catch (IOException e) {
      return ClientSubcommand.fail(
          new ClientFailure(
              new StatusCode(StatusCodes.Bad_UnexpectedError),
              "cannot write " + output + ": " + e.getMessage()));
    } catch (CertificateException e) {
      return ClientSubcommand.fail(
          new ClientFailure(new StatusCode(StatusCodes.Bad_CertificateInvalid), e.getMessage()));
    }
  }

  /** The first certificate of the chain the first secured endpoint carries. */
  private byte[] serverCertificate() throws ClientFailure, CertificateException {
    List<EndpointDescription> endpoints;
    try {
      endpoints =
          DiscoveryClient.getEndpoints(options.url).get(options.timeoutMs, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof UaException ua
          ? ClientFailure.of(ua)
          : new ClientFailure(
              new StatusCode(StatusCodes.Bad_CommunicationError),
              options.url + ": " + e.getCause().getMessage());
    } catch (TimeoutException e) {
      throw new ClientFailure(new StatusCode(StatusCodes.Bad_Timeout), options.url + ": no answer");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClientFailure(new StatusCode(StatusCodes.Bad_Shutdown), "interrupted");
    }
    for (EndpointDescription e : endpoints) {
      ByteString chain = e.getServerCertificate();
      if (chain != null && chain.isNotNull() && chain.length() > 0) {
        // The field may hold a whole chain: the first certificate is the server's own.
        var certs =
            CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(chain.bytesOrEmpty()));
        if (!certs.isEmpty()) {
          try {
            return certs.iterator().next().getEncoded();
          } catch (java.security.cert.CertificateEncodingException ex) {
            throw new CertificateException(ex);
          }
        }
      }
    }
    throw new ClientFailure(
        new StatusCode(StatusCodes.Bad_CertificateInvalid),
        options.url + " offers no endpoint with a server certificate");
  }

  private static String fingerprint(byte[] der) {
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-1").digest(der);
      StringBuilder hex = new StringBuilder();
      for (int i = 0; i < digest.length; i++) {
        hex.append(i == 0 ? "" : ":").append("%02X".formatted(digest[i]));
      }
      return hex.toString();
    } catch (java.security.NoSuchAlgorithmException e) {
      return "?";
    }
  }
}
