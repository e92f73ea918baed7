package io.motionua.server.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Pattern;
import org.postgresql.Driver;

/**
 * Checks the {@code history.external} section: a PostgreSQL JDBC URL with a host (parsed by the
 * driver itself), one of password and passwordFile (readable), a table prefix that is a plain SQL
 * identifier, a buffer of 1 MB to 1 TB, a reconnect interval of at least 100 ms and a known
 * dialect.
 */
final class HistoryExternalChecks {

  /** Unquoted PostgreSQL identifiers fold to lower case; the prefix is put in SQL as it is. */
  private static final Pattern PREFIX = Pattern.compile("[a-z_][a-z0-9_]{0,39}");

  static final int MAX_BUFFER_MB = 1_000_000;

  private HistoryExternalChecks() {}

  /** The section with its defaults and the password file resolved; null when there is none. */
  static HistoryExternalSpec check(HistorySpec history, Path source, Problems problems) {
    if (history == null || history.external() == null) {
      return null;
    }
    HistoryExternalSpec raw = history.external();
    String at = "/history/external";
    String field = "history.external";
    url(raw.url(), at, field, problems);
    if (Boolean.FALSE.equals(history.enabled())) {
      problems.add(
          at, field, "needs recording on: it sends what is recorded (history.enabled is false)");
    }
    if (raw.password() != null && raw.passwordFile() != null) {
      problems.add(
          at + "/passwordFile", field + ".passwordFile", "give either password or passwordFile");
    }
    String file = null;
    if (raw.passwordFile() != null) {
      Path path = SparkplugChecks.resolve(raw.passwordFile(), source);
      file = path.toString();
      if (!Files.isReadable(path)) {
        problems.add(at + "/passwordFile", field + ".passwordFile", "no readable file " + path);
      }
    }
    HistoryExternalSpec s = raw.withDefaults(file);
    if (!PREFIX.matcher(s.tablePrefix()).matches()) {
      problems.add(
          at + "/tablePrefix",
          field + ".tablePrefix",
          "'%s' must be up to 40 lower case letters, digits and underscores, not starting with a digit"
              .formatted(s.tablePrefix()));
    }
    if (s.bufferMb() < 1 || s.bufferMb() > MAX_BUFFER_MB) {
      problems.add(
          at + "/bufferMb",
          field + ".bufferMb",
          "must be 1 to " + MAX_BUFFER_MB + ", not " + s.bufferMb());
    }
    if (s.reconnectMs() < 100) {
      problems.add(
          at + "/reconnectMs",
          field + ".reconnectMs",
          "must be at least 100, not " + s.reconnectMs());
    }
    if (!HistoryExternalSpec.DIALECTS.contains(s.dialect())) {
      problems.add(
          at + "/dialect",
          field + ".dialect",
          "'%s' is none of %s"
              .formatted(s.dialect(), String.join(", ", HistoryExternalSpec.DIALECTS)));
    }
    return s;
  }

  private static void url(String url, String at, String field, Problems problems) {
    String hint = "jdbc:postgresql://HOST:PORT/DATABASE";
    if (url == null) {
      problems.add(at, field + ".url", "is required (" + hint + ")");
      return;
    }
    Properties parsed = url.startsWith("jdbc:postgresql:") ? Driver.parseURL(url, null) : null;
    if (parsed == null
        || !url.startsWith("jdbc:postgresql://")
        || parsed.getProperty("PGHOST", "").isBlank()
        || parsed.getProperty("PGDBNAME", "").isBlank()) {
      problems.add(at + "/url", field + ".url", "'" + url + "' is not a URL " + hint);
    }
  }
}
