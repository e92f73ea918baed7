package io.motionua.tools;

import io.motionua.server.config.ConfigException;
import io.motionua.server.config.ConfigLoader;
import io.motionua.server.config.MachineConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The machine file option shared by the commands. */
final class MachineOptions {

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description =
          "Machine file (YAML). Without it: the built-in demo arm (examples/demo-arm.yaml).")
  Path config;

  /**
   * The machine file, or null after printing its problem on stderr: the command then exits with
   * {@link Main#EXIT_BAD_INPUT}.
   */
  MachineConfig loadOrReport() {
    try {
      return load();
    } catch (ConfigException e) {
      for (String problem : e.problems()) {
        System.err.println("motionua: " + problem);
      }
      return null;
    }
  }

  MachineConfig load() throws ConfigException {
    return config == null ? ConfigLoader.demo() : ConfigLoader.load(config);
  }
}
