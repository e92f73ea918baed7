package io.motionua.tools;

import ch.qos.logback.core.util.FileSize;
import com.google.inject.Guice;
import io.motionua.server.MotionUa;
import io.motionua.server.MotionUaModule;
import io.motionua.server.config.ConfigException;
import io.motionua.server.config.HttpSpec;
import io.motionua.server.config.MachineConfig;
import io.motionua.server.opcua.ListenPorts;
import io.motionua.tools.files.ScratchDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "serve",
    header = "Start the OPC UA server for a machine (without --config: the simulated demo arm).",
    mixinStandardHelpOptions = true,
    description = {
      "Start the OPC UA server for a machine. Without --config it runs the built-in demo: a",
      "six-axis arm whose drives are simulated and reached over Modbus TCP on loopback.",
      "Logs the endpoint URLs once ready; Ctrl-C or SIGTERM stops it within about 2 seconds."
    },
    footer = {
      "",
      "Examples:",
      "  motionua serve",
      "  motionua serve --port 4841 --data-dir /var/lib/motionua",
      "  motionua serve --config examples/demo-arm.yaml --port 0    (0: any free port)",
      "  motionua serve --config examples/rtu-line.yaml --no-simulate    (drives from 'motionua sim')",
      "  motionua serve --log-level debug --log-dir /var/log/motionua --log-max-file-size 50MB",
      "  motionua serve --http-port 8080    then: curl localhost:8080/health; curl localhost:8080/metrics",
      "",
      "Logs: the console, and motionua.log in --log-dir (default <data-dir>/logs), rolled over",
      "at --log-max-file-size into motionua.1.log.gz ... (docs/operations.md).",
      "",
      "HTTP (off unless --http-port or server.http): /health answers 200 when every link is up",
      "and every drive answers, else 503 naming them; /metrics is Prometheus text; / is a read-only",
      "status page (axes, links, alarms, live) behind a login with server.users (docs/operations.md)."
    })
final class ServeCommand implements Callable<Integer> {

  private static final Logger logger = LoggerFactory.getLogger(ServeCommand.class);

  @Mixin MachineOptions machine;

  @Option(
      names = {"-p", "--port"},
      paramLabel = "N",
      description = "OPC UA port, overriding the file's server.port; 0 picks a free port.")
  Integer port;

  @Option(
      names = "--http-port",
      paramLabel = "N",
      description =
          "Serve GET /health, /metrics and the status page on this port (0: a free one, logged),"
              + " bound to the"
              + " file's server.http.bindAddress or else 127.0.0.1. Without it and without"
              + " server.http in the file there is no HTTP server. If the port cannot be"
              + " bound, a warning says so and the OPC UA server runs on without it.")
  Integer httpPort;

  @Option(
      names = "--no-simulate",
      description =
          "Treat every link as real, also those the file marks 'simulated: true': for drives"
              + " served by 'motionua sim --config' with the same file, or real ones.")
  boolean noSimulate;

  @Option(
      names = {"-d", "--data-dir"},
      paramLabel = "DIR",
      defaultValue = "data",
      description =
          "Where the server keeps its certificate and pki/ folders (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(
      names = "--log-level",
      paramLabel = "LEVEL",
      description =
          "Level of MotionUA's own log lines: trace, debug, info, warn, error or off (default:"
              + " MOTIONUA_LOG_LEVEL, else info).")
  String logLevel;

  @Option(
      names = "--log-dir",
      paramLabel = "DIR",
      description =
          "Where the rolling log file motionua.log goes (default: <data-dir>/logs); 'none' for"
              + " the console only.")
  String logDir;

  @Option(
      names = "--log-max-file-size",
      paramLabel = "SIZE",
      defaultValue = "10MB",
      description = "Size at which motionua.log is rolled over (default: ${DEFAULT-VALUE}).")
  String logMaxFileSize;

  @Option(
      names = "--log-max-files",
      paramLabel = "N",
      defaultValue = "10",
      description =
          "How many rolled-over files (motionua.1.log.gz ...) are kept, 1 to 20 (default:"
              + " ${DEFAULT-VALUE}).")
  int logMaxFiles;

  /**
   * The launchers' class-data training start (docs/operations.md, "Fast starts"): the demo on a
   * free port with a scratch data directory, stopped as soon as it is ready, so that the JVM's
   * -XX:ArchiveClassesAtExit writes the classes a start loads. Not for users, so not in --help.
   */
  @Option(names = "--cds-training", hidden = true)
  boolean cdsTraining;

