package io.motionua.server.opcua;

import static org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS;
import static org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig.USER_TOKEN_POLICY_USERNAME;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import io.motionua.server.audit.AuditLog;
import io.motionua.server.config.MachineConfig;
import io.motionua.server.config.ServerSpec;
import io.motionua.server.config.SessionLimitsSpec;
import io.motionua.server.opcua.diagnostics.RefusalDiagnostics;
import io.motionua.server.security.LoginThrottle;
import io.motionua.server.security.MachineIdentityValidator;
import io.motionua.server.security.RejectedCertificates;
import io.motionua.server.security.UserDirectory;
import io.motionua.server.session.ConnectionLimits;
import io.motionua.server.session.SessionGate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.eclipse.milo.opcua.sdk.server.EndpointConfig;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig;
import org.eclipse.milo.opcua.sdk.server.identity.IdentityValidator;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.security.CertificateManager;
import org.eclipse.milo.opcua.stack.core.security.DefaultApplicationGroup;
import org.eclipse.milo.opcua.stack.core.security.DefaultCertificateManager;
import org.eclipse.milo.opcua.stack.core.security.DefaultServerCertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.FileBasedCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.FileBasedTrustListManager;
import org.eclipse.milo.opcua.stack.core.security.KeyStoreCertificateStore;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.transport.TransportProfile;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.structured.BuildInfo;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransport;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransportConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the Milo server for a machine: certificate and PKI folders in the data directory,
 * endpoints on the configured port for every advertised hostname, and who may connect.
 */
public final class MotionUaServer {

  private static final Logger logger = LoggerFactory.getLogger(MotionUaServer.class);

  public static final String PRODUCT_URI = "urn:motionua";

  static {
    // Required for Aes256_Sha256_RsaPss.
    if (Security.getProvider("BC") == null) {
      Security.addProvider(new BouncyCastleProvider());
    }
  }

  private MotionUaServer() {}

  /** The application URI of a machine's server, also written into its certificate. */
  public static String applicationUri(MachineConfig config) {
    return "urn:motionua:" + config.machine().name();
  }

  /**
   * Creates (does not start) the Milo server.
   *
   * @param dataDir where the certificate store and pki/ folders live; created when missing
   * @param audit where refused logins are recorded
   */
  public static OpcUaServer create(MachineConfig config, Path dataDir, AuditLog audit)
      throws Exception {
    return create(config, dataDir, audit, connectionLimits(config));
  }

  /** The connection bounds of {@code server.sessions}, to give to {@link #create}. */
  public static ConnectionLimits connectionLimits(MachineConfig config) {
    SessionLimitsSpec sessions = config.server().sessions();
    return new ConnectionLimits(
        sessions.maxConnectionsPerAddress(),
        sessions.handshakeTimeoutMs(),
        sessions.idleTimeoutMs(),
        sessions.maxConnections());
  }

  /** Creates (does not start) the Milo server, its connections bounded by {@code connections}. */
  public static OpcUaServer create(
      MachineConfig config, Path dataDir, AuditLog audit, ConnectionLimits connections)
      throws Exception {
    ServerSpec spec = config.server();
    SessionLimitsSpec sessions = spec.sessions();
    Path pki = dataDir.resolve("pki");
    Files.createDirectories(pki);
    String applicationUri = applicationUri(config);

    var certificateStore =
        KeyStoreCertificateStore.createAndInitialize(
            new KeyStoreCertificateStore.Settings(
                pki.resolve("server-certificates.pfx"),
                "motionua"::toCharArray,
                alias -> "motionua".toCharArray()));
    var trustList = FileBasedTrustListManager.createAndInitialize(pki);
    var quarantine =
        FileBasedCertificateQuarantine.create(pki.resolve("rejected").resolve("certs"));
    var validator =
        new RejectedCertificates(
            new DefaultServerCertificateValidator(trustList, quarantine), audit);
    var group =
        DefaultApplicationGroup.createAndInitialize(
            trustList,
            certificateStore,
            new ServerCertificateFactory(applicationUri, spec.applicationName(), spec.hostnames()),
            validator);
    CertificateManager certificates = new DefaultCertificateManager(quarantine, group);

    Supplier<X509Certificate> certificate =
        () ->
            group.getCertificateChain(NodeIds.RsaSha256ApplicationCertificateType).orElseThrow()[0];

    OpcUaServerConfig serverConfig =
        OpcUaServerConfig.builder()
            .setApplicationUri(applicationUri)
            .setApplicationName(LocalizedText.english(spec.applicationName()))
            .setProductUri(PRODUCT_URI)
            .setBuildInfo(
                new BuildInfo(
                    PRODUCT_URI,
                    "MotionUA",
                    "MotionUA OPC UA server",
                    version(),
                    version(),
                    DateTime.now()))
            .setEndpoints(endpoints(spec, certificate.get()))
            .setCertificateManager(certificates)
            .setIdentityValidator(identityValidator(spec, audit))
            .setLimits(
                new MotionUaLimits(
                    SessionGate.miloSessionLimit(
                        sessions.maxSessions(), sessions.maxUnactivated())))
            .build();

    OpcUaServer server =
        new OpcUaServer(
            serverConfig,
            profile ->
                new OpcTcpServerTransport(
                    OpcTcpServerTransportConfig.newBuilder()
                        .setHelloDeadline(uint(sessions.handshakeTimeoutMs()))
                        .setChannelPipelineCustomizer(connections.pipelineCustomizer())
                        .build()));
    RefusalDiagnostics.install(server);
    return server;
  }

