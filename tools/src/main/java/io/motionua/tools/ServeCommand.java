package io.motionua.tools;

import com.google.inject.Guice;
import io.motionua.server.MotionUa;
import io.motionua.server.MotionUaModule;
import io.motionua.server.config.ConfigException;
import io.motionua.server.config.MachineConfig;
import io.motionua.server.opcua.ListenPorts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "serve",
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
      "  motionua serve --config examples/rtu-line.yaml --no-simulate    (drives from 'motionua sim')"
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

  @Override
  public Integer call() {
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

  static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == t ? String.valueOf(t.getMessage()) : t.getMessage() + " (" + root + ")";
  }
}
