package io.motionua.server.history.external;

import io.motionua.server.config.HistoryExternalSpec;
import io.motionua.server.history.Sample;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code motionua bench history-external}: how fast the external historian gets values into a
 * PostgreSQL server, against plain JDBC in the same run. Baseline: the same rows inserted by one
 * thread straight from memory with a batched {@code INSERT ... ON CONFLICT DO NOTHING} ({@link
 * ExternalSender#BATCH} rows per transaction, {@code reWriteBatchedInserts}) into a table of the
 * same schema. Then the historian: values handed to it as the recorders do (no faster than its
 * queue takes them), through the on-disk log, until the database committed the last one. Both write
 * into tables made for the run ({@code bench_<random>_...}), dropped at the end.
 */
public final class ExternalBenchmark {

  /** The figures of one run. */
  public record Result(long values, double plainSeconds, double historianSeconds, long dropped) {
    public double plainRate() {
      return values / plainSeconds;
    }

    public double historianRate() {
      return values / historianSeconds;
    }
  }

  private ExternalBenchmark() {}

  public static Result run(String url, String user, String password, int values, PrintStream out)
      throws Exception {
    String prefix = "bench_" + UUID.randomUUID().toString().substring(0, 8) + "_";
    Path dir = Files.createTempDirectory("motionua-bench-external");
    List<Sample> samples = new ArrayList<>(values);
    for (int i = 0; i < values; i++) {
      samples.add(
          new Sample(
              "Bench/MotionDevices/Arm/Axes/A%03d/ParameterSet/ActualPosition".formatted(i % 1000),
              1_700_000_000_000_000L + i * 10L,
              i * 0.001,
              0));
    }
    try (Connection c = DriverManager.getConnection(url, properties(user, password))) {
      c.setAutoCommit(false);
      PostgresTables plain = new PostgresTables(prefix + "plain_", "Bench");
      plain.create(c);
      UUID origin = UUID.randomUUID();
      long t0 = System.nanoTime();
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO "
                  + plain.samplesTable()
                  + " (origin, seq, machine, node, ts, value, status) VALUES (?, ?, ?, ?, ?, ?, ?)"
                  + " ON CONFLICT DO NOTHING")) {
        for (int i = 0; i < values; i++) {
          Sample s = samples.get(i);
          ps.setObject(1, origin);
          ps.setLong(2, i + 1);
          ps.setString(3, "Bench");
          ps.setString(4, s.node());
          ps.setObject(5, ExternalTables.time(s.timeMicros()));
          ps.setDouble(6, s.value());
          ps.setLong(7, s.status());
          ps.addBatch();
          if ((i + 1) % ExternalSender.BATCH == 0 || i == values - 1) {
            ps.executeBatch();
            c.commit();
          }
        }
      }
      double plainSeconds = (System.nanoTime() - t0) / 1e9;
      out.printf(
          "plain JDBC batch insert: %,d values in %.2f s: %,.0f values/s%n",
          values, plainSeconds, values / plainSeconds);

      HistoryExternalSpec spec = HistoryExternalSpec.of(url, user, password, prefix, 16_384);
      long t1 = System.nanoTime();
      ExternalHistorian historian = ExternalHistorian.start(spec, dir, "Bench");
      // Bounded: a database that stops answering mid-run ends the bench instead of hanging it.
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
      try {
        for (Sample s : samples) {
          while (historian.queueRoom() == 0) {
            giveUpAfter(deadline, historian);
            Thread.onSpinWait();
          }
          historian.sample(s);
        }
        while (historian.status().sent() + historian.status().dropped() < values) {
          giveUpAfter(deadline, historian);
          Thread.sleep(5);
        }
      } finally {
        historian.close();
      }
      double historianSeconds = (System.nanoTime() - t1) / 1e9;
      long dropped = historian.status().dropped();
      out.printf(
          "external historian (queue, on-disk log, sender): %,d values in %.2f s: %,.0f values/s,"
              + " %d dropped%n",
          values, historianSeconds, values / historianSeconds, dropped);
      out.printf("ratio historian / plain: %.2f%n", plainSeconds / historianSeconds);
      try (Statement s = c.createStatement()) {
        for (String table : List.of("plain_samples", "plain_events", "samples", "events")) {
          s.execute("DROP TABLE IF EXISTS " + prefix + table);
        }
      }
      c.commit();
      return new Result(values, plainSeconds, historianSeconds, dropped);
    } finally {
      try (Stream<Path> all = Files.walk(dir)) {
        all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static java.util.Properties properties(String user, String password) {
    java.util.Properties p = new java.util.Properties();
    if (user != null) {
      p.setProperty("user", user);
    }
    if (password != null) {
      p.setProperty("password", password);
    }
    p.setProperty("reWriteBatchedInserts", "true");
    return p;
  }

  private static void giveUpAfter(long deadline, ExternalHistorian historian) {
    if (System.nanoTime() > deadline) {
      throw new IllegalStateException(
          "not all values reached the database within 10 minutes: " + historian.status());
    }
  }
}
