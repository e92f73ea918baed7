package io.motionua.server.config;

import java.util.List;

/**
 * The optional {@code history.external} section: the same recording also sent to a plant historian
 * over the PostgreSQL wire protocol (docs/history.md, "External historian"). Absent: nothing is
 * sent.
 *
 * @param url the JDBC URL, {@code jdbc:postgresql://HOST:PORT/DATABASE} (parameters of the
 *     PostgreSQL driver may follow, e.g. {@code ?sslmode=require})
 * @param user the database user
 * @param password the user's password; or
 * @param passwordFile a file holding it (its first line), relative to the machine file
 * @param tablePrefix put before the table names {@code samples} and {@code events} (default {@code
 *     motionua_}); lower case letters, digits and underscores
 * @param bufferMb the largest size of the on-disk buffer of records not yet in the database
 *     (default 256); once full, newer records are dropped and counted
 * @param reconnectMs how long after a lost or refused connection the next attempt is made (default
 *     5000)
 * @param dialect which SQL the database takes: {@code auto} (the default: asked with {@code select
 *     version()} at the first connection), {@code postgresql} (PostgreSQL, TimescaleDB) or {@code
 *     questdb} (a QuestDB server: WAL tables with DEDUP UPSERT KEYS instead of a primary key)
 */
public record HistoryExternalSpec(
    String url,
    String user,
    String password,
    String passwordFile,
    String tablePrefix,
    Integer bufferMb,
    Integer reconnectMs,
    String dialect) {

  public static final String DEFAULT_TABLE_PREFIX = "motionua_";
  public static final int DEFAULT_BUFFER_MB = 256;
  public static final int DEFAULT_RECONNECT_MS = 5000;
  public static final String AUTO = "auto";
  public static final String POSTGRESQL = "postgresql";
  public static final String QUESTDB = "questdb";

  /** The values {@code dialect} takes. */
  public static final List<String> DIALECTS = List.of(AUTO, POSTGRESQL, QUESTDB);

  HistoryExternalSpec withDefaults(String resolvedPasswordFile) {
    return new HistoryExternalSpec(
        url,
        user,
        password,
        resolvedPasswordFile,
        tablePrefix == null ? DEFAULT_TABLE_PREFIX : tablePrefix,
        bufferMb == null ? DEFAULT_BUFFER_MB : bufferMb,
        reconnectMs == null ? DEFAULT_RECONNECT_MS : reconnectMs,
        dialect == null ? AUTO : dialect);
  }

  /** The buffer's bound in bytes. */
  public long bufferBytes() {
    return bufferMb * 1024L * 1024L;
  }

  /** A section as a test or a benchmark builds it: the default table prefix. */
  public static HistoryExternalSpec of(String url, String user, String password, int bufferMb) {
    return of(url, user, password, DEFAULT_TABLE_PREFIX, bufferMb);
  }

  /** A section as a test or a benchmark builds it. */
  public static HistoryExternalSpec of(
      String url, String user, String password, String tablePrefix, int bufferMb) {
    return new HistoryExternalSpec(url, user, password, null, tablePrefix, bufferMb, null, null)
        .withDefaults(null);
  }

  /** A copy with another dialect ({@link #DIALECTS}). */
  public HistoryExternalSpec withDialect(String newDialect) {
    return new HistoryExternalSpec(
        url, user, password, passwordFile, tablePrefix, bufferMb, reconnectMs, newDialect);
  }

  /** The section without its secrets, for logs. */
  @Override
  public String toString() {
    return "HistoryExternalSpec[url=%s, user=%s, tablePrefix=%s, bufferMb=%s, dialect=%s]"
        .formatted(url, user, tablePrefix, bufferMb, dialect);
  }
}