  /**
   * Puts {@link SessionGate} in front of the server's session services (docs/security.md, "Sessions
   * and connections"); close it after the server.
   */
  public static SessionGate gateSessions(OpcUaServer server, MachineConfig config, AuditLog audit) {
    SessionLimitsSpec sessions = config.server().sessions();
    return SessionGate.install(
        server,
        sessions.activationTimeoutMs(),
        sessions.maxUnactivatedPerAddress(),
        sessions.maxUnactivated(),
        sessions.maxSessions(),
        audit);
  }

  private static IdentityValidator identityValidator(ServerSpec spec, AuditLog audit) {
    UserDirectory users = new UserDirectory(spec.users());
    if (users.isEmpty() && spec.anonymousRole().isEmpty()) {
      logger.warn(
          "server.users is empty and server.anonymous is off: no client can open a session"
              + " (docs/security.md)");
    }
    return new MachineIdentityValidator(
        users, spec.anonymousRole(), LoginThrottle.standard(), audit);
  }

  private static Set<EndpointConfig> endpoints(ServerSpec spec, X509Certificate certificate) {
    Set<EndpointConfig> endpoints = new LinkedHashSet<>();
    for (String hostname : spec.hostnames()) {
      EndpointConfig.Builder base =
          EndpointConfig.newBuilder()
              .setTransportProfile(TransportProfile.TCP_UASC_UABINARY)
              .setBindAddress(spec.bindAddress())
              .setBindPort(spec.port())
              .setHostname(hostname)
              .setPath("")
              .setCertificate(certificate);
      if (spec.anonymousRole().isPresent()) {
        base.addTokenPolicies(USER_TOKEN_POLICY_ANONYMOUS, USER_TOKEN_POLICY_USERNAME);
      } else {
        base.addTokenPolicies(USER_TOKEN_POLICY_USERNAME);
      }
      if (Boolean.TRUE.equals(spec.securityNone())) {
        // The password of a username token is still encrypted here, with the server certificate
        // (the token policy names Basic256Sha256).
        endpoints.add(
            base.copy()
                .setSecurityPolicy(SecurityPolicy.None)
                .setSecurityMode(MessageSecurityMode.None)
                .build());
      }
      for (SecurityPolicy policy :
          List.of(
              SecurityPolicy.Basic256Sha256,
              SecurityPolicy.Aes128_Sha256_RsaOaep,
              SecurityPolicy.Aes256_Sha256_RsaPss)) {
        for (MessageSecurityMode mode :
            List.of(MessageSecurityMode.Sign, MessageSecurityMode.SignAndEncrypt)) {
          endpoints.add(base.copy().setSecurityPolicy(policy).setSecurityMode(mode).build());
        }
      }
    }
    return endpoints;
  }

  /** Endpoint URLs as clients should type them, one per advertised hostname. */
  public static List<String> endpointUrls(MachineConfig config) {
    return config.server().hostnames().stream()
        .map(h -> "opc.tcp://" + h + ":" + config.server().port())
        .toList();
  }

  static String version() {
    String v = MotionUaServer.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  /** Shuts a server down, waiting at most the given time. */
  public static void shutdown(OpcUaServer server, long timeoutMillis) throws Exception {
    server.shutdown().get(timeoutMillis, TimeUnit.MILLISECONDS);
  }
}
