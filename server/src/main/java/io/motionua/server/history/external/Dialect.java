package io.motionua.server.history.external;

import io.motionua.server.config.HistoryExternalSpec;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;

/**
 * Which SQL the external database takes. Both answer the PostgreSQL wire protocol, and QuestDB even
 * reports {@code server_version} 11.3 at the handshake; its {@code select version()} ends in {@code
 * QuestDB} ("PostgreSQL 12.3, compiled by Visual C++ build 1914, 64-bit, QuestDB" from 9.3), which
 * is what tells the two apart. The machine file's {@code dialect} names one outright instead.
 */
enum Dialect {
  POSTGRESQL,
  QUESTDB;

  /** The dialect the section names; empty for {@code auto}: ask the database. */
  static Optional<Dialect> configured(HistoryExternalSpec spec) {
    return switch (spec.dialect()) {
      case HistoryExternalSpec.POSTGRESQL -> Optional.of(POSTGRESQL);
      case HistoryExternalSpec.QUESTDB -> Optional.of(QUESTDB);
      default -> Optional.empty();
    };
  }

  /** The dialect of the database behind {@code c}, by its {@code select version()}. */
  static Dialect detect(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select version()")) {
      return ofVersion(rs.next() ? rs.getString(1) : null);
    }
  }

  /** QuestDB for a version text that names it; PostgreSQL for any other (TimescaleDB too). */
  static Dialect ofVersion(String version) {
    return version != null && version.toLowerCase(Locale.ROOT).contains("questdb")
        ? QUESTDB
        : POSTGRESQL;
  }

  /** The database's name before it is asked: the configured one, else PostgreSQL. */
  static String nameOf(HistoryExternalSpec spec) {
    return configured(spec).orElse(POSTGRESQL).tables("", "").dialect();
  }

  ExternalTables tables(String prefix, String machine) {
    return this == QUESTDB
        ? new QuestDbTables(prefix, machine)
        : new PostgresTables(prefix, machine);
  }
}