  @Override
  public Integer call() {
    if (cdsTraining) {
      return trainClassDataArchive();
    }
    String logProblem = setUpLogging();
    if (logProblem != null) {
      System.err.println("motionua: serve: " + logProblem);
      return Main.EXIT_BAD_INPUT;
    }
    MachineConfig config = machine.loadOrReport();
    if (config == null) {
      return Main.EXIT_BAD_INPUT;
    }
    if (noSimulate) {
      try {
        config = config.withoutSimulation();
      } catch (ConfigException e) {
        e.problems().forEach(p -> System.err.println("motionua: " + p));
        return Main.EXIT_BAD_INPUT;
      }
    }
    if (port != null) {
      if (port < 0 || port > 65535) {
        System.err.println("motionua: --port must be 0 to 65535, not " + port);
        return Main.EXIT_BAD_INPUT;
      }
      config = config.withPort(port);
    }
    if (httpPort != null) {
      if (httpPort < 0 || httpPort > 65535) {
        System.err.println("motionua: --http-port must be 0 to 65535, not " + httpPort);
        return Main.EXIT_BAD_INPUT;
      }
      HttpSpec http = config.server().http();
      config =
          config.withServer(
              config
                  .server()
                  .withHttp(http == null ? HttpSpec.onPort(httpPort) : http.withPort(httpPort)));
    }
    if (config.server().port() == 0) {
      try {
        config = config.withPort(ListenPorts.choose(config.server().bindAddress()));
      } catch (IOException e) {
        System.err.println("motionua: no free port: " + e.getMessage());
        return Main.EXIT_FAILED;
      }
    }
    MotionUa motionUa =
        Guice.createInjector(new MotionUaModule(config, dataDir)).getInstance(MotionUa.class);
    UntilStopped until =
        UntilStopped.onShutdown(
            "motionua-shutdown",
            () -> {
              logger.info("stopping");
              motionUa.close();
            });
    try {
      motionUa.start();
    } catch (Exception e) {
      logger.error("start failed: {}", rootMessage(e));
      return Main.EXIT_FAILED;
    }
    until.await();
    return 0;
  }

  /** One start of the demo and its stop, in a scratch directory that is removed afterwards. */
  private int trainClassDataArchive() {
    Path scratch = null;
    try {
      scratch = ScratchDir.create("motionua-cds-training");
      MachineConfig config = machine.loadOrReport();
      if (config == null) {
        return Main.EXIT_BAD_INPUT;
      }
      config = config.withPort(ListenPorts.choose(config.server().bindAddress()));
      MotionUa motionUa =
          Guice.createInjector(new MotionUaModule(config, scratch)).getInstance(MotionUa.class);
      try {
        motionUa.start();
      } finally {
        motionUa.close();
      }
      return 0;
    } catch (Exception e) {
      System.err.println("motionua: class-data training start failed: " + rootMessage(e));
      return Main.EXIT_FAILED;
    } finally {
      ScratchDir.deleteQuietly(scratch);
    }
  }

  /** Applies the log options; a message naming the option when one is wrong, else null. */
  private String setUpLogging() {
    try {
      if (logLevel != null) {
        LogSetup.setLevel(logLevel);
      }
    } catch (IllegalArgumentException e) {
      return "--log-level: " + e.getMessage();
    }
    if ("none".equals(logDir)) {
      return null;
    }
    if (logMaxFiles < 1 || logMaxFiles > LogSetup.MAX_FILES) {
      return "--log-max-files: %d is outside 1-%d".formatted(logMaxFiles, LogSetup.MAX_FILES);
    }
    FileSize size;
    try {
      size = LogSetup.fileSize(logMaxFileSize);
    } catch (IllegalArgumentException e) {
      return "--log-max-file-size: " + e.getMessage();
    }
    Path dir = logDir == null ? dataDir.resolve("logs") : Path.of(logDir);
    try {
      Files.createDirectories(dir);
      Path file = LogSetup.addRollingFile(dir, size, logMaxFiles);
      logger.info("logging to {} (rolled over at {}, {} old files kept)", file, size, logMaxFiles);
    } catch (IOException | RuntimeException e) {
      return "--log-dir: cannot write logs in %s: %s".formatted(dir, e.getMessage());
    }
    return null;
  }

  static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == t ? String.valueOf(t.getMessage()) : t.getMessage() + " (" + root + ")";
  }
}
