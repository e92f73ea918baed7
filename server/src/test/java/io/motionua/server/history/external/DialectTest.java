package io.motionua.server.history.external;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.motionua.server.config.HistoryExternalSpec;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DialectTest {

  @Test
  void questDbIsKnownByItsVersionText() {
    // What QuestDB 9.3's select version() answers over the wire protocol.
    assertEquals(
        Dialect.QUESTDB,
        Dialect.ofVersion("PostgreSQL 12.3, compiled by Visual C++ build 1914, 64-bit, QuestDB"));
  }

  @Test
  void anyOtherVersionTextIsPostgreSql() {
    assertEquals(
        Dialect.POSTGRESQL,
        Dialect.ofVersion(
            "PostgreSQL 15.14 (Debian 15.14-0+deb12u1) on x86_64-pc-linux-gnu, compiled by gcc"));
    assertEquals(Dialect.POSTGRESQL, Dialect.ofVersion(null));
  }

  @Test
  void aNamedDialectIsTakenAsItIsAndAutoAsksTheDatabase() {
    HistoryExternalSpec spec = HistoryExternalSpec.of("jdbc:postgresql://h/db", "u", "p", 1);
    assertEquals(Optional.empty(), Dialect.configured(spec));
    assertEquals(
        Optional.of(Dialect.QUESTDB),
        Dialect.configured(spec.withDialect(HistoryExternalSpec.QUESTDB)));
    assertEquals(
        Optional.of(Dialect.POSTGRESQL),
        Dialect.configured(spec.withDialect(HistoryExternalSpec.POSTGRESQL)));
    assertEquals("PostgreSQL", Dialect.nameOf(spec));
    assertEquals("QuestDB", Dialect.nameOf(spec.withDialect(HistoryExternalSpec.QUESTDB)));
  }

  @Test
  void bothDialectsKeyTheirTablesOnOriginSequenceAndTime() {
    String questDb = String.join(" ", new QuestDbTables("p_", "M").schema());
    assertEquals(2, questDb.split("DEDUP UPSERT KEYS\\(ts, origin, seq\\)", -1).length - 1);
    assertEquals(2, questDb.split("PARTITION BY DAY WAL", -1).length - 1);
    String postgres = String.join(" ", new PostgresTables("p_", "M").schema());
    assertEquals(2, postgres.split("PRIMARY KEY \\(origin, seq, ts\\)", -1).length - 1);
  }
}
