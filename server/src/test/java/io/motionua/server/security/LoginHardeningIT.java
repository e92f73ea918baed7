package io.motionua.server.security;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.motionua.server.MotionUa;
import io.motionua.server.config.ConfigLoader;
import io.motionua.server.config.MachineConfig;
import io.motionua.server.config.UserSpec;
import io.motionua.server.opcua.ListenPorts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.crypto.Cipher;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.identity.IdentityProvider;
import org.eclipse.milo.opcua.sdk.client.identity.SignedIdentityToken;
import org.eclipse.milo.opcua.sdk.client.identity.UsernameProvider;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.SecurityAlgorithm;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.enumerated.UserTokenType;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.SignatureData;
import org.eclipse.milo.opcua.stack.core.types.structured.UserNameIdentityToken;
import org.eclipse.milo.opcua.stack.core.types.structured.UserTokenPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * User name tokens as an attacker sends them, on the unsecured endpoint of a machine with users:
 * passwords in the clear, tokens that do not decrypt or decrypt to garbage, password guessing. Each
 * case is a real ActivateSession through Milo's client with a hand-made token.
 */
class LoginHardeningIT {

  private static final String PASSWORD = "turn the crank";
  private static final SecureRandom RANDOM = new SecureRandom();

  private MotionUa motionUa;
  private int port;
  private Path data;

  @BeforeEach
  void start() throws Exception {
    data = Files.createTempDirectory("motionua-login-it");
    port = ListenPorts.choose();
    MachineConfig demo = ConfigLoader.demo().withPort(port);
    List<UserSpec> users =
        List.of(new UserSpec("olga", PasswordHash.hash(PASSWORD.toCharArray()), "operator"));
    motionUa = new MotionUa(demo.withServer(demo.server().withAccess(users, "off", true)), data);
    motionUa.start();
  }

  @AfterEach
  void stop() {
    if (motionUa != null) {
      motionUa.close();
    }
  }

  /** Connects to the None endpoint with the given identity; the refusal's StatusCode, or 0. */
  private long login(IdentityProvider identity) {
    OpcUaClient client;
    try {
      client =
          OpcUaClient.create(
              "opc.tcp://127.0.0.1:" + port,
              endpoints ->
                  endpoints.stream()
                      .filter(e -> SecurityPolicy.None.getUri().equals(e.getSecurityPolicyUri()))
                      .findFirst(),
              transport -> {},
              config -> config.setIdentityProvider(identity).setRequestTimeout(uint(10_000)));
    } catch (UaException e) {
      fail("client: " + e);
      return -1;
    }
    try {
      client.connect();
      client.disconnect();
      return 0;
    } catch (UaException e) {
      try {
        client.disconnect();
      } catch (UaException ignored) {
        // refused: nothing to close
      }
      return e.getStatusCode().getValue();
    }
  }

  /** A user name token with exactly the given password bytes and encryption algorithm URI. */
  private static IdentityProvider token(byte[] password, String algorithmUri) {
    return (endpoint, nonce) -> {
      String policyId =
          List.of(endpoint.getUserIdentityTokens()).stream()
              .filter(p -> p.getTokenType() == UserTokenType.UserName)
              .map(UserTokenPolicy::getPolicyId)
              .findFirst()
              .orElseThrow();
      return new SignedIdentityToken(
          new UserNameIdentityToken(policyId, "olga", ByteString.of(password), algorithmUri),
          new SignatureData(null, null));
    };
  }

  private static byte[] encryptForServer(EndpointDescription endpoint, byte[] plain)
      throws Exception {
    X509Certificate certificate =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(
                    new java.io.ByteArrayInputStream(endpoint.getServerCertificate().bytes()));
    Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
    cipher.init(Cipher.ENCRYPT_MODE, certificate.getPublicKey());
    return cipher.doFinal(plain);
  }

  private static final String RSA_OAEP = SecurityAlgorithm.RsaOaepSha1.getUri();

  @Test
  void aPasswordInTheClearOnAnUnsecuredChannelIsRefused() {
    assertEquals(
        StatusCodes.Bad_SecurityModeInsufficient,
        login(token(PASSWORD.getBytes(StandardCharsets.UTF_8), null)));
    assertEquals(0, login(new UsernameProvider("olga", PASSWORD)), "encrypted: accepted");
  }

  @Test
  void everyUnreadableTokenGetsTheSameAnswerWhateverFailed() throws Exception {
    byte[] random = new byte[256];
    RANDOM.nextBytes(random);
    long badPadding = login(token(random, RSA_OAEP));
    long tooShort = login(token(new byte[] {1, 2, 3}, RSA_OAEP));
    long wrongAlgorithm = login(token(random, SecurityAlgorithm.RsaOaepSha256.getUri()));
    // Correctly padded, so it decrypts; inside, a length and nonce that are garbage.
    IdentityProvider decryptsToGarbage =
        (endpoint, nonce) -> {
          byte[] garbage = new byte[40];
          RANDOM.nextBytes(garbage);
          return token(encryptForServer(endpoint, garbage), RSA_OAEP)
              .getIdentityToken(endpoint, nonce);
        };
    long garbage = login(decryptsToGarbage);
    assertEquals(StatusCodes.Bad_IdentityTokenInvalid, badPadding, "padding fails");
    assertEquals(StatusCodes.Bad_IdentityTokenInvalid, tooShort, "shorter than a block");
    assertEquals(StatusCodes.Bad_IdentityTokenInvalid, wrongAlgorithm, "not the policy's");
    assertEquals(StatusCodes.Bad_IdentityTokenInvalid, garbage, "decrypts, but to garbage");
  }

  @Test
  void guessingLocksTheAddressOutEvenForTheRightPasswordUntilTheLockEnds() throws Exception {
    for (int i = 1; i <= 6; i++) {
      assertEquals(
          StatusCodes.Bad_UserAccessDenied,
          login(new UsernameProvider(i % 2 == 0 ? "olga" : "nobody", "guess " + i)),
          "guess " + i);
    }
    // The sixth failure locked 127.0.0.1 for a second: the right password is refused now...
    assertEquals(StatusCodes.Bad_UserAccessDenied, login(new UsernameProvider("olga", PASSWORD)));
    // ...and accepted once the lock is over (a refused try while locked does not extend it).
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (login(new UsernameProvider("olga", PASSWORD)) != 0) {
      assertTrue(System.nanoTime() < deadline, "the right password accepted within 15 s");
      Thread.sleep(200);
    }
    List<String> audit = awaitAuditLines(8);
    assertEquals(
        6,
        audit.stream().filter(l -> l.contains("unknown user or wrong password")).count(),
        String.join("\n", audit));
    assertTrue(
        audit.stream().anyMatch(l -> l.contains("\"reason\":\"address locked out for")),
        String.join("\n", audit));
    assertTrue(audit.stream().allMatch(l -> l.contains("\"address\":\"127.0.0.1\"")));
  }

  private List<String> awaitAuditLines(int atLeast) throws Exception {
    Path file = data.resolve("audit.log");
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (true) {
      List<String> logins =
          Files.exists(file)
              ? Files.readAllLines(file).stream()
                  .filter(l -> l.contains("\"action\":\"login\""))
                  .toList()
              : List.of();
      if (logins.size() >= atLeast || System.nanoTime() > deadline) {
        return logins;
      }
      Thread.sleep(20);
    }
  }
}
