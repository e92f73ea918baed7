package io.motionua.server.session;

import static io.motionua.server.session.FloodSupport.hello;
import static io.motionua.server.session.FloodSupport.waitUntil;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motionua.server.MotionUa;
import io.motionua.server.config.ConfigLoader;
import io.motionua.server.config.MachineConfig;
import io.motionua.server.config.SessionLimitsSpec;
import io.motionua.server.opcua.ListenPorts;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.sdk.client.DiscoveryClient;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.encoding.DefaultEncodingContext;
import org.eclipse.milo.opcua.stack.core.encoding.EncodingContext;
import org.eclipse.milo.opcua.stack.core.security.CertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.enumerated.ApplicationType;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.ApplicationDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.CreateSessionRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.CreateSessionResponse;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.RequestHeader;
import org.eclipse.milo.opcua.stack.transport.client.ClientApplicationContext;
import org.eclipse.milo.opcua.stack.transport.client.tcp.OpcTcpClientTransport;
import org.eclipse.milo.opcua.stack.transport.client.tcp.OpcTcpClientTransportConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Against the demo server with short bounds (activation 2 s, handshake 1.5 s, idle 3 s): a flood of
 * CreateSession without ActivateSession does not lock a normal client out, and connections that
 * never open a secure channel, or go silent, are closed by the server within the bound. Milo's own
 * transport (for the flood) and raw sockets (for Hello-only and silent connections).
 */
class SessionFloodIT {

  private static final int ACTIVATION_MS = 2000;
  private static final int HANDSHAKE_MS = 1500;
  private static final int IDLE_MS = 3000;
  private static final int MAX_CONNECTIONS = 20;

