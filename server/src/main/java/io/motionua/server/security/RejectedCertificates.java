package io.motionua.server.security;

import io.motionua.server.audit.AuditLog;
import io.motionua.server.session.ClientAddress;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.CertificateValidator;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.util.CertificateUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Milo's certificate validator with one log line per refused certificate: the first refusal of a
 * certificate (by SHA-1 thumbprint) is logged with its subject and what to do about it, repeats
 * only as a count (at the 10th, 100th, 1000th, ...), so a client retrying every second does not
 * fill the log. Every refusal is audited, with the client's address when the check runs in the
 * connection's read (OpenSecureChannel: {@link ClientAddress}). Milo's own 26-line stack trace for
 * the same refusal is switched off in the logging configuration (its logger for the
 * OpenSecureChannel handler).
 */
public final class RejectedCertificates implements CertificateValidator {

  private static final Logger logger = LoggerFactory.getLogger(RejectedCertificates.class);

  /** Thumbprints remembered at most; the least recently refused is forgotten first. */
  static final int REMEMBERED = 1000;

  private final CertificateValidator validator;
  private final AuditLog audit;
  private final Map<String, Long> refusals =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
          return size() > REMEMBERED;
        }
      };

  public RejectedCertificates(CertificateValidator validator, AuditLog audit) {
    this.validator = validator;
    this.audit = audit;
  }

  @Override
  public void validateCertificateChain(
      List<X509Certificate> chain, String applicationUri, String[] validHostnames)
      throws UaException {
    try {
      validator.validateCertificateChain(chain, applicationUri, validHostnames);
    } catch (UaException e) {
      refused(chain, e.getStatusCode());
      throw e;
    }
  }

  /** How often a certificate was refused so far (0 when never, or forgotten). */
  public synchronized long refusals(String thumbprint) {
    return refusals.getOrDefault(thumbprint, 0L);
  }

  private void refused(List<X509Certificate> chain, StatusCode status) {
    X509Certificate leaf = chain.isEmpty() ? null : chain.get(0);
    String subject = leaf == null ? "(none)" : leaf.getSubjectX500Principal().getName();
    String thumbprint = thumbprint(leaf);
    String result = StatusCodes.lookup(status.getValue()).map(s -> s[0]).orElse(status.toString());
    String address = ClientAddress.current().orElse(null);
    String from = address == null ? "" : " from " + address;
    long n;
    synchronized (this) {
      n = refusals.merge(thumbprint, 1L, Long::sum);
    }
    if (n == 1) {
      logger.warn(
          "refused client certificate {} (SHA-1 {}){}: {}; it is in pki/rejected/certs, move it"
              + " to pki/trusted/certs to trust it",
          subject,
          thumbprint,
          from,
          result);
    } else if (isPowerOfTen(n)) {
      logger.warn(
          "refused client certificate {} (SHA-1 {}) {} times, the last{}",
          subject,
          thumbprint,
          n,
          from);
    }
    audit.refusal("certificate", address, subject + " SHA-1 " + thumbprint, result, "not trusted");
  }

  private static boolean isPowerOfTen(long n) {
    while (n >= 10 && n % 10 == 0) {
      n /= 10;
    }
    return n == 1;
  }

  static String thumbprint(X509Certificate certificate) {
    if (certificate == null) {
      return "-";
    }
    try {
      return java.util.HexFormat.of()
          .formatHex(CertificateUtil.thumbprint(certificate).bytesOrEmpty());
    } catch (UaException e) {
      return "-";
    }
  }
}
