package io.motionua.tools.client;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.OpcUaClientConfigBuilder;
import org.eclipse.milo.opcua.sdk.client.identity.AnonymousProvider;
import org.eclipse.milo.opcua.sdk.client.identity.UsernameProvider;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.UserTokenType;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.UserTokenPolicy;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** How every {@code motionua client} subcommand reaches the server. */
final class ClientOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = {"-u", "--url"},
      paramLabel = "URL",
      defaultValue = "${env:MOTIONUA_URL:-opc.tcp://localhost:4840}",
      description =
          "Server endpoint URL (default: the environment variable MOTIONUA_URL, else"
              + " opc.tcp://localhost:4840).")
  String url;

  @Option(
      names = "--security",
      paramLabel = "MODE",
      defaultValue = "none",
      description = "Message security: none, sign or sign-encrypt (default: ${DEFAULT-VALUE}).")
  String security;

  @Option(
      names = "--policy",
      paramLabel = "POLICY",
      defaultValue = "Basic256Sha256",
      description =
          "Security policy with sign or sign-encrypt: Basic256Sha256, Aes128_Sha256_RsaOaep or"
              + " Aes256_Sha256_RsaPss (default: ${DEFAULT-VALUE}).")
  String policy;

  @Option(
      names = "--user",
      paramLabel = "NAME",
      description =
          "Log in as this user; the password is read from the terminal (no echo) or from one line"
              + " of standard input. Without it: anonymous.")
  String user;

  @Option(
      names = "--client-dir",
      paramLabel = "DIR",
      defaultValue = "${sys:user.home}/.motionua/client",
      description =
          "Where the client keeps its certificate for sign and sign-encrypt (client.p12, and"
              + " client.der for the server to trust) (default: ${DEFAULT-VALUE}).")
  Path clientDir;

  @Option(
      names = "--timeout-ms",
      paramLabel = "MS",
      defaultValue = "10000",
      description = "Bound of every request (default: ${DEFAULT-VALUE}).")
  int timeoutMs;

  @Option(names = "--json", description = "One JSON object per line instead of text.")
  boolean json;

  private MessageSecurityMode mode() {
    return switch (security) {
      case "none" -> MessageSecurityMode.None;
      case "sign" -> MessageSecurityMode.Sign;
      case "sign-encrypt" -> MessageSecurityMode.SignAndEncrypt;
      default ->
          throw new ParameterException(
              spec.commandLine(),
              "--security must be none, sign or sign-encrypt, not '" + security + "'");
    };
  }

  private SecurityPolicy securityPolicy(MessageSecurityMode mode) {
    if (mode == MessageSecurityMode.None) {
      return SecurityPolicy.None;
    }
    List<SecurityPolicy> offered =
        List.of(
            SecurityPolicy.Basic256Sha256,
            SecurityPolicy.Aes128_Sha256_RsaOaep,
            SecurityPolicy.Aes256_Sha256_RsaPss);
    return offered.stream()
        .filter(p -> p.name().equalsIgnoreCase(policy))
        .findFirst()
        .orElseThrow(
            () ->
                new ParameterException(
                    spec.commandLine(),
                    "--policy must be one of "
                        + offered.stream().map(Enum::name).collect(Collectors.joining(", "))
                        + ", not '"
                        + policy
                        + "'"));
  }

  /** Checks the options that picocli cannot (bad ones are exit 2 before any connection). */
  void validate() {
    securityPolicy(mode());
    if (timeoutMs <= 0) {
      throw new ParameterException(spec.commandLine(), "--timeout-ms must be positive");
    }
  }

  /** A connected session, as the options ask. */
  OpcUaClient connect() throws ClientFailure {
    MessageSecurityMode mode = mode();
    SecurityPolicy securityPolicy = securityPolicy(mode);
    ClientIdentity identity = null;
    if (mode != MessageSecurityMode.None) {
      try {
        identity = ClientIdentity.loadOrCreate(clientDir);
      } catch (IOException | GeneralSecurityException e) {
        throw new ClientFailure(
            new StatusCode(StatusCodes.Bad_CertificateInvalid),
            "client certificate in " + clientDir + ": " + e.getMessage());
      }
    }
    char[] password = user == null ? null : readPassword();
    ClientIdentity id = identity;
    try {
      OpcUaClient client =
          OpcUaClient.create(
              url,
              endpoints -> choose(endpoints, securityPolicy, mode),
              transport -> {},
              config -> configure(config, id, password));
      client.connect();
      return client;
    } catch (UaException e) {
      throw ClientFailure.of(e);
    }
  }

  private Optional<EndpointDescription> choose(
      List<EndpointDescription> endpoints,
      SecurityPolicy securityPolicy,
      MessageSecurityMode mode) {
    UserTokenType token = user == null ? UserTokenType.Anonymous : UserTokenType.UserName;
    return endpoints.stream()
        .filter(e -> securityPolicy.getUri().equals(e.getSecurityPolicyUri()))
        .filter(e -> e.getSecurityMode() == mode)
        .filter(
            e ->
                Stream.of(
                        e.getUserIdentityTokens() == null
                            ? new UserTokenPolicy[0]
                            : e.getUserIdentityTokens())
                    .anyMatch(p -> p.getTokenType() == token))
        .findFirst();
  }

  private void configure(OpcUaClientConfigBuilder config, ClientIdentity id, char[] password) {
    config
        .setApplicationName(LocalizedText.english("MotionUA command-line client"))
        .setRequestTimeout(uint(timeoutMs))
        .setIdentityProvider(
            user == null
                ? new AnonymousProvider()
                : new UsernameProvider(user, new String(password)));
    if (id != null) {
      config
          .setApplicationUri(id.applicationUri())
          .setKeyPair(id.keyPair())
          .setCertificate(id.certificate())
          .setCertificateChain(new java.security.cert.X509Certificate[] {id.certificate()});
    }
  }

  private char[] readPassword() throws ClientFailure {
    Console console = System.console();
    if (console != null) {
      char[] typed = console.readPassword("Password for %s: ", user);
      if (typed != null) {
        return typed;
      }
    } else {
      try {
        String line =
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line != null) {
          return line.toCharArray();
        }
      } catch (IOException e) {
        // reported below as no password
      }
    }
    throw new ClientFailure(
        new StatusCode(StatusCodes.Bad_IdentityTokenInvalid),
        "no password for " + user + " (type it, or give it on standard input)");
  }
}