  private MotionUa motionUa;
  private int port;
  private final List<OpcTcpClientTransport> transports = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    port = ListenPorts.choose();
    MachineConfig demo = ConfigLoader.demo().withPort(port);
    SessionLimitsSpec d = SessionLimitsSpec.defaults();
    SessionLimitsSpec bounds =
        new SessionLimitsSpec(
            ACTIVATION_MS,
            d.maxUnactivatedPerAddress(),
            d.maxUnactivated(),
            d.maxSessions(),
            MAX_CONNECTIONS,
            HANDSHAKE_MS,
            IDLE_MS,
            d.maxConnections());
    motionUa =
        new MotionUa(
            demo.withServer(demo.server().withSessions(bounds)),
            Files.createTempDirectory("motionua-flood-it"));
    motionUa.start();
  }

  @AfterEach
  void stop() throws Exception {
    for (OpcTcpClientTransport t : transports) {
      t.disconnect().get(5, TimeUnit.SECONDS);
    }
    if (motionUa != null) {
      motionUa.close();
    }
  }

  @Test
  void aFloodOfUnactivatedSessionsLeavesANormalClientIn() throws Exception {
    long baseline = connectAndRead(); // also loads and warms the client classes
    EndpointDescription none = noneEndpoint();
    int created = 0;
    for (int channel = 0; channel < 3; channel++) {
      OpcTcpClientTransport transport = openChannel(none);
      for (int i = 0; i < 50; i++) {
        CreateSessionResponse response = createSession(transport, none, "flood-" + channel + i);
        assertTrue(response.getResponseHeader().getServiceResult().isGood(), "session " + i);
        created++;
      }
    }
    assertEquals(150, created, "every CreateSession of the flood answered Good");
    long open = sessionCount();
    assertTrue(open <= 10, "one address holds at most 10 unactivated sessions, not " + open);

    long floodEnd = System.nanoTime();
    long ms = connectAndRead();
    System.out.println(
        "SessionFloodIT: a normal client connected and read in "
            + ms
            + " ms after the flood ("
            + baseline
            + " ms before it)");
    assertTrue(ms < 1000, "a normal client got in after " + ms + " ms");

    OpcUaClient client = OpcUaClient.create("opc.tcp://127.0.0.1:" + port);
    client.connect();
    try {
      waitUntil(() -> sessionCount() == 1, ACTIVATION_MS + 5000, "flood sessions closed");
      long gone = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - floodEnd);
      System.out.println(
          "SessionFloodIT: unactivated sessions gone " + gone + " ms after the flood");
      DataValue state =
          client.readValue(0.0, TimestampsToReturn.Neither, NodeIds.Server_ServerStatus_State);
      assertTrue(state.statusCode().isGood(), "the activated session stays: " + state);
    } finally {
      client.disconnect();
    }
  }

  /** Connects a normal (anonymous) client, reads the server state; the milliseconds it took. */
  private long connectAndRead() throws Exception {
    long t0 = System.nanoTime();
    OpcUaClient client = OpcUaClient.create("opc.tcp://127.0.0.1:" + port);
    client.connect();
    try {
      DataValue state =
          client.readValue(0.0, TimestampsToReturn.Neither, NodeIds.Server_ServerStatus_State);
      assertTrue(state.statusCode().isGood(), state.toString());
      return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    } finally {
      client.disconnect();
    }
  }

  @Test
  void aConnectionThatSendsOnlyHelloIsClosedWithinTheHandshakeTimeout() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(HANDSHAKE_MS + 5000);
      OutputStream out = socket.getOutputStream();
      out.write(hello("opc.tcp://127.0.0.1:" + port));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] ack = in.readNBytes(3);
      assertEquals("ACK", new String(ack, StandardCharsets.US_ASCII), "the server answers Hello");
      long t0 = System.nanoTime();
      long ms = millisUntilClosed(in, t0);
      System.out.println("SessionFloodIT: Hello-only connection closed after " + ms + " ms");
      assertTrue(ms >= HANDSHAKE_MS - 600, "not before the bound: " + ms + " ms");
    }
  }

  @Test
  void oneAddressHoldsNoMoreConnectionsThanItsLimitWhateverItOpens() throws Exception {
    ConnectionLimits limits = motionUa.connectionLimits();
    List<Socket> sockets = new ArrayList<>();
    byte[] hello = hello("opc.tcp://127.0.0.1:" + port);
    try {
      for (int i = 0; i < 300; i++) {
        Socket socket = new Socket("127.0.0.1", port);
        sockets.add(socket);
        try {
          socket.getOutputStream().write(hello);
        } catch (java.io.IOException closedAlready) {
          // refused connections may be closed before the Hello goes out
        }
        assertTrue(
            limits.openFrom("127.0.0.1") <= MAX_CONNECTIONS,
            "open from one address: " + limits.openFrom("127.0.0.1"));
      }
      waitUntil(
          () -> limits.refused() >= 300 - MAX_CONNECTIONS,
          5000,
          "connections beyond the limit refused (" + limits.refused() + ")");
      System.out.println(
          "SessionFloodIT: 300 Hello connections from one address: "
              + limits.refused()
              + " refused, at most "
              + MAX_CONNECTIONS
              + " open");
      waitUntil(() -> limits.openFrom("127.0.0.1") == 0, HANDSHAKE_MS + 5000, "all closed");
    } finally {
      for (Socket s : sockets) {
        s.close();
      }
    }
  }

  @Test
  void aSilentConnectionIsClosedWithinTheHandshakeTimeout() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(HANDSHAKE_MS + 5000);
      long t0 = System.nanoTime();
      long ms = millisUntilClosed(socket.getInputStream(), t0);
      System.out.println("SessionFloodIT: silent connection closed after " + ms + " ms");
      assertTrue(ms >= HANDSHAKE_MS - 100, "not before the bound: " + ms + " ms");
      assertTrue(motionUa.connectionLimits().handshakeTimeouts() >= 1, "closed by our guard");
    }
  }

  @Test
  void aSecureChannelThatGoesSilentIsClosedAfterTheIdleTimeout() throws Exception {
    ConnectionLimits limits = motionUa.connectionLimits();
    long t0 = System.nanoTime();
    openChannel(noneEndpoint());
    waitUntil(
        () -> limits.idleTimeouts() >= 1, IDLE_MS + 5000, "the silent channel closed as idle");
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    System.out.println("SessionFloodIT: idle secure channel closed after " + ms + " ms");
    assertTrue(ms >= IDLE_MS - 100, "not before the idle bound: " + ms + " ms");
    assertEquals(0, limits.handshakeTimeouts(), "its secure channel was open: not a handshake");
  }

  /** Reads until the server closes; the time from t0, or fails when the socket times out. */
  private static long millisUntilClosed(InputStream in, long t0) throws Exception {
    try {
      while (in.read() != -1) {
        // whatever the server sends before it closes (an Error message) is read and dropped
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the server did not close the connection", e);
    } catch (java.net.SocketException reset) {
      // closed with a reset: closed all the same
    }
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
  }

  private long sessionCount() {
    return motionUa.server().getSessionManager().getCurrentSessionCount().longValue();
  }

  private EndpointDescription noneEndpoint() throws Exception {
    return DiscoveryClient.getEndpoints("opc.tcp://127.0.0.1:" + port).get().stream()
        .filter(e -> SecurityPolicy.None.getUri().equals(e.getSecurityPolicyUri()))
        .findFirst()
        .orElseThrow();
  }

  private OpcTcpClientTransport openChannel(EndpointDescription endpoint) throws Exception {
    OpcTcpClientTransport transport =
        new OpcTcpClientTransport(OpcTcpClientTransportConfig.newBuilder().build());
    transport.connect(context(endpoint)).get(10, TimeUnit.SECONDS);
    transports.add(transport);
    return transport;
  }

  private static CreateSessionResponse createSession(
      OpcTcpClientTransport transport, EndpointDescription endpoint, String name) throws Exception {
    RequestHeader header =
        new RequestHeader(
            NodeId.NULL_VALUE, DateTime.now(), uint(1), uint(0), null, uint(5000), null);
    ApplicationDescription client =
        new ApplicationDescription(
            "urn:flood",
            "urn:flood",
            LocalizedText.english("flood"),
            ApplicationType.Client,
            null,
            null,
            null);
    CreateSessionRequest request =
        new CreateSessionRequest(
            header, client, null, endpoint.getEndpointUrl(), name, null, null, 120_000.0, uint(0));
    return (CreateSessionResponse) transport.sendRequestMessage(request).get(10, TimeUnit.SECONDS);
  }

  private static ClientApplicationContext context(EndpointDescription endpoint) {
    return new ClientApplicationContext() {
      @Override
      public EndpointDescription getEndpoint() {
        return endpoint;
      }

      @Override
      public Optional<KeyPair> getKeyPair() {
        return Optional.empty();
      }

      @Override
      public Optional<X509Certificate> getCertificate() {
        return Optional.empty();
      }

      @Override
      public Optional<X509Certificate[]> getCertificateChain() {
        return Optional.empty();
      }

      @Override
      public CertificateValidator getCertificateValidator() {
        return new CertificateValidator.InsecureCertificateValidator();
      }

      @Override
      public EncodingContext getEncodingContext() {
        return DefaultEncodingContext.INSTANCE;
      }

      @Override
      public UInteger getRequestTimeout() {
        return uint(10_000);
      }
    };
  }
}
