package io.motionua.tools;

import io.motionua.server.history.external.ExternalBenchmark;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "history-external",
    header = "Benchmark the external historian: values/s into PostgreSQL against plain JDBC.",
    mixinStandardHelpOptions = true,
    description = {
      "How fast the external historian (history.external) gets values into a",
      "PostgreSQL server: first the rows inserted by plain JDBC (baseline: a",
      "batched INSERT ... ON CONFLICT DO NOTHING, 5,000 rows per transaction),",
      "then the same rows through the historian (queue, on-disk log, sender by",
      "COPY) until the database committed the last one. Prints both rates and",
      "their ratio.",
      "Writes into tables made for the run (bench_<random>_...) and drops them.",
      "Needs a running PostgreSQL and a user allowed to create tables."
    },
    footer = {
      "",
      "Examples:",
      "  motionua bench history-external --url jdbc:postgresql://127.0.0.1:5432/postgres \\",
      "      --user motion --password secret",
      "  motionua bench history-external --url ... --values 2000000"
    })
final class BenchHistoryExternalCommand implements Callable<Integer> {

  @Option(
      names = "--url",
      required = true,
      description = "JDBC URL, jdbc:postgresql://HOST:PORT/DATABASE.")
  String url;

  @Option(names = "--user", description = "Database user.")
  String user;

  @Option(names = "--password", description = "The user's password.")
  String password;

  @Option(
      names = "--values",
      defaultValue = "500000",
      description = "Values written by each of the two (default ${DEFAULT-VALUE}).")
  int values;

  @Override
  public Integer call() throws Exception {
    if (values < 1) {
      System.err.println("motionua: --values must be at least 1");
      return Main.EXIT_BAD_INPUT;
    }
    if (!url.startsWith("jdbc:postgresql://")) {
      System.err.println(
          "motionua: --url: '" + url + "' is not a URL jdbc:postgresql://HOST:PORT/DATABASE");
      return Main.EXIT_BAD_INPUT;
    }
    try {
      ExternalBenchmark.Result r = ExternalBenchmark.run(url, user, password, values, System.out);
      return r.dropped() == 0 ? 0 : Main.EXIT_FAILED;
    } catch (SQLException e) {
      String message =
          e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
      System.err.println("motionua: the database at " + url + " failed: " + message);
      return Main.EXIT_FAILED;
    } catch (IllegalStateException e) {
      System.err.println("motionua: bench history-external: " + e.getMessage());
      return Main.EXIT_FAILED;
    }
  }
}
